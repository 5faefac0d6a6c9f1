// Counters, gauges and histograms for `GET /metrics`, and the Prometheus text
// exposition format (0.0.4) they are written in. std only, so that any module
// (the store's writer, the HTTP server) can keep its own numbers without
// knowing who reads them.
//
// Recording is a few relaxed atomic operations: no lock, no allocation, so a
// request or the writer thread never waits for a scrape. Histograms have fixed
// bucket bounds. A labeled family finds a series under a shared lock (many
// threads at once; only a label set's first use takes it alone) and never
// holds more than its cap of series: label values beyond it all go to one
// series whose values are "overflow" (bounded memory whatever the labels).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wareflow::metrics {

class Counter {
 public:
  void add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void add(int64_t n) { value_.fetch_add(n, std::memory_order_relaxed); }
  void set(int64_t n) { value_.store(n, std::memory_order_relaxed); }
  int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

// A histogram's state at one moment: per bucket the number of observations
// at most its bound (cumulative, as the format wants), then +Inf (= count).
struct HistogramSnapshot {
  std::vector<double> bounds;
  std::vector<uint64_t> cumulative;  // bounds.size() + 1 entries, the last is +Inf
  double sum = 0;
  uint64_t count = 0;
};

class Histogram {
 public:
  // `bounds` ascending upper bounds; +Inf is implied.
  explicit Histogram(std::vector<double> bounds);
  void observe(double value);
  // Buckets, sum and count are read one after the other while observations
  // go on, so a snapshot may be off by the observations made meanwhile;
  // the cumulative counts are made monotonic and count is the +Inf bucket.
  HistogramSnapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<double> sum_{0};
};

// Upper bounds of request and commit durations, in seconds: 0.5 ms to 10 s.
std::vector<double> latency_buckets();

using Labels = std::vector<std::pair<std::string, std::string>>;

// Series of one metric told apart by label values (in the order of the
// label names given at construction).
template <class Metric>
class Family {
 public:
  template <class... Args>
  Family(std::vector<std::string> label_names, size_t max_series, Args... metric_args)
      : names_(std::move(label_names)),
        max_series_(max_series),
        make_([metric_args...] { return std::make_unique<Metric>(metric_args...); }) {}

  // The series of these label values (one per name), created at first use.
  Metric& at(const std::vector<std::string>& values) {
    {
      std::shared_lock lock(mutex_);
      auto it = series_.find(values);
      if (it != series_.end()) return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto it = series_.find(values);
    if (it != series_.end()) return *it->second;
    if (series_.size() >= max_series_) {
      std::vector<std::string> overflow(names_.size(), "overflow");
      auto& slot = series_[overflow];
      if (!slot) slot = make_();
      return *slot;
    }
    auto& slot = series_[values];
    slot = make_();
    return *slot;
  }

  // Calls fn(labels, metric) for every series, in label order.
  template <class Fn>
  void each(Fn fn) const {
    std::shared_lock lock(mutex_);
    for (const auto& [values, metric] : series_) {
      Labels labels;
      for (size_t i = 0; i < names_.size(); ++i) labels.emplace_back(names_[i], values[i]);
      fn(labels, *metric);
    }
  }

 private:
  std::vector<std::string> names_;
  size_t max_series_;
  std::function<std::unique_ptr<Metric>()> make_;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> series_;
};

// Writes the text exposition format: a family's HELP and TYPE lines once,
// then its samples. Names must match [a-zA-Z_:][a-zA-Z0-9_:]* (they are
// constants of the program); label values are escaped.
class Exposition {
 public:
  enum class Type { counter, gauge, histogram };
  void family(std::string_view name, std::string_view help, Type type);
  void sample(std::string_view name, const Labels& labels, double value);
  void sample(std::string_view name, const Labels& labels, int64_t value);
  void sample(std::string_view name, const Labels& labels, uint64_t value);
  // name_bucket{...,le="..."} for each bound and +Inf, name_sum, name_count.
  void histogram(std::string_view name, const Labels& labels, const HistogramSnapshot& h);
  const std::string& text() const { return text_; }

 private:
  void series(std::string_view name, const Labels& labels, std::string_view extra_name = {},
              std::string_view extra_value = {});
  std::string text_;
};

// A label value as the format writes it between quotes: \ " and newline
// escaped.
std::string escape_label_value(std::string_view value);
// HELP text: \ and newline escaped.
std::string escape_help(std::string_view text);
// A number as the format reads it: integers without exponent, +Inf, NaN.
std::string format_value(double value);

}  // namespace wareflow::metrics
