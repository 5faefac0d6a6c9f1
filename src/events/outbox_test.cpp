#include "events/outbox.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "testing/temp_db.h"

namespace wareflow::events {
namespace {

// Four writers, each its own Database on the same database (to the database,
// four server processes), append events concurrently while a reader follows
// the feed as a consumer does (`after` = the last seq it saw). The reader must
// see every event exactly once, in seq order, with no gap: an event numbered
// below one already seen must never appear later.
TEST(EventFeed, AFollowerSeesEveryEventOnceInOrderWhileSeveralWritersCommit) {
  testing::TempDb t;
  constexpr int kWriters = 4;
  constexpr int kCommandsPerWriter = 60;
  constexpr int kEventsPerCommand = 3;
  constexpr int64_t kTotal = int64_t{kWriters} * kCommandsPerWriter * kEventsPerCommand;
  std::vector<std::unique_ptr<store::Database>> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.push_back(store::Database::open(database_options(t.path())));
  }
  std::atomic<int> writers_done{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kCommandsPerWriter; ++i) {
        writers[static_cast<size_t>(w)]->write([&](store::Tx& tx) {
          for (int e = 0; e < kEventsPerCommand; ++e) {
            append(tx, "test.event", "writer:" + std::to_string(w), {{"i", i}, {"e", e}});
          }
        });
      }
      ++writers_done;
    });
  }
  int64_t last = 0;
  std::vector<std::string> problems;
  auto follow = [&] {
    std::vector<Event> page;
    t.db->read([&](store::Tx& tx) { page = list_after(tx, last, 50, t.db->durable_event_seq()); });
    for (const Event& event : page) {
      if (event.seq != last + 1) {
        problems.push_back("after " + std::to_string(last) + " came " + std::to_string(event.seq));
      }
      last = event.seq;
    }
    return !page.empty();
  };
  while (writers_done.load() < kWriters) follow();
  for (auto& thread : threads) thread.join();
  // Once every writer is done and idle, the whole log is durable and visible.
  for (int round = 0; round < 200 && last < kTotal; ++round) {
    if (!follow()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(last, kTotal);
  EXPECT_TRUE(problems.empty()) << problems.size() << " gaps, first: " << problems.front();
  t.db->read([&](store::Tx& tx) {
    auto q = tx.query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM events");
    q.next();
    EXPECT_EQ(q.i64(0), kTotal);
    EXPECT_EQ(q.i64(1), 1);
    EXPECT_EQ(q.i64(2), kTotal);
  });
}

}  // namespace
}  // namespace wareflow::events
