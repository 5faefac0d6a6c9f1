#include "jobs/job_runner.h"

namespace wareflow::jobs {

JobRunner::JobRunner(unsigned workers) {
  if (workers == 0) workers = 1;
  for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

JobRunner::~JobRunner() { stop(); }

bool JobRunner::submit(const std::string& name, Job job, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !busy_.insert(name).second) return false;
    queue_.push_back({name, std::move(job), std::move(done)});
  }
  wake_.notify_one();
  return true;
}

bool JobRunner::busy(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return busy_.count(name) > 0;
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  // Workers drain the queue before they leave, so joining waits for it all.
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

std::vector<std::pair<std::string, std::exception_ptr>> JobRunner::take_unreported_errors() {
  std::lock_guard lock(mutex_);
  return std::exchange(unreported_, {});
}

void JobRunner::work() {
  while (true) {
    Entry entry;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      entry = std::move(queue_.front());
      queue_.pop_front();
    }
    std::exception_ptr error;
    try {
      entry.job();
    } catch (...) {
      error = std::current_exception();
    }
    // The name is free again before the completion runs: a caller told
    // "done" may submit the next one at once.
    {
      std::lock_guard lock(mutex_);
      busy_.erase(entry.name);
    }
    if (entry.done) {
      try {
        entry.done(error);
        error = nullptr;
      } catch (...) {
        error = std::current_exception();
      }
    }
    if (error) {
      std::lock_guard lock(mutex_);
      unreported_.emplace_back(entry.name, error);
    }
  }
}

}  // namespace wareflow::jobs
