// libFuzzer target: the text parsers (CSV, RFC 3339 times) and the JSON
// inputs of `wareflow optimize route` and `wareflow forecast`, on any input.
#include <cstdint>
#include <string>

#include <sstream>

#include "app/csv_import.h"
#include "app/pure_cli.h"
#include "core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    wareflow::app::parse_csv(text);
  } catch (const wareflow::app::ImportError&) {
  }
  std::ostringstream sink;
  wareflow::app::run_optimize_route(text, sink);
  wareflow::app::run_forecast(text, sink);
  auto at = wareflow::parse_rfc3339(text, true);
  if (at && !wareflow::parse_rfc3339(wareflow::format_rfc3339(*at))) __builtin_trap();
  return 0;
}
