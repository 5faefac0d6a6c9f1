// The writer alone: how many orders per second the domain and the store
// commit, without HTTP. Many producers queue create_order commands as the API
// does; the single writer groups them. Compare with bench/load_orders over
// HTTP to see what the edge costs.
//
//   build/bench/writer_capture [orders=20000] [producers=16]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/demo.h"
#include "inventory/inventory.h"
#include "oms/orders.h"
#include "optimize/sourcing.h"
#include "store/database.h"

using namespace wareflow;

int main(int argc, char** argv) {
  const int total = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int producers = argc > 2 ? std::atoi(argv[2]) : 16;
  auto dir =
      std::filesystem::temp_directory_path() / ("wareflow-writer-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  store::DatabaseOptions options;
  options.path = (dir / "bench.db").string();
  auto db = store::Database::open(options);
  optimize::FewestSplitsPolicy policy;
  oms::OrderService orders(policy);
  app::create_demo(*db, orders);
  db->write([&](store::Tx& tx) {
    for (int i = 1; i <= 2000; ++i) {
      inventory::AdjustmentInput a;
      a.warehouse = "MAIN";
      a.location = "A01-001-1";
      a.sku = "SKU-" + std::string(5 - std::to_string(i).size(), '0') + std::to_string(i);
      a.quantity = 1'000'000;
      if (i % 20 == 0) {
        a.lot = "BENCH";
        a.expiry_ms = 4102444800000;
      }
      a.reason = "bench";
      inventory::adjust(tx, a, &orders);
    }
  });

  std::atomic<int> next{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&, p] {
      std::mt19937_64 rng(p);
      for (int n = next++; n < total; n = next++) {
        oms::OrderInput o;
        o.channel = "web";
        o.channel_order_id = "W-" + std::to_string(n);
        o.customer = {"c" + std::to_string(rng() % 10000) + "@example.com", "C", std::nullopt};
        o.ship_to = {"C", "Street 1", "", "Berlin", "10115", "DE", std::nullopt, std::nullopt};
        int lines = 1 + static_cast<int>(rng() % 5);
        for (int l = 0; l < lines; ++l) {
          int sku = 1 + static_cast<int>((rng() % 400) * 5 + l) % 2000;
          std::string code = std::to_string(sku);
          o.lines.push_back({"SKU-" + std::string(5 - code.size(), '0') + code,
                             1 + static_cast<int64_t>(rng() % 3), 999, std::string("EUR")});
        }
        db->write([&](store::Tx& tx) { orders.create_order(tx, o); });
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"orders\": %d, \"producers\": %d, \"seconds\": %.3f, \"orders_per_s\": %.0f, "
      "\"orders_per_commit\": %.1f}\n",
      total, producers, seconds, total / seconds,
      static_cast<double>(db->commands_committed()) / static_cast<double>(db->groups_committed()));
  db->close();
  std::filesystem::remove_all(dir);
  return 0;
}
