#include "metrics/metrics.h"

#include <gtest/gtest.h>

#include <thread>

namespace wareflow::metrics {
namespace {

TEST(MetricsEncoder, CounterFamilyWithHelpTypeAndEscapedLabels) {
  Exposition out;
  out.family("wf_requests_total", "Requests answered.\nBy route \\ status.",
             Exposition::Type::counter);
  out.sample("wf_requests_total", {{"route", "/a/{id}"}, {"note", "say \"hi\"\\\n"}}, uint64_t{3});
  EXPECT_EQ(out.text(),
            "# HELP wf_requests_total Requests answered.\\nBy route \\\\ status.\n"
            "# TYPE wf_requests_total counter\n"
            "wf_requests_total{route=\"/a/{id}\",note=\"say \\\"hi\\\"\\\\\\n\"} 3\n");
}

TEST(MetricsEncoder, GaugeWithoutLabels) {
  Exposition out;
  out.family("wf_open", "Open.", Exposition::Type::gauge);
  out.sample("wf_open", {}, int64_t{-2});
  EXPECT_EQ(out.text(), "# HELP wf_open Open.\n# TYPE wf_open gauge\nwf_open -2\n");
}

TEST(MetricsEncoder, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Histogram h({0.1, 1, 2.5});
  h.observe(0.05);
  h.observe(0.1);  // on a bound: counted in that bucket (le is "at most")
  h.observe(2);
  h.observe(7);
  Exposition out;
  out.family("wf_seconds", "Time.", Exposition::Type::histogram);
  out.histogram("wf_seconds", {{"route", "r"}}, h.snapshot());
  EXPECT_EQ(out.text(),
            "# HELP wf_seconds Time.\n# TYPE wf_seconds histogram\n"
            "wf_seconds_bucket{route=\"r\",le=\"0.1\"} 2\n"
            "wf_seconds_bucket{route=\"r\",le=\"1\"} 2\n"
            "wf_seconds_bucket{route=\"r\",le=\"2.5\"} 3\n"
            "wf_seconds_bucket{route=\"r\",le=\"+Inf\"} 4\n"
            "wf_seconds_sum{route=\"r\"} 9.15\n"
            "wf_seconds_count{route=\"r\"} 4\n");
}

TEST(MetricsEncoder, ValuesInTheShortestExactForm) {
  EXPECT_EQ(format_value(0.0005), "0.0005");
  EXPECT_EQ(format_value(2.5), "2.5");
  EXPECT_EQ(format_value(10), "10");
  EXPECT_EQ(format_value(1.0 / 0.0), "+Inf");
  EXPECT_EQ(format_value(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(format_value(0.0 / 0.0), "NaN");
}

TEST(MetricsFamily, SameLabelsSameSeriesAndACapOnSeries) {
  Family<Counter> family({"route", "status"}, 2);
  family.at({"/a", "200"}).add();
  family.at({"/a", "200"}).add();
  family.at({"/b", "404"}).add();
  family.at({"/c", "500"}).add();  // beyond the cap
  family.at({"/d", "500"}).add();  // beyond the cap: the same overflow series
  std::vector<std::pair<Labels, uint64_t>> seen;
  family.each(
      [&](const Labels& labels, const Counter& c) { seen.emplace_back(labels, c.value()); });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].first, (Labels{{"route", "/a"}, {"status", "200"}}));
  EXPECT_EQ(seen[0].second, 2u);
  EXPECT_EQ(seen[2].first, (Labels{{"route", "overflow"}, {"status", "overflow"}}));
  EXPECT_EQ(seen[2].second, 2u);
}

TEST(MetricsHistogram, ConcurrentObservationsAreAllCounted) {
  Histogram h(latency_buckets());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&h] {
      for (int i = 0; i < 10000; ++i) h.observe(0.001);
    });
  }
  for (auto& t : threads) t.join();
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 40000u);
  EXPECT_NEAR(s.sum, 40.0, 1e-6);
  EXPECT_EQ(s.cumulative.front(), 0u);  // 0.0005
  EXPECT_EQ(s.cumulative[1], 40000u);   // 0.001
}

}  // namespace
}  // namespace wareflow::metrics
