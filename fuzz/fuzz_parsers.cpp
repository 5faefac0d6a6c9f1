// libFuzzer target: the text parsers (CSV, RFC 3339 times, GS1 element
// strings), the carrier and box JSON, and the JSON inputs of `wareflow
// optimize route|batch|slot|cartonize|source` and `wareflow forecast|reorder|simulate`, on any
// input.
#include <boost/json/parse.hpp>
#include <cstdint>
#include <sstream>
#include <string>

#include "app/csv_import.h"
#include "app/pure_cli.h"
#include "core/error.h"
#include "core/time.h"
#include "gs1/gs1.h"
#include "shipping/rating.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    wareflow::app::parse_csv(text);
  } catch (const wareflow::app::ImportError&) {
  }
  std::ostringstream sink;
  wareflow::app::run_optimize_route(text, sink);
  wareflow::app::run_forecast(text, sink);
  wareflow::app::run_optimize_batch(text, sink);
  wareflow::app::run_optimize_cartonize(text, sink);
  wareflow::app::run_optimize_slot(text, sink);
  wareflow::app::run_optimize_source(text, sink);
  wareflow::app::run_reorder(text, sink);
  wareflow::app::run_simulate(text, sink);
  // GS1: any refusal is a DomainError; what parses rebuilds to the same elements.
  try {
    auto e = wareflow::gs1::parse(text, 1'800'000'000'000);
    auto again = wareflow::gs1::parse(wareflow::gs1::to_raw(e.elements), 1'800'000'000'000);
    if (again.elements != e.elements) __builtin_trap();
  } catch (const wareflow::DomainError&) {
  }
  // Carrier and box definitions: refused with a DomainError or round-tripped.
  boost::system::error_code ec;
  auto json = boost::json::parse(text, ec);
  if (!ec && json.is_object()) {
    try {
      auto carrier = wareflow::shipping::parse_carrier(json.as_object());
      if (wareflow::shipping::parse_carrier(wareflow::shipping::to_json(carrier)) != carrier) {
        __builtin_trap();
      }
    } catch (const wareflow::DomainError&) {
    }
    try {
      wareflow::shipping::parse_box(json.as_object());
    } catch (const wareflow::DomainError&) {
    }
  }
  auto at = wareflow::parse_rfc3339(text, true);
  if (at && !wareflow::parse_rfc3339(wareflow::format_rfc3339(*at))) __builtin_trap();
  return 0;
}
