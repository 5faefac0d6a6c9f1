// A log sink that never makes a request thread wait for standard error. Lines
// collect in memory; a thread of the sink's own writes them in large blocks
// (at 64 KiB, every second through spdlog::flush_every, on a warning or
// error, and at exit). One write() per request log line would cost the server
// about a sixth of its throughput, and a reader of the log that stops reading
// (a full pipe) must not stop the server: while the writer is stuck, lines
// beyond kMaxPendingBytes are dropped and counted, and the count is logged
// once writing works again. (A reader that went away altogether makes write()
// fail with EPIPE: the server ignores SIGPIPE.)
#pragma once

#include <poll.h>
#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace wareflow::app {

class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr size_t kBlockBytes = 64 * 1024;
  static constexpr size_t kMaxPendingBytes = 8 * 1024 * 1024;

  BufferedStderrSink() : writer_([this] { run_writer(); }) {}

  ~BufferedStderrSink() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      flush_due_ = true;
    }
    wake_.notify_one();
    writer_.join();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (pending_.size() >= kMaxPendingBytes) {
      ++dropped_;
      return;
    }
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    pending_.append(formatted.data(), formatted.size());
    if (pending_.size() >= kBlockBytes) flush_();
  }

  // Called with mutex_ held: only hands the lines to the writer thread.
  void flush_() override {
    flush_due_ = true;
    wake_.notify_one();
  }

 private:
  void run_writer() {
    std::string block;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return flush_due_ || stopping_; });
      flush_due_ = false;
      if (dropped_ > 0) {
        pending_ += "log: " + std::to_string(dropped_) +
                    " lines dropped while standard error was not read\n";
        dropped_ = 0;
      }
      block.swap(pending_);
      bool stop = stopping_.load();
      lock.unlock();
      write_all(block);
      block.clear();
      lock.lock();
      if (stop && pending_.empty()) return;
    }
  }

  // Writes in pieces a pipe takes without blocking once poll() says it has
  // room, so the thread is never stuck inside write(); at exit it gives a
  // reader that does not read two seconds, then drops the rest.
  void write_all(const std::string& block) {
    constexpr size_t kPiece = 4096;  // PIPE_BUF: what POLLOUT promises room for
    size_t written = 0;
    int waited_ms = 0;
    while (written < block.size()) {
      pollfd target{STDERR_FILENO, POLLOUT, 0};
      int ready = ::poll(&target, 1, 100);
      if (ready < 0 && errno != EINTR) return;
      if (target.revents & (POLLERR | POLLHUP | POLLNVAL)) return;  // nobody to read it
      if (ready <= 0) {
        waited_ms += 100;
        if (stopping_.load() && waited_ms >= 2000) return;
        continue;
      }
      ssize_t n =
          ::write(STDERR_FILENO, block.data() + written, std::min(kPiece, block.size() - written));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // nowhere to log to: the lines are lost, the server goes on
      written += static_cast<size_t>(n);
    }
  }

  std::string pending_;  // guarded by mutex_ (base_sink's)
  size_t dropped_ = 0;
  bool flush_due_ = false;
  std::atomic<bool> stopping_{false};
  std::condition_variable wake_;
  std::thread writer_;
};

}  // namespace wareflow::app
