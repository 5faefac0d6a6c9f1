// Where reads run: a few threads of their own, not the I/O threads. A slow
// read (a large carton, a long report) then waits behind other reads, never
// holds up the edge: health checks, other connections' bytes, writes being
// queued for the writer. Bounded twice: at most `max_waiting` reads wait (a
// full pool answers 503), and one caller has at most a given number of reads
// running or waiting (more are answered 429), so one token, however many
// connections it opens, cannot take every thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace wareflow::api {

class ReadPool {
 public:
  enum class Admission { accepted, pool_full, caller_busy, stopped };

  ReadPool(unsigned threads, size_t max_waiting);
  ~ReadPool();  // stop()
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;

  // Queues `work` for `caller` (a token, or all public callers as one),
  // which may have at most `caller_limit` reads running or waiting, or says
  // why not; `work` must not throw.
  Admission submit(const std::string& caller, int caller_limit, std::function<void()> work);

  // Refuses new work, runs what waits, joins the threads. Idempotent.
  void stop();

 private:
  struct Entry {
    std::string caller;
    std::function<void()> work;
  };
  void run();

  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> waiting_;
  std::unordered_map<std::string, int> by_caller_;  // running or waiting
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace wareflow::api
