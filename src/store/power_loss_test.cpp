// Power loss, not just a killed process. SIGKILL leaves the page cache to the
// operating system, so a commit that was never fdatasynced still survives it
// and a missing sync goes unnoticed. Here the SQLite files sit on a simulated
// disk (testing/power_loss_vfs.h) that forgets every write not followed by a sync of its
// file: orders are placed from several threads, power is cut at a random
// moment while writes are in flight, and after the database reopens every
// order that was acknowledged must be there and the ledger must pass verify.
//
// The same under mixed load (picks, counts, receipts, adjustments), 100 cuts
// in the soak run: power_loss_soak_test.cpp. What the disk model covers and
// what it does not: docs/durability.md.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "audit/verify.h"
#include "testing/power_loss_vfs.h"
#include "testing/small_shop.h"
#include "testing/temp_db.h"

namespace wareflow {
namespace {

// Orders whose placement was acknowledged (db->write returned).
struct Acknowledged {
  std::mutex mutex;
  std::vector<std::pair<int64_t, std::string>> orders;  // id, channel order id
  std::atomic<int64_t> count{0};
};

// Places one-unit orders until a write fails (the power is gone).
void place_until_failure(testing::TempDb& t, int round, int thread, Acknowledged& acked) {
  for (int n = 0;; ++n) {
    std::string channel_order_id = fmt::format("r{}-t{}-{}", round, thread, n);
    int64_t id = 0;
    try {
      t.db->write([&](store::Tx& tx) { id = testing::place_p1_order(t, tx, channel_order_id, 1); });
    } catch (const std::exception&) {
      return;
    }
    std::lock_guard lock(acked.mutex);
    acked.orders.emplace_back(id, channel_order_id);
    ++acked.count;
  }
}

TEST(PowerLoss, EveryAcknowledgedOrderSurvivesACut) {
  testing::PowerLossVfs vfs("wareflow-power-loss");
  testing::TempDb t(vfs.name());
  testing::set_up_small_shop(t);
  t.db->write([&](store::Tx& tx) { testing::adjust_p1(t, tx, 1000000); });

  constexpr int rounds = 24;
  constexpr int threads = 4;
  Acknowledged acked;
  for (int round = 0; round < rounds; ++round) {
    std::mt19937 rng(static_cast<unsigned>(round) * 7919u + 17u);
    // Cut after a random number of further acknowledgements, while the other
    // threads' writes are queued, committing or being synced.
    int64_t cut_after = acked.count + std::uniform_int_distribution<int64_t>(1, 400)(rng);
    std::atomic<int> running{threads};
    std::vector<std::thread> writers;
    for (int i = 0; i < threads; ++i) {
      writers.emplace_back([&, i] {
        place_until_failure(t, round, i, acked);
        --running;
      });
    }
    while (acked.count < cut_after && running == threads) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    ASSERT_EQ(running.load(), threads) << "a write failed before the power did";
    vfs.cut();
    for (std::thread& writer : writers) writer.join();
    // The process is gone: its last attempts to write, checkpoint and clean
    // up on close all fail against the dead disk.
    t.db.reset();
    double keep = round % 2 == 0 ? 0.0 : 0.5;
    testing::PowerLossVfs::Lost lost = vfs.restore(rng, keep);

    t.db = store::Database::open(t.options());
    int64_t missing = 0;
    t.db->read([&](store::Tx& tx) {
      for (const auto& [id, channel_order_id] : acked.orders) {
        try {
          if (t.orders->get_order(tx, id).channel_order_id != channel_order_id) ++missing;
        } catch (const std::exception&) {
          ++missing;
        }
      }
      for (const audit::Breach& breach : audit::verify(tx)) {
        ADD_FAILURE() << breach.invariant << ": " << breach.detail;
      }
    });
    std::printf(
        "round %d: %zu acknowledged so far, cut after %lld; %lld unsynced writes (%lld bytes) "
        "undone, keep %.1f; %lld acknowledged missing\n",
        round, acked.orders.size(), static_cast<long long>(cut_after),
        static_cast<long long>(lost.writes), static_cast<long long>(lost.bytes), keep,
        static_cast<long long>(missing));
    ASSERT_EQ(missing, 0) << "of " << acked.orders.size() << " acknowledged orders, round "
                          << round;
  }
}

}  // namespace
}  // namespace wareflow
