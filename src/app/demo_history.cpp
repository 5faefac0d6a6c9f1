// The demo's past: weeks of trading written through the services on a
// clock the demo moves (see demo.h for what a day holds).
#include <cmath>
#include <map>

#include "app/demo_internal.h"
#include "catalog/catalog.h"
#include "core/error.h"
#include "core/time.h"
#include "inventory/inventory.h"
#include "wms/fulfillment.h"
#include "wms/picking.h"
#include "wms/shipping.h"

namespace wareflow::app {
namespace {

constexpr int kSellers = 300;         // the products the history sells
constexpr double kOrdersPerDay = 35;  // on an ordinary weekday at the start
constexpr double kGrowth = 0.4;       // over the whole history
constexpr int64_t kWaveHours[] = {9, 12, 15, 18};
// Monday first: busy Mondays, quiet weekends.
constexpr double kWeekday[] = {1.15, 1.05, 1.0, 1.0, 0.95, 0.75, 0.7};

// Monday = 0 for a day's midnight (1 January 1970 was a Thursday).
int weekday_of(int64_t day_ms) { return static_cast<int>((day_ms / kDayMs + 3) % 7); }

class History {
 public:
  History(store::Database& db, oms::OrderService& orders, std::mt19937_64& rng,
          const DemoOptions& options)
      : db_(db), orders_(orders), rng_(rng), options_(options), pick_product_(zipf(kSellers)) {}

  HistorySummary run() {
    const int64_t first_day = (now_ms() / kDayMs - options_.history_days) * kDayMs;
    for (int64_t d = 0; d < options_.history_days; ++d) day(first_day + d * kDayMs, d);
    return summary_;
  }

 private:
  int64_t uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }

  // One command at simulated time `at_ms`.
  template <class Fn>
  void at(int64_t at_ms, Fn fn) {
    options_.set_clock(at_ms);
    db_.write([&](store::Tx& tx) { fn(tx); });
  }

  void day(int64_t day_ms, int64_t index) {
    deliver(day_ms + 10 * kHourMs, day_ms);
    if (weekday_of(day_ms) == 0) restock(day_ms + 6 * kHourMs, index);

    const double growth =
        1.0 + kGrowth * static_cast<double>(index) /
                  static_cast<double>(std::max<int64_t>(1, options_.history_days));
    std::poisson_distribution<int> count(kOrdersPerDay * kWeekday[weekday_of(day_ms)] * growth);
    std::vector<int64_t> arrivals(static_cast<size_t>(count(rng_)));
    for (auto& t : arrivals) t = day_ms + uniform(7 * kHourMs, 21 * kHourMs - 1);
    std::sort(arrivals.begin(), arrivals.end());

    size_t next = 0;
    std::vector<int64_t> packed;  // fulfillments waiting for the pickup
    for (int64_t hour : kWaveHours) {
      const int64_t wave_at = day_ms + hour * kHourMs;
      while (next < arrivals.size() && arrivals[next] < wave_at) place_order(arrivals[next++]);
      int64_t done_at = wave(wave_at, packed);
      // Pickups at 17:00 and 21:00 take what is packed by then.
      if (hour == 15 || hour == 18) {
        ship(std::max(done_at, day_ms + (hour == 15 ? 17 : 21) * kHourMs), packed);
      }
    }
    while (next < arrivals.size()) place_order(arrivals[next++]);
    ship(day_ms + 21 * kHourMs + 30 * 60'000, packed);
  }

  void place_order(int64_t at_ms) {
    oms::OrderInput o;
    o.channel = uniform(0, 2) == 0 ? "marketplace" : "web";
    o.channel_order_id = fmt::format("H-{:06}", ++summary_.orders);
    fill_customer_and_lines(o, rng_, pick_product_, 3);
    // Ship by the next day's last pickup.
    o.ship_by_ms = (at_ms / kDayMs + 1) * kDayMs + 21 * kHourMs;
    at(at_ms, [&](store::Tx& tx) { orders_.create_order(tx, o); });
  }

  // Waves the released fulfillments, picks every line at a picker's pace
  // (15 s a line + 5 s a unit, and some spread), packs each fulfillment
  // (40 s + 4 s a unit). Returns when the last is packed.
  int64_t wave(int64_t at_ms, std::vector<int64_t>& packed) {
    wms::WaveView w;
    try {
      at(at_ms, [&](store::Tx& tx) {
        wms::WaveRequest request;
        request.warehouse = "MAIN";
        request.max_orders = 1000;
        w = wms::create_wave(tx, request, orders_);
      });
    } catch (const DomainError&) {
      return at_ms;  // nothing released
    }
    int64_t t = at_ms + 3 * 60'000;
    for (const auto& list : w.pick_lists) {
      for (const auto& line : list.lines) {
        t += 15'000 + 5'000 * line.quantity + uniform(0, 10'000);
        wms::PickScan scan;
        scan.line_id = line.id;
        scan.location = line.location;
        scan.barcode = line.sku;
        scan.quantity = line.quantity;
        scan.picker = "picker-1";
        at(t, [&](store::Tx& tx) { wms::confirm_pick(tx, list.id, scan, orders_); });
      }
    }
    for (int64_t fulfillment : w.fulfillments) {
      wms::FulfillmentView f;
      db_.read([&](store::Tx& tx) { f = wms::get_fulfillment(tx, fulfillment); });
      std::vector<wms::PackageInput> packages;
      int64_t units = 0;
      for (const auto& line : f.lines) {
        if (line.picked == 0) continue;
        // A box per line: the largest box holds any line of the demo.
        packages.push_back({std::string("L"), std::nullopt, {{line.sku, line.picked}}});
        units += line.picked;
      }
      if (packages.empty()) continue;
      t += 40'000 + 4'000 * units + uniform(0, 20'000);
      at(t, [&](store::Tx& tx) { wms::pack(tx, fulfillment, packages, orders_); });
      packed.push_back(fulfillment);
    }
    return t;
  }

  void ship(int64_t at_ms, std::vector<int64_t>& packed) {
    if (packed.empty()) return;
    at(at_ms, [&](store::Tx& tx) {
      for (int64_t fulfillment : packed) {
        wms::ShipRequest request;
        request.carrier = "PARCEL";
        wms::ship_fulfillment(tx, fulfillment, request, orders_);
      }
    });
    for (int64_t fulfillment : packed) shipped_on_.emplace(fulfillment, at_ms / kDayMs * kDayMs);
    summary_.shipped += static_cast<int64_t>(packed.size());
    packed.clear();
  }

  // Shipments of two days ago arrive.
  void deliver(int64_t at_ms, int64_t day_ms) {
    std::vector<int64_t> due;
    for (auto it = shipped_on_.begin(); it != shipped_on_.end();) {
      if (it->second <= day_ms - 2 * kDayMs) {
        due.push_back(it->first);
        it = shipped_on_.erase(it);
      } else {
        ++it;
      }
    }
    if (due.empty()) return;
    at(at_ms, [&](store::Tx& tx) {
      for (int64_t fulfillment : due) wms::deliver(tx, fulfillment, orders_);
    });
  }

  // Every product the history sells that is below two weeks of its expected
  // demand gets four weeks' worth on its pick face.
  void restock(int64_t at_ms, int64_t index) {
    const double growth =
        1.0 + kGrowth * static_cast<double>(index) /
                  static_cast<double>(std::max<int64_t>(1, options_.history_days));
    const double units_per_day = kOrdersPerDay * growth * 2.0 /* lines */ * 2.0 /* units */;
    double harmonic = 0;
    for (int i = 1; i <= kSellers; ++i) harmonic += 1.0 / i;
    at(at_ms, [&](store::Tx& tx) {
      for (int i = 1; i <= kSellers; ++i) {
        const double daily = units_per_day / (harmonic * i);
        int64_t on_hand = 0;
        if (auto product = catalog::find_product(tx, demo_sku(i))) {
          for (const auto& stock : inventory::warehouse_stock(tx, product->id)) {
            on_hand += stock.on_hand;
          }
        }
        if (static_cast<double>(on_hand) >= 14 * daily) continue;
        inventory::AdjustmentInput a;
        a.warehouse = "MAIN";
        a.location = pick_face_of(i);
        a.sku = demo_sku(i);
        a.quantity = std::max<int64_t>(5, static_cast<int64_t>(std::ceil(28 * daily)));
        a.reason = "restock";
        if (i % 20 == 0) {
          a.lot = fmt::format("L{}-R{}", i, index);
          a.expiry_ms = at_ms + 365 * kDayMs;
        }
        inventory::adjust(tx, a, &orders_);
      }
    });
  }

  store::Database& db_;
  oms::OrderService& orders_;
  std::mt19937_64& rng_;
  const DemoOptions& options_;
  std::discrete_distribution<int> pick_product_;
  std::map<int64_t, int64_t> shipped_on_;  // fulfillment -> day shipped
  HistorySummary summary_;
};

}  // namespace

HistorySummary write_history(store::Database& db, oms::OrderService& orders, std::mt19937_64& rng,
                             const DemoOptions& options) {
  return History(db, orders, rng, options).run();
}

}  // namespace wareflow::app
