#include "store/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/error.h"
#include "store/lease.h"
#include "testing/temp_db.h"

namespace wareflow::store {
namespace {

int64_t count_channels(Database& db) {
  int64_t n = 0;
  db.read([&](Tx& tx) {
    auto q = tx.query("SELECT COUNT(*) FROM channels");
    q.next();
    n = q.i64(0);
  });
  return n;
}

void insert_channel(Tx& tx, const std::string& code) {
  tx.exec("INSERT INTO channels (id, code, name, created_at_ms) VALUES ($1, $2, $2, 0)",
          tx.next_id("channels"), code);
}

TEST(Database, AFailingCommandIsRolledBackAloneInItsGroup) {
  testing::TempDb t;
  std::vector<std::future<void>> results;
  // Queue many commands at once so they share commit groups; every third fails
  // after writing.
  std::vector<std::promise<std::exception_ptr>> done(30);
  for (int i = 0; i < 30; ++i) {
    t.db->write_async(
        [i](Tx& tx) {
          insert_channel(tx, "c" + std::to_string(i));
          if (i % 3 == 0) throw DomainError(409, "invalid_state", "refused");
        },
        [&done, i](std::exception_ptr e) { done[i].set_value(e); });
  }
  for (int i = 0; i < 30; ++i) {
    auto error = done[i].get_future().get();
    EXPECT_EQ(error != nullptr, i % 3 == 0) << i;
  }
  EXPECT_EQ(count_channels(*t.db), 20);
  // Ids stay gap-free although rolled-back commands took some, where the
  // backend promises it; they are unique everywhere.
  t.db->read([](Tx& tx) {
    auto q = tx.query("SELECT COUNT(*), COUNT(DISTINCT id), MAX(id) FROM channels");
    q.next();
    EXPECT_EQ(q.i64(0), q.i64(1));
    if (tx.gap_free_ids()) {
      EXPECT_EQ(q.i64(0), q.i64(2));
    }
  });
}

TEST(Database, BlockingWriteRethrowsTheCommandsError) {
  testing::TempDb t;
  EXPECT_THROW(t.db->write([](Tx&) { throw DomainError(422, "invalid_field", "x", "f"); }),
               DomainError);
  t.db->write([](Tx& tx) { insert_channel(tx, "ok"); });
  EXPECT_EQ(count_channels(*t.db), 1);
}

TEST(Database, ParametersBindByNumberNotByOrderOfAppearance) {
  testing::TempDb t;
  t.db->write([](Tx& tx) {
    auto q = tx.query("SELECT $2 || '-' || $1", std::string("a"), std::string("b"));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.text(0), "b-a");
  });
}

TEST(Database, ManyWritersAreGroupedIntoFewerCommits) {
  testing::TempDb t;
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        int n = next++;
        t.db->write([n](Tx& tx) { insert_channel(tx, "t" + std::to_string(n)); });
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(count_channels(*t.db), 400);
  EXPECT_EQ(t.db->commands_committed(), 400);
  EXPECT_LE(t.db->groups_committed(), 400);
}

// A one-way signal between commands on two writers; a command run again
// opens it again harmlessly, and a wait gives up after a few seconds.
class Latch {
 public:
  void open() {
    std::call_once(once_, [this] { promise_.set_value(); });
  }
  void wait() const { opened_.wait_for(std::chrono::seconds(3)); }

 private:
  std::promise<void> promise_;
  std::shared_future<void> opened_ = promise_.get_future().share();
  std::once_flag once_;
};

// Two processes whose groups lock the same two rows in opposite orders, the
// second command of each group waiting for the first of the other: on
// PostgreSQL the database breaks the deadlock by failing one of them. Run
// again inside its own transaction it would wait for the other side, which
// waits for the rows the loser's earlier command still holds, and lose again
// until it gives up. Both commands must commit. (On SQLite one group holds
// the file's write lock, so the waits below time out and no deadlock forms.)
TEST(Database, CommandsOfTwoGroupsThatDeadlockBothCommit) {
  testing::TempDb t;
  t.db->write([](Tx& tx) {
    insert_channel(tx, "x");
    insert_channel(tx, "y");
  });
  DatabaseOptions options;
  options.path = t.path();
  std::unique_ptr<Database> other = Database::open(options);
  auto rename = [](Tx& tx, const std::string& code, const std::string& name) {
    tx.exec("UPDATE channels SET name = $1 WHERE code = $2", name, code);
  };
  Latch x_held, y_held, first_may_go, second_may_go;
  std::vector<std::promise<std::exception_ptr>> done(6);
  auto answer = [&done](size_t i) {
    return [&done, i](std::exception_ptr e) { done[i].set_value(e); };
  };
  // A command that holds each writer until both groups are queued behind it,
  // so the two that follow travel as one group.
  t.db->write_async([&](Tx&) { first_may_go.wait(); }, answer(0));
  other->write_async([&](Tx&) { second_may_go.wait(); }, answer(1));
  t.db->write_async(
      [&](Tx& tx) {
        rename(tx, "x", "first");
        x_held.open();
      },
      answer(2));
  t.db->write_async(
      [&](Tx& tx) {
        y_held.wait();
        rename(tx, "y", "first");
      },
      answer(3));
  other->write_async(
      [&](Tx& tx) {
        rename(tx, "y", "second");
        y_held.open();
      },
      answer(4));
  other->write_async(
      [&](Tx& tx) {
        x_held.wait();
        rename(tx, "x", "second");
      },
      answer(5));
  first_may_go.open();
  second_may_go.open();
  for (size_t i = 0; i < done.size(); ++i) {
    std::exception_ptr error = done[i].get_future().get();
    std::string what;
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        what = e.what();
      }
    }
    EXPECT_EQ(error, nullptr) << "command " << i << ": " << what;
  }
}

// SQLite ends the whole transaction on its own after some errors (disk
// full, I/O error, out of memory); a command that ends it itself stands in
// for that here. The commands of its group before it are undone with it, and
// those after it must not commit on their own: every command is answered as
// it ended, failed exactly when its row is not there.
TEST(Database, AGroupWhoseTransactionEndsMidwayAnswersEveryCommandAsItEnded) {
  testing::TempDb t;
  Latch started, may_go;
  std::vector<std::promise<std::exception_ptr>> done(5);
  auto answer = [&done](size_t i) {
    return [&done, i](std::exception_ptr e) { done[i].set_value(e); };
  };
  // Holds the writer in a group of its own until the four after it are
  // queued: they form the next group.
  t.db->write_async(
      [&](Tx&) {
        started.open();
        may_go.wait();
      },
      answer(0));
  started.wait();
  t.db->write_async([](Tx& tx) { insert_channel(tx, "before"); }, answer(1));
  t.db->write_async(
      [](Tx& tx) {
        insert_channel(tx, "ending");
        tx.exec("ROLLBACK");
        throw std::runtime_error("the transaction is gone");
      },
      answer(2));
  t.db->write_async([](Tx& tx) { insert_channel(tx, "after"); }, answer(3));
  t.db->write_async([](Tx& tx) { insert_channel(tx, "last"); }, answer(4));
  may_go.open();
  const char* codes[] = {"", "before", "ending", "after", "last"};
  std::vector<bool> failed(done.size());
  for (size_t i = 0; i < done.size(); ++i) failed[i] = done[i].get_future().get() != nullptr;
  EXPECT_FALSE(failed[0]);
  EXPECT_TRUE(failed[2]);
  t.db->write([](Tx&) {});  // the writer still works
  t.db->read([&](Tx& tx) {
    for (size_t i = 1; i < done.size(); ++i) {
      bool stored =
          tx.query("SELECT 1 FROM channels WHERE code = $1", std::string(codes[i])).next();
      EXPECT_EQ(stored, !failed[i]) << codes[i] << (failed[i] ? " failed" : " succeeded");
    }
  });
}

TEST(Database, ClosingFinishesQueuedWritesThenRefusesNewOnes) {
  testing::TempDb t;
  std::atomic<int> finished{0};
  for (int i = 0; i < 20; ++i) {
    t.db->write_async([i](Tx& tx) { insert_channel(tx, "q" + std::to_string(i)); },
                      [&](std::exception_ptr e) {
                        if (!e) ++finished;
                      });
  }
  t.db->close();
  EXPECT_EQ(finished.load(), 20);
  EXPECT_THROW(t.db->write([](Tx&) {}), std::runtime_error);
}

TEST(Database, TheEventFeedMarkCoversEveryAnsweredWrite) {
  testing::TempDb t;
  int64_t before = t.db->durable_event_seq();
  for (int i = 0; i < 5; ++i) {
    int64_t seq = 0;
    t.db->write([&](Tx& tx) {
      tx.exec(
          "INSERT INTO events (seq, at_ms, type, subject, data_json) VALUES ($1, 0, 't', "
          "'s', '{}')",
          before + i + 1);
      seq = before + i + 1;
    });
    EXPECT_GE(t.db->durable_event_seq(), seq);
  }
}

TEST(Database, TheLedgerRefusesUpdatesAndDeletes) {
  testing::TempDb t;
  t.db->write([](Tx& tx) {
    tx.exec(
        "INSERT INTO warehouses (id, code, name, address_json, created_at_ms, updated_at_ms) "
        "VALUES (1, 'W', 'W', '{}', 0, 0)");
    tx.exec(
        "INSERT INTO locations (id, warehouse_id, code, type, allocatable) VALUES "
        "(1, 1, 'a', 'virtual', 0), (2, 1, 'b', 'pick', 1)");
    tx.exec(
        "INSERT INTO products (id, sku, name, weight_g, length_mm, width_mm, height_mm, "
        "tracking, created_at_ms, updated_at_ms) VALUES (1, 'P', 'P', 1, 1, 1, 1, 'none', 0, 0)");
    tx.exec(
        "INSERT INTO stock_moves (id, at_ms, warehouse_id, product_id, lot, from_location_id, "
        "to_location_id, quantity, reason) VALUES (1, 0, 1, 1, '', 1, 2, 1, 'test')");
  });
  EXPECT_THROW(t.db->write([](Tx& tx) { tx.exec("DELETE FROM stock_moves"); }), std::runtime_error);
  EXPECT_THROW(t.db->write([](Tx& tx) { tx.exec("UPDATE stock_moves SET quantity = 2"); }),
               std::runtime_error);
}

TEST(Database, ALeaseHasOneHolderUntilItIsGivenBackOrExpires) {
  testing::TempDb t;
  const int64_t minute = 60'000;
  auto take = [&](const char* holder, int64_t at_ms) {
    t.set_clock(at_ms);
    bool taken = false;
    t.db->write([&](Tx& tx) { taken = take_lease(tx, "refresh:1", holder, minute); });
    return taken;
  };
  int64_t noon = 1'800'000'000'000;
  EXPECT_TRUE(take("a", noon));
  EXPECT_FALSE(take("b", noon + 1));
  EXPECT_TRUE(take("a", noon + 2));                                  // its holder again: extended
  EXPECT_FALSE(take("b", noon + 2 + minute - 1));                    // to noon + 2 + minute
  EXPECT_TRUE(take("b", noon + 2 + minute));                         // expired: taken over
  t.db->write([](Tx& tx) { release_lease(tx, "refresh:1", "a"); });  // not a's any more
  EXPECT_FALSE(take("a", noon + 3 + minute));
  t.db->write([](Tx& tx) { release_lease(tx, "refresh:1", "b"); });
  EXPECT_TRUE(take("a", noon + 4 + minute));
  t.set_clock(0);
}

}  // namespace
}  // namespace wareflow::store
