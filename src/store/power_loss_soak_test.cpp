// Power cuts under mixed load. power_loss_test.cpp cuts the power while
// orders are placed; here five threads work one database through the real
// services at once, as a warehouse does: orders come in, waves are released
// and picked, packed and shipped, cycle counts are opened, counted (some true,
// some off, so recounted and approved), purchase orders are received, stock
// is adjusted. Power is cut at a random moment (testing/power_loss_vfs.h: the
// disk forgets every write no sync made durable); after the database reopens,
// every write each service acknowledged must be there, as acknowledged, and
// audit::verify must find nothing. Then the threads carry on from where the
// reopened database stands, and the next cut follows.
//
// WAREFLOW_SOAK_CUTS sets the number of cuts: 6 in the default run (a few
// seconds), 100 in the soak run (bench/soak.sh; docs/durability.md has the
// figures of the last one).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "audit/verify.h"
#include "catalog/catalog.h"
#include "core/error.h"
#include "inventory/inventory.h"
#include "testing/power_loss_vfs.h"
#include "testing/small_shop.h"
#include "testing/temp_db.h"
#include "wms/counting.h"
#include "wms/fulfillment.h"
#include "wms/inbound.h"
#include "wms/layout.h"
#include "wms/picking.h"

namespace wareflow {
namespace {

using Clock = std::chrono::steady_clock;

int cuts_to_make() {
  const char* text = std::getenv("WAREFLOW_SOAK_CUTS");
  if (!text || !*text) return 6;
  int cuts = std::atoi(text);
  if (cuts < 1 || cuts > 10000) {
    throw std::invalid_argument("WAREFLOW_SOAK_CUTS must be 1-10000, not " + std::string(text));
  }
  return cuts;
}

// Counts (W2, P2): bays 1-16. Adjustments (W2, P3): bay 20. Receipts (W2, P4)
// land on its receiving dock. Orders, picks and shipments: P1 from W1. So the
// threads never refuse each other's work.
constexpr int kCountBays = 16;
constexpr int64_t kPoQuantity = 60;
std::string count_location(int n) { return fmt::format("A01-{:03}-1", n % kCountBays + 1); }

void set_up(testing::TempDb& t) {
  testing::set_up_small_shop(t);
  t.db->write([&](store::Tx& tx) {
    wms::WarehouseInput w;
    w.code = "W2";
    w.name = "W2";
    w.address.country = "DE";
    wms::upsert_warehouse(tx, w);
    wms::LayoutInput layout;
    layout.aisles = 1;
    layout.bays = 20;
    layout.levels = 1;
    wms::generate_layout(tx, "W2", layout);
    for (const char* sku : {"P2", "P3", "P4"}) {
      catalog::ProductInput p;
      p.sku = sku;
      p.name = sku;
      p.weight_g = 100;
      p.length_mm = p.width_mm = p.height_mm = 50;
      catalog::upsert_product(tx, p, inventory::shelf_stock());
    }
    wms::upsert_supplier(tx, {"S1", "S1", 0});
    testing::adjust_p1(t, tx, 1000000);
    for (int bay = 0; bay < kCountBays; ++bay) {
      inventory::adjust(tx, {"W2", count_location(bay), "P2", 50, "", std::nullopt, "test"},
                        t.orders.get());
    }
  });
}

// What each service acknowledged: its write returned. The latest state of
// each thing, since only that is what the reopened database must show.
struct Acknowledged {
  std::mutex mutex;
  struct Order {
    int64_t id;
    std::string channel_order_id;
    int64_t quantity;
  };
  std::vector<Order> orders;
  std::set<int64_t> waves;                               // ids
  std::map<int64_t, std::pair<int64_t, int64_t>> picks;  // line id -> pick list id, picked
  std::map<int64_t, std::string> fulfillments;           // id -> packed or shipped
  std::map<int64_t, std::string> counts;                 // id -> status
  std::map<std::string, int64_t> purchase_orders;        // number -> units received
  std::set<int64_t> adjustments;                         // move ids
  // Acknowledgements per kind over the whole run (counts: every step).
  std::map<std::string, int64_t> per_kind;
  std::atomic<int64_t> total{0};

  void count(const std::string& kind) {  // with the mutex held
    ++per_kind[kind];
    ++total;
  }
};

// One thread's view of the run: how its writes end.
struct Worker {
  testing::TempDb& t;
  testing::PowerLossVfs& vfs;
  Acknowledged& acked;
  std::atomic<bool>& failed;
  int round;

  enum class Outcome { acknowledged, refused, power_off };
  // Runs one write. A write that fails once the power is off ends the
  // thread; before that, a refusal in `expected` is part of the work and
  // anything else is a failure of the test.
  Outcome write(const char* what, const std::function<void(store::Tx&)>& body,
                std::initializer_list<const char*> expected = {}, std::string* code = nullptr) {
    try {
      t.db->write(body);
      return Outcome::acknowledged;
    } catch (const DomainError& e) {
      if (vfs.is_cut()) return Outcome::power_off;
      if (std::any_of(expected.begin(), expected.end(),
                      [&](const char* c) { return e.code() == c; })) {
        if (code) *code = e.code();
        return Outcome::refused;
      }
      ADD_FAILURE() << what << " refused before the cut: " << e.code() << ": " << e.what();
    } catch (const std::exception& e) {
      if (vfs.is_cut()) return Outcome::power_off;
      ADD_FAILURE() << what << " failed before the cut: " << e.what();
    }
    failed = true;
    return Outcome::power_off;
  }

  void place_orders() {
    for (int n = 0;; ++n) {
      std::string channel_order_id = fmt::format("r{}-{}", round, n);
      int64_t quantity = 1 + n % 3, id = 0;
      if (write("place order", [&](store::Tx& tx) {
            id = testing::place_p1_order(t, tx, channel_order_id, quantity);
          }) != Outcome::acknowledged) {
        return;
      }
      std::lock_guard lock(acked.mutex);
      acked.orders.push_back({id, channel_order_id, quantity});
      acked.count("orders");
    }
  }

  // Waves of up to five orders: every line picked whole, then each
  // fulfillment packed and shipped.
  void pick_pack_ship() {
    for (;;) {
      wms::WaveView wave;
      Outcome out = write("release wave",
                          [&](store::Tx& tx) { wave = wms::create_wave(tx, "W1", 5, *t.orders); },
                          {"nothing_to_wave"});
      if (out == Outcome::power_off) return;
      if (out == Outcome::refused) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      {
        std::lock_guard lock(acked.mutex);
        acked.waves.insert(wave.id);
        acked.count("waves");
      }
      for (const wms::PickListView& list : wave.pick_lists) {
        for (const wms::PickLineView& line : list.lines) {
          wms::PickListView after;
          wms::PickScan scan{line.id, line.location, line.sku, line.quantity, "picker"};
          if (write("confirm pick", [&](store::Tx& tx) {
                after = wms::confirm_pick(tx, list.id, scan, *t.orders);
              }) != Outcome::acknowledged) {
            return;
          }
          std::lock_guard lock(acked.mutex);
          for (const wms::PickLineView& l : after.lines) {
            if (l.id == line.id) acked.picks[l.id] = {list.id, l.picked};
          }
          acked.count("picks");
        }
      }
      for (int64_t id : wave.fulfillments) {
        if (write("pack", [&](store::Tx& tx) {
              wms::PackageInput package;
              for (const auto& l : wms::get_fulfillment(tx, id).lines) {
                if (l.picked > 0) package.items.emplace_back(l.sku, l.picked);
              }
              wms::pack(tx, id, {package}, *t.orders);
            }) != Outcome::acknowledged) {
          return;
        }
        {
          std::lock_guard lock(acked.mutex);
          acked.fulfillments[id] = "packed";
          acked.count("packs");
        }
        if (write("ship", [&](store::Tx& tx) {
              wms::ship(tx, id, {"van", std::nullopt, std::nullopt}, *t.orders);
            }) != Outcome::acknowledged) {
          return;
        }
        std::lock_guard lock(acked.mutex);
        acked.fulfillments[id] = "shipped";
        acked.count("shipments");
      }
    }
  }

  // Count after count, one location after another: each count opened,
  // started and submitted; every other one off by a unit, so recounted, sent
  // for approval and approved. Each step reads where the count stands, so a
  // step that committed unacknowledged before a cut is simply not repeated.
  void count() {
    int64_t id = 0;
    for (int n = round * 7;; ++n) {
      std::string status, code;
      Outcome out = write(
          "count",
          [&](store::Tx& tx) {
            std::string now = id ? wms::get_count(tx, id, false).status : "";
            if (now == "" || now == "accepted" || now == "approved") {
              wms::CountPolicy policy;
              wms::CountView c = wms::create_count(tx, "W2", count_location(n), policy);
              id = c.id;
              status = c.status;
            } else if (now == "open" || now == "recount") {
              status = wms::start_count(tx, id, "counter").status;
            } else if (now == "counting") {
              wms::CountView c = wms::get_count(tx, id, false);
              int64_t book = 0;
              for (const auto& w :
                   inventory::inventory_of(tx, catalog::find_product(tx, "P2")->id)) {
                for (const auto& l : w.locations) {
                  if (w.warehouse == "W2" && l.location == c.location) book += l.on_hand;
                }
              }
              std::vector<wms::CountedItem> items{{"P2", "", book + id % 2}};
              status =
                  wms::submit_count(tx, id, c.location, "counter", items, *t.orders, t.orders.get())
                      .status;
            } else if (now == "needs_approval") {
              status = wms::approve_count(tx, id, "manager", *t.orders, t.orders.get()).status;
            } else {
              throw std::logic_error("count " + std::to_string(id) + " is " + now);
            }
          },
          {"count_open"}, &code);
      if (out == Outcome::power_off) return;
      if (out == Outcome::refused) {
        // A count opened here by a write the cut kept but never answered:
        // carry that one on.
        wms::CountView open;
        t.db->read([&](store::Tx& tx) {
          for (const wms::CountView& c :
               wms::list_counts(tx, std::nullopt, std::nullopt, 0, 100000, false)) {
            if (c.warehouse == "W2" && c.location == count_location(n) && c.status != "accepted" &&
                c.status != "approved") {
              open = c;
            }
          }
        });
        if (open.id == 0) {
          ADD_FAILURE() << "count_open at " << count_location(n) << " without an open count";
          failed = true;
          return;
        }
        id = open.id;
        continue;
      }
      std::lock_guard lock(acked.mutex);
      acked.counts[id] = status;
      acked.count("count steps");
    }
  }

  // Purchase orders of 60 units, received a few at a time.
  void receive() {
    for (int n = 0;; ++n) {
      std::string number = fmt::format("PO-{}-{}", round, n);
      if (write("create purchase order", [&](store::Tx& tx) {
            wms::create_purchase_order(
                tx, {number, "S1", "W2", std::nullopt, {{"P4", kPoQuantity, std::nullopt}}});
          }) != Outcome::acknowledged) {
        return;
      }
      {
        std::lock_guard lock(acked.mutex);
        acked.purchase_orders[number] = 0;
        acked.count("purchase orders");
      }
      for (int64_t received = 0, k = 0; received < kPoQuantity; ++k) {
        wms::ReceiptInput in;
        in.sku = "P4";
        in.quantity = std::min<int64_t>(kPoQuantity - received, 1 + (n + k) % 5);
        in.received_by = "receiver";
        if (write("receive", [&](store::Tx& tx) {
              received = wms::receive(tx, number, in).purchase_order_after.lines.at(0).received;
            }) != Outcome::acknowledged) {
          return;
        }
        std::lock_guard lock(acked.mutex);
        acked.purchase_orders[number] = received;
        acked.count("receipts");
      }
    }
  }

  void adjust() {
    for (;;) {
      int64_t move = 0;
      if (write("adjust", [&](store::Tx& tx) {
            move = inventory::adjust(tx, {"W2", "A01-020-1", "P3", 1, "", std::nullopt, "soak"},
                                     t.orders.get())
                       .move_id;
          }) != Outcome::acknowledged) {
        return;
      }
      std::lock_guard lock(acked.mutex);
      acked.adjustments.insert(move);
      acked.count("adjustments");
    }
  }
};

// After a reopen: every acknowledged write is there as acknowledged, or one
// step further (a thread's last write, in flight at the cut, may have
// committed unanswered). Returns what is missing or wrong, one line each.
std::vector<std::string> check(testing::TempDb& t, Acknowledged& acked) {
  std::vector<std::string> wrong;
  // A thing that is gone altogether: its getter refuses (404).
  auto there = [&](const std::string& what, const std::function<void()>& look) {
    try {
      look();
    } catch (const DomainError& e) {
      wrong.push_back(what + ": " + e.what());
    }
  };
  t.db->read([&](store::Tx& tx) {
    for (const auto& o : acked.orders) {
      there(fmt::format("order {} ({})", o.id, o.channel_order_id), [&] {
        oms::Order order = t.orders->get_order(tx, o.id);
        if (order.channel_order_id != o.channel_order_id || order.lines.size() != 1 ||
            order.lines[0].sku != "P1" || order.lines[0].quantity != o.quantity) {
          wrong.push_back(fmt::format("order {} is not as placed", o.id));
        }
      });
    }
    for (int64_t id : acked.waves) {
      there(fmt::format("wave {}", id), [&] { wms::get_wave(tx, id); });
    }
    std::map<int64_t, std::map<int64_t, int64_t>> picked;  // list -> line -> picked now
    for (const auto& [line, pick] : acked.picks) {
      there(fmt::format("pick line {}", line), [&] {
        auto [it, fresh] = picked.try_emplace(pick.first);
        if (fresh) {
          for (const auto& l : wms::get_pick_list(tx, pick.first).lines)
            it->second[l.id] = l.picked;
        }
        if (it->second[line] < pick.second) {
          wrong.push_back(fmt::format("pick line {}: {} picked, {} acknowledged", line,
                                      it->second[line], pick.second));
        }
      });
    }
    for (const auto& [id, status] : acked.fulfillments) {
      there(fmt::format("fulfillment {}", id), [&] {
        std::string now = wms::get_fulfillment(tx, id).status;
        if (now != status && !(status == "packed" && now == "shipped")) {
          wrong.push_back(fmt::format("fulfillment {} is {}, acknowledged {}", id, now, status));
        }
      });
    }
    static const std::map<std::string, std::set<std::string>> next = {
        {"open", {"counting"}},    {"counting", {"accepted", "recount", "needs_approval"}},
        {"recount", {"counting"}}, {"needs_approval", {"approved"}},
        {"accepted", {}},          {"approved", {}}};
    for (const auto& [id, status] : acked.counts) {
      there(fmt::format("count {}", id), [&] {
        std::string now = wms::get_count(tx, id, false).status;
        if (now != status && !next.at(status).contains(now)) {
          wrong.push_back(fmt::format("count {} is {}, acknowledged {}", id, now, status));
        }
      });
    }
    for (const auto& [number, received] : acked.purchase_orders) {
      there(number, [&] {
        int64_t now = wms::get_purchase_order(tx, number).lines.at(0).received;
        if (now < received || now > received + 5) {
          wrong.push_back(fmt::format("{}: {} received, {} acknowledged", number, now, received));
        }
      });
    }
    std::set<int64_t> moves;
    int64_t p3 = catalog::find_product(tx, "P3")->id;
    for (int64_t before = 0;;) {
      auto page = inventory::moves_of(tx, p3, before, 1000);
      for (const auto& m : page) moves.insert(m.id);
      if (page.size() < 1000) break;
      before = page.back().id;
    }
    for (int64_t move : acked.adjustments) {
      if (!moves.contains(move)) wrong.push_back(fmt::format("adjustment move {} is gone", move));
    }
    for (const audit::Breach& breach : audit::verify(tx)) {
      wrong.push_back("verify: " + breach.invariant + ": " + breach.detail);
    }
  });
  return wrong;
}

TEST(PowerLossSoak, EveryAcknowledgedWriteOfMixedWorkSurvivesEachCut) {
  const int cuts = cuts_to_make();
  const Clock::time_point started = Clock::now();
  testing::PowerLossVfs vfs("wareflow-power-loss-soak");
  testing::TempDb t(vfs.name());
  set_up(t);

  Acknowledged acked;
  std::atomic<bool> failed{false};
  int64_t undone_writes = 0;
  for (int round = 0; round < cuts; ++round) {
    std::mt19937 rng(static_cast<unsigned>(round) * 7919u + 23u);
    // Cut after a random number of further acknowledgements, while the other
    // threads' writes are queued, committing or being synced.
    int64_t cut_after = acked.total + std::uniform_int_distribution<int64_t>(20, 400)(rng);
    Worker worker{t, vfs, acked, failed, round};
    std::vector<std::thread> threads;
    threads.emplace_back([&] { Worker(worker).place_orders(); });
    threads.emplace_back([&] { Worker(worker).pick_pack_ship(); });
    threads.emplace_back([&] { Worker(worker).count(); });
    threads.emplace_back([&] { Worker(worker).receive(); });
    threads.emplace_back([&] { Worker(worker).adjust(); });
    Clock::time_point deadline = Clock::now() + std::chrono::seconds(60);
    while (acked.total < cut_after && !failed && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    bool stalled = acked.total < cut_after && !failed;
    vfs.cut();
    for (std::thread& thread : threads) thread.join();
    ASSERT_FALSE(failed) << "a write failed before the power did, round " << round;
    ASSERT_FALSE(stalled) << "no progress for 60 s, round " << round;
    // The process is gone: its last attempts to write, checkpoint and clean
    // up on close all fail against the dead disk.
    t.db.reset();
    double keep = round % 2 == 0 ? 0.0 : 0.5;
    testing::PowerLossVfs::Lost lost = vfs.restore(rng, keep);
    undone_writes += lost.writes;

    t.db = store::Database::open(t.options());
    std::vector<std::string> wrong = check(t, acked);
    std::printf(
        "cut %d after %lld acknowledged writes: %lld unsynced writes undone (keep %.1f); %zu "
        "wrong\n",
        round + 1, static_cast<long long>(acked.total.load()), static_cast<long long>(lost.writes),
        keep, wrong.size());
    for (size_t i = 0; i < wrong.size() && i < 20; ++i) ADD_FAILURE() << wrong[i];
    ASSERT_TRUE(wrong.empty()) << wrong.size() << " acknowledged writes wrong after cut "
                               << round + 1;
  }
  std::string kinds;
  for (const auto& [kind, n] : acked.per_kind) kinds += fmt::format(", {} {}", kind, n);
  std::printf(
      "power-cut soak: %d cuts, %lld acknowledged writes checked after each%s; %lld "
      "unsynced writes undone; 0 failures; %.1f s\n",
      cuts, static_cast<long long>(acked.total.load()), kinds.c_str(),
      static_cast<long long>(undone_writes),
      std::chrono::duration<double>(Clock::now() - started).count());
  for (const char* kind : {"orders", "waves", "picks", "packs", "shipments", "count steps",
                           "receipts", "adjustments"}) {
    EXPECT_GT(acked.per_kind[kind], 0) << "no " << kind << " acknowledged in " << cuts << " cuts";
  }
}

}  // namespace
}  // namespace wareflow
