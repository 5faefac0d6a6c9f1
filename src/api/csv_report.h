// Reports as CSV (RFC 4180) for spreadsheets: a JSON array of row objects
// becomes a header line and one line per row. Nested objects flatten to
// dotted columns ("ship_cycle_time.p50_ms"), arrays to their JSON text, null
// to an empty cell. Columns are the union of the rows' keys in first-seen
// order. Text cells that a spreadsheet would run as a formula (starting with
// = + - @ or a tab or carriage return) get a leading apostrophe; numbers are
// written as they are.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace wareflow::api {

// `columns_when_empty`: the header of a report without rows.
std::string rows_to_csv(const boost::json::array& rows,
                        const std::vector<std::string>& columns_when_empty = {});
// One object as a single-row table.
std::string object_to_csv(const boost::json::object& row);

}  // namespace wareflow::api
