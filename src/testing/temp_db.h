// Test support: a fresh database file in a temporary directory, removed
// afterwards, with the services wired as `wareflow serve` wires them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "events/outbox.h"
#include "oms/orders.h"
#include "optimize/sourcing.h"
#include "store/database.h"

namespace wareflow::testing {

class TempDb {
 public:
  TempDb() {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("wareflow-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    store::DatabaseOptions options;
    options.path = (dir_ / "test.db").string();
    options.durable_mark = events::last_seq;
    db = store::Database::open(options);
    orders = std::make_unique<oms::OrderService>(policy_);
  }
  ~TempDb() {
    orders.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  std::unique_ptr<store::Database> db;
  std::unique_ptr<oms::OrderService> orders;

 private:
  std::filesystem::path dir_;
  optimize::ExactSourcingPolicy policy_;
};

}  // namespace wareflow::testing
