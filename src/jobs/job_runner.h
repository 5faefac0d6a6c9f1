// Background work: a fixed set of worker threads that run named jobs. Owns
// every thread it starts (none is detached): stop() waits for the queued and
// running jobs and joins the workers, so whoever owns the runner stops it
// before the things its jobs use (the database, an io_context their
// completions post to) go away. A name runs at most once at a time: submit()
// refuses a job while one of the same name is queued or running. An exception
// a job throws goes to its completion; without one it is kept for
// take_unreported_errors(), never lost.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace wareflow::jobs {

class JobRunner {
 public:
  using Job = std::function<void()>;
  // Called on the worker after the job, with the exception it threw or null.
  using Done = std::function<void(std::exception_ptr)>;

  // Starts `workers` threads (at least one).
  explicit JobRunner(unsigned workers = 2);
  ~JobRunner();  // stop()
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Queues `job`; false (and nothing runs) when a job named `name` is queued
  // or running, or the runner is stopping.
  bool submit(const std::string& name, Job job, Done done = {});

  // Whether a job of this name is queued or running.
  bool busy(const std::string& name) const;

  // Refuses new jobs, waits until the queued and running ones are done and
  // joins the workers. Idempotent.
  void stop();

  // Errors of jobs submitted without a completion (or thrown by a
  // completion), with the job's name; the list is emptied.
  std::vector<std::pair<std::string, std::exception_ptr>> take_unreported_errors();

 private:
  struct Entry {
    std::string name;
    Job job;
    Done done;
  };
  void work();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> queue_;
  std::set<std::string> busy_;  // queued or running
  std::vector<std::pair<std::string, std::exception_ptr>> unreported_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace wareflow::jobs
