#include "app/log_format.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace wareflow::app {
namespace {

boost::json::object format(std::string_view payload, spdlog::level::level_enum level) {
  spdlog::details::log_msg msg("wareflow", level,
                               spdlog::string_view_t(payload.data(), payload.size()));
  JsonLineFormatter formatter;
  spdlog::memory_buf_t out;
  formatter.format(msg, out);
  std::string line(out.data(), out.size());
  EXPECT_TRUE(line.ends_with("\n"));
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  return boost::json::parse(line).as_object();
}

TEST(JsonLineFormatter, PlainMessageIsQuoted) {
  auto line = format("signal 15: \"stopping\"\nnow", spdlog::level::warn);
  EXPECT_EQ(line.at("level").as_string(), "warning");
  EXPECT_EQ(line.at("msg").as_string(), "signal 15: \"stopping\"\nnow");
  std::string time(line.at("time").as_string());
  EXPECT_EQ(time.size(), 24u);
  EXPECT_EQ(time.back(), 'Z');
}

TEST(JsonLineFormatter, RequestLineFieldsJoinTimeAndLevel) {
  auto line = format(R"({"event":"request","request_id":"r-1","status":200})", spdlog::level::info);
  EXPECT_EQ(line.at("level").as_string(), "info");
  EXPECT_EQ(line.at("event").as_string(), "request");
  EXPECT_EQ(line.at("request_id").as_string(), "r-1");
  EXPECT_EQ(line.at("status").as_int64(), 200);
  EXPECT_FALSE(line.contains("msg"));
}

TEST(JsonLineFormatter, AMessageThatOnlyLooksLikeJsonIsQuoted) {
  auto line = format("{not json", spdlog::level::info);
  EXPECT_EQ(line.at("msg").as_string(), "{not json");
}

}  // namespace
}  // namespace wareflow::app
