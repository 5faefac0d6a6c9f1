#include "api/csv_report.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <map>
#include <vector>

namespace wareflow::api {
namespace {

namespace json = boost::json;

void flatten(const json::object& object, const std::string& prefix,
             std::vector<std::pair<std::string, const json::value*>>& out) {
  for (const auto& member : object) {
    std::string key = prefix + std::string(member.key());
    if (member.value().is_object()) {
      flatten(member.value().get_object(), key + ".", out);
    } else {
      out.emplace_back(std::move(key), &member.value());
    }
  }
}

std::string quoted(const std::string& text) {
  bool needs = text.find_first_of(",\"\r\n") != std::string::npos;
  if (!needs) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string cell(const json::value& v) {
  if (v.is_null()) return {};
  if (v.is_string()) {
    std::string text(v.get_string());
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                          text[0] == '\t' || text[0] == '\r')) {
      text = "'" + text;
    }
    return quoted(text);
  }
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  // Shortest round-trip text (0.5, not Boost.JSON's 5E-1): spreadsheets read it.
  if (v.is_double()) return fmt::format("{}", v.get_double());
  return quoted(json::serialize(v));
}

}  // namespace

std::string rows_to_csv(const json::array& rows,
                        const std::vector<std::string>& columns_when_empty) {
  std::vector<std::string> columns = rows.empty() ? columns_when_empty : std::vector<std::string>{};
  std::map<std::string, size_t> index;
  std::vector<std::map<size_t, std::string>> cells;
  for (const auto& row : rows) {
    std::vector<std::pair<std::string, const json::value*>> flat;
    if (row.is_object()) flatten(row.get_object(), "", flat);
    std::map<size_t, std::string> line;
    for (const auto& [key, value] : flat) {
      auto [it, added] = index.emplace(key, columns.size());
      if (added) columns.push_back(key);
      line[it->second] = cell(*value);
    }
    cells.push_back(std::move(line));
  }
  std::string out;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) out += ',';
    out += quoted(columns[c]);
  }
  out += "\r\n";
  for (const auto& line : cells) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ',';
      if (auto it = line.find(c); it != line.end()) out += it->second;
    }
    out += "\r\n";
  }
  return out;
}

std::string object_to_csv(const json::object& row) {
  json::array rows;
  rows.push_back(row);
  return rows_to_csv(rows);
}

}  // namespace wareflow::api
