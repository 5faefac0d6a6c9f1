// A log sink that collects lines in memory and writes them to standard error
// in large blocks: at 64 KiB, every second (spdlog::flush_every), on a warning
// or error, and at exit. One write() per request log line would cost the
// server about a sixth of its throughput.
#pragma once

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>
#include <unistd.h>

#include <mutex>
#include <string>

namespace wareflow::app {

class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override {
    std::lock_guard lock(mutex_);
    flush_();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= 64 * 1024) flush_();
  }

  void flush_() override {
    size_t written = 0;
    while (written < buffer_.size()) {
      ssize_t n = ::write(STDERR_FILENO, buffer_.data() + written, buffer_.size() - written);
      if (n <= 0) break;  // nowhere to log to; drop rather than block the server
      written += static_cast<size_t>(n);
    }
    buffer_.clear();
  }

 private:
  std::string buffer_;
};

}  // namespace wareflow::app
