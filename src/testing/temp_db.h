// Test support: a fresh database, removed afterwards, with the services wired
// as `wareflow serve` wires them. An SQLite file in a temporary directory; or,
// when WAREFLOW_TEST_BACKEND=postgres, a new database on the PostgreSQL server
// named by WAREFLOW_TEST_POSTGRES (make test starts one). A PostgreSQL run
// without that server fails: it is never skipped.
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/time.h"
#include "events/outbox.h"
#include "oms/orders.h"
#include "optimize/sourcing.h"
#include "store/database.h"
#include "store/postgres_server.h"

namespace wareflow::testing {

class TempDb {
 public:
  TempDb() : TempDb(on_postgres(), "") {}
  // Always an SQLite file, opened through the VFS named `sqlite_vfs`: the
  // power-loss test simulates the disk under the files, whichever backend the
  // run is for.
  explicit TempDb(const std::string& sqlite_vfs) : TempDb(false, sqlite_vfs) {}

 private:
  TempDb(bool postgres, const std::string& sqlite_vfs) {
    static int counter = 0;
    std::string name =
        "wareflow_unit_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (postgres) {
      const char* server = std::getenv("WAREFLOW_TEST_POSTGRES");
      if (!server || !*server) {
        throw std::runtime_error(
            "WAREFLOW_TEST_BACKEND=postgres needs WAREFLOW_TEST_POSTGRES (a server URI); make test "
            "starts one");
      }
      server_ = server;
      postgres_name_ = name;
      path_ = store::create_postgres_database(server_, name);
      db = store::Database::open(with_clock(events::database_options(path_)));
    } else {
      dir_ = std::filesystem::temp_directory_path() / name;
      std::filesystem::create_directories(dir_);
      path_ = (dir_ / "test.db").string();
      sqlite_vfs_ = sqlite_vfs;
      db = store::Database::open(options());
    }
    orders = std::make_unique<oms::OrderService>(policy_);
  }

 public:
  ~TempDb() {
    orders.reset();
    db.reset();
    if (!postgres_name_.empty()) {
      try {
        store::drop_postgres_database(server_, postgres_name_);
      } catch (const std::exception&) {
        // The throwaway server goes away with make test's trap anyway.
      }
    } else {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  // The database's path or URI, for opening it a second time (a second
  // server process on the same database).
  const std::string& path() const { return path_; }
  // The options `db` was opened with, for opening it again (after a
  // simulated crash).
  store::DatabaseOptions options() {
    store::DatabaseOptions options = with_clock(events::database_options(path_));
    options.sqlite_vfs = sqlite_vfs_;
    return options;
  }

  // Transactions that start from now on read `at_ms` as their clock (0: the
  // system clock again): how a test writes a past through the services.
  void set_clock(int64_t at_ms) { clock_at_ms_ = at_ms; }

  static bool on_postgres() {
    const char* backend = std::getenv("WAREFLOW_TEST_BACKEND");
    return backend && std::string(backend) == "postgres";
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  std::unique_ptr<store::Database> db;
  std::unique_ptr<oms::OrderService> orders;

 private:
  store::DatabaseOptions with_clock(store::DatabaseOptions options) {
    options.clock = [this] {
      int64_t at = clock_at_ms_.load();
      return at ? at : now_ms();
    };
    return options;
  }

  std::atomic<int64_t> clock_at_ms_{0};
  std::filesystem::path dir_;
  std::string path_;
  std::string sqlite_vfs_;
  std::string server_;
  std::string postgres_name_;
  optimize::ExactSourcingPolicy policy_;
};

}  // namespace wareflow::testing
