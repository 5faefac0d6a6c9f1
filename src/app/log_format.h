// `serve --log-format json`: every log line one JSON object, for log
// collectors that read JSON (Loki, Elasticsearch, journald's forwarders)
// without a parser per message. Plain messages become
// {"time":...,"level":...,"msg":"..."}; the server's request lines are
// already JSON objects beginning with {"event": (api/server.cpp), and their
// fields are joined to time and level instead of being quoted as a string.
#pragma once

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>

namespace wareflow::app {

class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line = "{\"time\":\"" + utc_time(msg.time) + "\",\"level\":";
    auto level = spdlog::level::to_string_view(msg.level);
    line +=
        boost::json::serialize(boost::json::string(std::string_view(level.data(), level.size())));
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (payload.starts_with("{\"event\":") && payload.ends_with('}')) {
      line += ',';
      line += payload.substr(1);
    } else {
      line += ",\"msg\":";
      line += boost::json::serialize(boost::json::string(payload));
      line += '}';
    }
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }

 private:
  // RFC 3339 in UTC with milliseconds, as the text lines have it.
  static std::string utc_time(std::chrono::system_clock::time_point at) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[96];  // room for any int the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return text;
  }
};

}  // namespace wareflow::app
