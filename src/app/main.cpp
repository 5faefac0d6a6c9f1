// wareflow: the command line. `serve` runs the HTTP API; the other commands
// work on a database file directly.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/api.h"
#include "api/server.h"
#include "app/csv_import.h"
#include "app/demo.h"
#include "app/log_format.h"
#include "app/log_sink.h"
#include "app/pure_cli.h"
#include "audit/verify.h"
#include "auth/tokens.h"
#include "core/error.h"
#include "core/time.h"
#include "events/outbox.h"
#include "oms/orders.h"
#include "optimize/sourcing.h"
#include "store/backup.h"
#include "store/database.h"

using namespace wareflow;

namespace {

constexpr const char* kDatabaseHelp =
    "Database: an SQLite file, or a PostgreSQL URI (postgresql://user@host:port/dbname, also "
    "postgresql://h1:p1,h2:p2/dbname?target_session_attrs=read-write)";

std::unique_ptr<store::Database> open_database(const std::string& path,
                                               const std::string& report_replica = "",
                                               int64_t read_timeout_ms = 0) {
  store::DatabaseOptions options = events::database_options(path);
  options.report_replica = report_replica;
  options.read_timeout_ms = read_timeout_ms;
  return store::Database::open(options);
}

// Orders are sourced by the exact program (fewest shipments, then lowest
// cost) when one warehouse cannot ship everything. It runs inside the single
// writer, so its time is capped tightly; past the cap the better of its best
// plan and the greedy cover is taken (the order event records which).
optimize::ExactSourcingPolicy sourcing_policy() {
  optimize::ExactSourcingPolicy policy;
  policy.time_limit_ms = 20;
  return policy;
}

bool split_listen(const std::string& listen, std::string& host, uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    int value = std::stoi(listen.substr(colon + 1));
    if (value < 0 || value > 65535) return false;
    port = static_cast<uint16_t>(value);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

// `options` carries the limits from the command line; the address is set here.
int run_serve(const std::string& db_path, const std::string& reports_db, const std::string& listen,
              api::ServerOptions options, const std::string& web_root, int64_t read_timeout_ms) {
  // Keep freed memory in the process: returning it to the kernel after every
  // burst and faulting it back in costs more than the memory.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  if (!split_listen(listen, options.host, options.port)) {
    std::cerr << "--listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  std::optional<api::StaticFiles> web;
  if (!web_root.empty()) {
    try {
      web = api::StaticFiles::load(web_root);
    } catch (const std::exception& e) {
      std::cerr << "--web-root: " << e.what() << "\n";
      return 2;
    }
    options.web = &*web;
    spdlog::info("serving the web app from {} ({} files)", web_root, web->file_count());
  }
  std::unique_ptr<store::Database> db;
  try {
    db = open_database(db_path, reports_db, read_timeout_ms);
  } catch (const std::invalid_argument& e) {
    std::cerr << "--reports-db: " << e.what() << "\n";
    return 2;
  }
  if (!reports_db.empty()) spdlog::info("reports read from the replica {}", reports_db);
  optimize::ExactSourcingPolicy policy = sourcing_policy();
  oms::OrderService orders(policy);
  api::Api api(*db, orders);
  api::serve(api, options, [&](uint16_t port) {
    spdlog::info("wareflow listening on http://{}:{} (database {})", options.host, port, db_path);
    spdlog::default_logger()->flush();
  });
  api.wait_for_background_work();
  db->close();
  spdlog::info("stopped after {} write commands in {} commits", db->commands_committed(),
               db->groups_committed());
  spdlog::default_logger()->flush();
  return 0;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  // A log reader (or any pipe) that goes away must not end the process:
  // writes to it fail with EPIPE instead.
  std::signal(SIGPIPE, SIG_IGN);
  auto logger =
      std::make_shared<spdlog::logger>("wareflow", std::make_shared<app::BufferedStderrSink>());
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  spdlog::flush_every(std::chrono::seconds(1));

  CLI::App app{"Wareflow: order and warehouse management"};
  app.require_subcommand(1);
  std::string db_path = "wareflow.db";

  auto* serve = app.add_subcommand("serve", "Run the HTTP API");
  std::string listen = "127.0.0.1:8080";
  api::ServerOptions server_options;
  bool quiet = false;
  serve->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  serve->add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
  serve->add_option("--threads", server_options.threads, "I/O threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->add_option("--max-body", server_options.max_body_bytes, "Largest request body in bytes")
      ->check(CLI::Range(1024, 64 << 20))
      ->capture_default_str();
  serve
      ->add_option("--max-connections", server_options.max_connections,
                   "Open connections beyond this are answered 503 and closed (lowered to what "
                   "the descriptor limit allows)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve
      ->add_option("--write-timeout", server_options.write_timeout_s,
                   "Seconds a client may take to read an answer before it is cut off")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  double read_timeout_s = 30;
  serve
      ->add_option("--read-timeout", read_timeout_s,
                   "Seconds a read may run before it is stopped and answered 503 read_timeout "
                   "(fractions allowed)")
      ->check(CLI::Range(0.001, 3600.0))
      ->capture_default_str();
  serve->add_flag("--quiet", quiet, "No log line per request");
  std::string log_format = "text";
  serve
      ->add_option("--log-format", log_format,
                   "text (time level message) or json (one JSON object per line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  std::string reports_db;
  serve->add_option("--reports-db", reports_db,
                    "PostgreSQL only: URI of a read replica (hot standby) the /reports routes "
                    "read from; they fall back to --db while it cannot serve them");
  std::string web_root;
  serve->add_option("--web-root", web_root,
                    "Directory of the built web app (web/dist) to serve at /");

  auto* demo = app.add_subcommand("demo", "Create demo data in a new database");
  uint64_t seed = 42;
  demo->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  demo->add_option("--seed", seed, "Random seed");
  int64_t history_days = 0;
  demo->add_option("--history-days", history_days,
                   "Days of trading to write before today (orders, picks, shipments)")
      ->check(CLI::Range(0, 365));

  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "Create a token and print it");
  std::string role_name, token_name;
  token_create->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  token_create->add_option("--role", role_name, "admin, manager, operator, integration, viewer")
      ->required();
  token_create->add_option("--name", token_name, "Who or what uses it")->required();

  auto* token_revoke = token->add_subcommand("revoke", "Revoke every token with this name");
  token_revoke->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  token_revoke->add_option("--name", token_name, "The token's name")->required();
  auto* token_list = token->add_subcommand("list", "List tokens (names and roles, never secrets)");
  token_list->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();

  auto* verify = app.add_subcommand("verify", "Check the ledger invariants I1-I6");
  verify->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();

  auto* backup = app.add_subcommand(
      "backup", "Write a consistent copy of a live database (SQLite file; PostgreSQL: pg_dump)");
  std::string backup_to;
  backup->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  backup->add_option("--to", backup_to, "The backup file to write (must not exist)")->required();

  auto* import = app.add_subcommand("import", "Import a CSV file");
  std::string kind_name, csv_path;
  import->add_option("kind", kind_name, "products, stock or orders")
      ->required()
      ->check(CLI::IsMember({"products", "stock", "orders"}));
  import->add_option("--db", db_path, kDatabaseHelp)->capture_default_str();
  import->add_option("--file", csv_path, "CSV file")->required();

  auto* routes = app.add_subcommand("routes", "List the HTTP routes");

  std::string input_path;
  auto* optimize = app.add_subcommand("optimize", "Run an optimizer on a JSON input file");
  optimize->require_subcommand(1);
  auto* optimize_route = optimize->add_subcommand("route", "Shortest pick route through a layout");
  optimize_route->add_option("--input", input_path, "JSON request file")->required();
  auto* optimize_batch = optimize->add_subcommand("batch", "Batch orders onto picking carts");
  optimize_batch->add_option("--input", input_path, "JSON request file")->required();
  auto* optimize_slot =
      optimize->add_subcommand("slot", "Slot SKUs by velocity and plan the re-slotting moves");
  optimize_slot->add_option("--input", input_path, "JSON request file")->required();
  auto* optimize_source = optimize->add_subcommand(
      "source", "Choose the warehouses that ship an order: fewest shipments, then cost");
  optimize_source->add_option("--input", input_path, "JSON request file")->required();
  auto* optimize_cartonize =
      optimize->add_subcommand("cartonize", "Pack items into the fewest, cheapest boxes in 3D");
  optimize_cartonize->add_option("--input", input_path, "JSON request file")->required();
  auto* forecast = app.add_subcommand("forecast", "Forecast demand series from a JSON input file");
  forecast->add_option("--input", input_path, "JSON request file")->required();
  auto* reorder = app.add_subcommand(
      "reorder", "Safety stock, reorder points and purchase suggestions from a JSON input file");
  reorder->add_option("--input", input_path, "JSON request file")->required();
  auto* simulate = app.add_subcommand(
      "simulate", "Simulate pick, pack and ship of a set of orders from a JSON input file");
  simulate->add_option("--input", input_path, "JSON request file")->required();

  CLI11_PARSE(app, argc, argv);

  try {
    if (serve->parsed()) {
      server_options.log_requests = !quiet;
      if (log_format == "json") {
        server_options.log_json = true;
        spdlog::set_formatter(std::make_unique<app::JsonLineFormatter>());
      }
      return run_serve(db_path, reports_db, listen, server_options, web_root,
                       std::llround(read_timeout_s * 1000));
    }

    if (optimize_route->parsed()) return app::run_optimize_route(read_file(input_path), std::cout);
    if (optimize_batch->parsed()) return app::run_optimize_batch(read_file(input_path), std::cout);
    if (optimize_slot->parsed()) return app::run_optimize_slot(read_file(input_path), std::cout);
    if (optimize_source->parsed()) {
      return app::run_optimize_source(read_file(input_path), std::cout);
    }
    if (optimize_cartonize->parsed()) {
      return app::run_optimize_cartonize(read_file(input_path), std::cout);
    }
    if (forecast->parsed()) return app::run_forecast(read_file(input_path), std::cout);
    if (reorder->parsed()) return app::run_reorder(read_file(input_path), std::cout);
    if (simulate->parsed()) return app::run_simulate(read_file(input_path), std::cout);

    if (routes->parsed()) {
      auto db = open_database(":memory:");
      optimize::ExactSourcingPolicy policy = sourcing_policy();
      oms::OrderService orders(policy);
      api::Api api(*db, orders);
      // METHOD PATH ROLES (comma-separated, or "public")
      for (const auto& route : api.routes()) {
        std::string roles;
        for (const auto& role : route.roles) roles += (roles.empty() ? "" : ",") + role;
        std::cout << route.method << " " << route.pattern << " "
                  << (roles.empty() ? "public" : roles) << "\n";
      }
      return 0;
    }

    if (demo->parsed()) {
      // The history is written on a clock the demo moves; 0 is the system clock.
      std::atomic<int64_t> demo_clock{0};
      store::DatabaseOptions db_options = events::database_options(db_path);
      db_options.clock = [&demo_clock] {
        int64_t at = demo_clock.load();
        return at ? at : now_ms();
      };
      auto db = store::Database::open(db_options);
      optimize::ExactSourcingPolicy policy = sourcing_policy();
      oms::OrderService orders(policy);
      app::DemoOptions demo_options;
      demo_options.seed = seed;
      demo_options.history_days = history_days;
      demo_options.set_clock = [&demo_clock](int64_t at) { demo_clock.store(at); };
      auto summary = app::create_demo(*db, orders, demo_options);
      std::cerr << "demo: " << summary.products << " products, " << summary.locations
                << " locations, " << summary.stocked_units << " units in stock, " << summary.orders
                << " orders (" << summary.backordered_orders << " backordered)";
      if (history_days > 0) {
        std::cerr << "; " << history_days << " days of history: " << summary.history_orders
                  << " orders, " << summary.history_shipped << " shipments";
      }
      std::cerr << "\n";
      return 0;
    }

    if (token_create->parsed()) {
      auto role = auth::parse_role(role_name);
      if (!role) {
        std::cerr << "--role must be one of admin, manager, operator, integration, viewer\n";
        return 2;
      }
      auto db = open_database(db_path);
      std::string created;
      db->write([&](store::Tx& tx) { created = auth::create_token(tx, *role, token_name); });
      std::cout << created << std::endl;
      return 0;
    }

    if (token_revoke->parsed()) {
      auto db = open_database(db_path);
      int64_t revoked = 0;
      db->write([&](store::Tx& tx) { revoked = auth::revoke_tokens(tx, token_name); });
      std::cout << "revoked " << revoked << " token(s) named " << token_name << "\n";
      return revoked > 0 ? 0 : 1;
    }

    if (token_list->parsed()) {
      auto db = open_database(db_path);
      db->read([&](store::Tx& tx) {
        for (const auto& t : auth::list_tokens(tx)) {
          std::cout << t.name << "\t" << auth::role_name(t.role) << "\t"
                    << format_rfc3339(t.created_at_ms) << (t.revoked ? "\trevoked" : "") << "\n";
        }
      });
      return 0;
    }

    if (verify->parsed()) {
      if (!store::is_postgres_uri(db_path) && !std::filesystem::exists(db_path)) {
        std::cerr << "no database " << db_path << "\n";
        return 2;
      }
      auto db = open_database(db_path);
      std::vector<audit::Breach> breaches;
      db->read([&](store::Tx& tx) { breaches = audit::verify(tx); });
      if (breaches.empty()) {
        std::cout << "ok: invariants I1-I6 hold\n";
        return 0;
      }
      for (const auto& b : breaches) std::cout << b.invariant << " violated: " << b.detail << "\n";
      return 1;
    }

    if (backup->parsed()) {
      store::backup(db_path, backup_to);
      std::cerr << "backup written to " << backup_to << "\n";
      return 0;
    }

    if (import->parsed()) {
      app::ImportKind kind = kind_name == "products" ? app::ImportKind::products
                             : kind_name == "stock"  ? app::ImportKind::stock
                                                     : app::ImportKind::orders;
      std::string text = read_file(csv_path);
      auto db = open_database(db_path);
      optimize::ExactSourcingPolicy policy = sourcing_policy();
      oms::OrderService orders(policy);
      auto result = app::import_csv(*db, orders, kind, text);
      std::cout << "imported " << result.records << " " << kind_name << " from " << result.rows
                << " rows\n";
      return 0;
    }
  } catch (const app::ImportError& e) {
    std::cerr << "import failed, nothing was imported: " << e.what() << "\n";
    return 1;
  } catch (const DomainError& e) {
    std::cerr << "refused: " << e.detail() << " [" << e.code() << "]\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
