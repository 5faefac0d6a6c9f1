// What the demo's two parts (demo.cpp: the warehouse, catalogue, stock and
// today's open orders; demo_history.cpp: the weeks of trading before today)
// share: the shape of the warehouse and catalogue, where each product's pick
// face is, and how an order's customer and lines are drawn. Internal to app/.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "app/demo.h"
#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::app {

inline constexpr int kProducts = 2000;
inline constexpr int kOrders = 500;
inline constexpr int kAisles = 10, kBays = 30, kLevels = 4;
inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kHourMs = 3'600'000;

inline constexpr const char* kKinds[] = {"T-shirt",      "Mug",        "Notebook",  "Phone case",
                                         "Water bottle", "Headphones", "Backpack",  "Desk lamp",
                                         "Cable",        "Candle",     "Sock pack", "Board game",
                                         "Tea tin",      "Plant pot",  "Charger"};
inline constexpr const char* kColours[] = {"black", "white", "red",    "blue",
                                           "green", "grey",  "yellow", "navy"};
inline constexpr const char* kCities[][3] = {
    {"Berlin", "10115", "DE"},   {"Hamburg", "20095", "DE"}, {"Munich", "80331", "DE"},
    {"Cologne", "50667", "DE"},  {"Vienna", "1010", "AT"},   {"Zurich", "8001", "CH"},
    {"Amsterdam", "1012", "NL"}, {"Paris", "75001", "FR"}};

inline std::string demo_sku(int product) { return fmt::format("SKU-{:05}", product); }

// Product `product` (1-based) sits on the pick face of aisle/bay by its rank.
inline std::string pick_face_of(int product) {
  return fmt::format("A{:02}-{:03}-1", (product - 1) % kAisles + 1,
                     ((product - 1) / kAisles) % kBays + 1);
}

// Zipf weights (s = 1) over the first `n` products: rank 1 sells most.
inline std::discrete_distribution<int> zipf(int n) {
  std::vector<double> weights(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) weights[static_cast<size_t>(i)] = 1.0 / (i + 1);
  return std::discrete_distribution<int>(weights.begin(), weights.end());
}

// One of 300 customers at one of the cities, and 1..max_lines distinct
// products drawn by `pick_product` (0-based rank), 1-3 units each, priced.
inline void fill_customer_and_lines(oms::OrderInput& o, std::mt19937_64& rng,
                                    std::discrete_distribution<int>& pick_product, int max_lines) {
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  int64_t customer = uniform(1, 300);
  o.customer = {fmt::format("customer{}@example.com", customer),
                fmt::format("Customer {}", customer), std::nullopt};
  const auto& city = kCities[uniform(0, 7)];
  o.ship_to = {o.customer.name,
               fmt::format("Street {}", uniform(1, 200)),
               "",
               city[0],
               city[1],
               city[2],
               std::nullopt,
               std::nullopt};
  int lines = static_cast<int>(uniform(1, max_lines));
  std::vector<int> chosen;
  while (static_cast<int>(chosen.size()) < lines) {
    int product = pick_product(rng) + 1;
    if (std::find(chosen.begin(), chosen.end(), product) == chosen.end()) {
      chosen.push_back(product);
    }
  }
  for (int product : chosen) {
    o.lines.push_back({demo_sku(product), uniform(1, 3), uniform(299, 9999), std::string("EUR")});
  }
}

struct HistorySummary {
  int64_t orders = 0, shipped = 0;
};

// Writes options.history_days days of trading before today through the
// services, moving the database's clock with options.set_clock. Expects the
// clock at 06:00 of the first day and the warehouse, catalogue and stock
// written (demo.cpp). See demo.h for what a day holds.
HistorySummary write_history(store::Database& db, oms::OrderService& orders, std::mt19937_64& rng,
                             const DemoOptions& options);

}  // namespace wareflow::app
