// Inside the store: what both backends share around their connections. The
// queue between write_async's callers and the writer thread, which takes the
// queued commands a group at a time; and the pool of reader connections.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "store/database.h"

namespace wareflow::store {

struct Command {
  Database::WriteFn fn;
  Database::DoneFn done;
  std::exception_ptr error;  // what the command threw, or what failed its commit
};

class CommandQueue {
 public:
  // Queues a command; once stopped, answers it at once with an error.
  void push(Database::WriteFn fn, Database::DoneFn done) {
    {
      std::lock_guard lock(mutex_);
      if (!stopping_) {
        queue_.push_back(Command{std::move(fn), std::move(done), nullptr});
        wake_.notify_one();
        return;
      }
    }
    done(std::make_exception_ptr(std::runtime_error("database is closing")));
  }

  // Waits for commands and takes up to `max` of them, oldest first. Empty once
  // the queue is stopped and everything queued before has been taken.
  std::vector<Command> take(size_t max) {
    std::vector<Command> group;
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    while (!queue_.empty() && group.size() < max) {
      group.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    return group;
  }

  // Commands waiting for the writer (not those it is running).
  size_t size() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }

  // Refuses new commands from now on; true the first time only.
  bool stop() {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    stopping_ = true;
    wake_.notify_all();
    return true;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Command> queue_;
  bool stopping_ = false;
};

// Idle reader connections, at most `capacity` kept; more are made on demand
// and closed when given back to a full pool.
template <class Connection>
class ConnectionPool {
 public:
  explicit ConnectionPool(size_t capacity) : capacity_(capacity) {}

  // An idle connection, or null when there is none.
  std::unique_ptr<Connection> take_idle() {
    std::lock_guard lock(mutex_);
    if (idle_.empty()) return nullptr;
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  void give_back(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < capacity_) idle_.push_back(std::move(connection));
  }

  // Closes every idle connection (they lead to a server that went away).
  void clear() {
    std::vector<std::unique_ptr<Connection>> closing;
    {
      std::lock_guard lock(mutex_);
      closing.swap(idle_);
    }
  }

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace wareflow::store
