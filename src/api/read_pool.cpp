#include "api/read_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace wareflow::api {

constexpr int kReadNice = 5;

ReadPool::ReadPool(unsigned threads, size_t max_waiting) : max_waiting_(max_waiting) {
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) threads_.emplace_back([this] { run(); });
}

ReadPool::~ReadPool() { stop(); }

ReadPool::Admission ReadPool::submit(const std::string& caller, int caller_limit,
                                     std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Admission::stopped;
    if (waiting_.size() >= max_waiting_) return Admission::pool_full;
    int& count = by_caller_[caller];
    if (count >= caller_limit) {
      if (count == 0) by_caller_.erase(caller);
      return Admission::caller_busy;
    }
    ++count;
    waiting_.push_back(Entry{caller, std::move(work)});
  }
  wake_.notify_one();
  return Admission::accepted;
}

void ReadPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  std::lock_guard lock(mutex_);
  threads_.clear();
}

void ReadPool::run() {
  // Behind the I/O threads and the writer when the cores are busy: a burst
  // of expensive reads slows reads, not health checks or writes.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kReadNice);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // stopping, and nothing left
    Entry entry = std::move(waiting_.front());
    waiting_.pop_front();
    lock.unlock();
    entry.work();
    entry.work = nullptr;  // what it holds (the call) goes before the count does
    lock.lock();
    auto it = by_caller_.find(entry.caller);
    if (--it->second == 0) by_caller_.erase(it);
  }
}

}  // namespace wareflow::api
