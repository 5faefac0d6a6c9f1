#include "jobs/job_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>

namespace wareflow::jobs {
namespace {

using namespace std::chrono_literals;

TEST(JobRunner, RefusesAJobWhileOneOfTheSameNameRuns) {
  JobRunner runner(2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(runner.submit("refresh", [&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();
  EXPECT_TRUE(runner.busy("refresh"));
  EXPECT_FALSE(runner.submit("refresh", [] {}));
  std::promise<void> other_ran;
  EXPECT_TRUE(runner.submit("other", [&] { other_ran.set_value(); }));
  EXPECT_EQ(other_ran.get_future().wait_for(5s), std::future_status::ready);
  std::promise<void> done;
  release.set_value();
  // Free again once the first one finished.
  while (runner.busy("refresh")) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(runner.submit(
      "refresh", [] {}, [&](std::exception_ptr) { done.set_value(); }));
  EXPECT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
}

TEST(JobRunner, StopWaitsForRunningAndQueuedJobsThenRefuses) {
  std::atomic<int> finished{0};
  JobRunner runner(1);
  std::promise<void> started;
  runner.submit("slow", [&] {
    started.set_value();
    std::this_thread::sleep_for(200ms);
    ++finished;
  });
  runner.submit("queued", [&] { ++finished; });
  started.get_future().wait();
  runner.stop();
  EXPECT_EQ(finished.load(), 2);
  EXPECT_FALSE(runner.submit("late", [&] { ++finished; }));
  runner.stop();  // again: nothing to do
  EXPECT_EQ(finished.load(), 2);
}

TEST(JobRunner, AnExceptionGoesToTheCompletion) {
  JobRunner runner(1);
  std::promise<std::exception_ptr> reported;
  runner.submit(
      "fails", [] { throw std::runtime_error("boom"); },
      [&](std::exception_ptr error) { reported.set_value(error); });
  auto error = reported.get_future().get();
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), std::runtime_error);
  runner.stop();
  EXPECT_TRUE(runner.take_unreported_errors().empty());
}

TEST(JobRunner, AnExceptionWithoutACompletionIsKept) {
  JobRunner runner(1);
  runner.submit("fails", [] { throw std::runtime_error("boom"); });
  runner.submit(
      "completion fails", [] {},
      [](std::exception_ptr) { throw std::logic_error("in the completion"); });
  runner.stop();
  auto errors = runner.take_unreported_errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].first, "fails");
  EXPECT_THROW(std::rethrow_exception(errors[0].second), std::runtime_error);
  EXPECT_EQ(errors[1].first, "completion fails");
  EXPECT_THROW(std::rethrow_exception(errors[1].second), std::logic_error);
  EXPECT_TRUE(runner.take_unreported_errors().empty());
}

}  // namespace
}  // namespace wareflow::jobs
