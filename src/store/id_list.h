// A set of ids as one SQL parameter, for set-based reads of a page: bind
// id_list(ids) and write `id IN (SELECT value FROM json_each($n))`: one
// statement for the whole page instead of one per row (SQLite's JSON1,
// built in since 3.38, walks the array; the index on id does the rest).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wareflow::store {

inline std::string id_list(const std::vector<int64_t>& ids) {
  std::string list = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) list += ',';
    list += std::to_string(ids[i]);
  }
  return list + "]";
}

// The rows read into `by_id`, in the order of `ids` (the page's order); ids
// that named no row are left out. Moves the rows out of the map.
template <class Row>
std::vector<Row> in_order_of(const std::vector<int64_t>& ids, std::map<int64_t, Row>& by_id) {
  std::vector<Row> rows;
  for (int64_t id : ids) {
    auto row = by_id.find(id);
    if (row != by_id.end()) rows.push_back(std::move(row->second));
  }
  return rows;
}

}  // namespace wareflow::store
