#include "codec/simulation_json.h"

#include <cmath>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/time.h"

namespace wareflow::codec {
namespace {

namespace json = boost::json;

json::value opt_int(const std::optional<int64_t>& v) { return v ? json::value(*v) : nullptr; }

// A moment under "<name>_at" (RFC 3339) or "<name>_ms" (epoch ms); `at_key`
// and `ms_key` spell both names out so a reader can grep for them.
void put_time(json::object& o, const char* at_key, const char* ms_key,
              const std::optional<int64_t>& ms, JsonStyle style) {
  if (style.rfc3339_times) {
    o[at_key] = ms ? json::value(format_rfc3339(*ms)) : json::value(nullptr);
  } else {
    o[ms_key] = opt_int(ms);
  }
}

json::value ratio(double value, double scale, JsonStyle style) {
  return json_number(style.rounded ? std::round(value * scale) / scale : value);
}

}  // namespace

json::array encode_stages(const std::vector<planning::StageOutcome>& stages, JsonStyle style) {
  json::array out;
  for (const auto& st : stages) {
    json::array backlog;
    for (const auto& b : st.backlog) {
      json::object sample;
      put_time(sample, "at", "at_ms", b.at_ms, style);
      sample["queued"] = b.queued;
      sample["in_progress"] = b.in_progress;
      backlog.push_back(std::move(sample));
    }
    json::object stage{{"stage", st.stage}, {"orders", st.orders}, {"unfinished", st.unfinished}};
    put_time(stage, "clear_at", "clear_ms", st.clear_ms, style);
    stage["utilisation"] = ratio(st.utilisation, 1000, style);
    stage["backlog"] = std::move(backlog);
    out.push_back(std::move(stage));
  }
  return out;
}

json::array encode_what_if(const std::vector<planning::ScenarioOutcome>& scenarios,
                           JsonStyle style) {
  json::array out;
  for (const auto& w : scenarios) {
    json::object o{{"name", w.name},
                   {"extra_pickers", w.extra_pickers},
                   {"extra_packers", w.extra_packers},
                   {"extra_loaders", w.extra_loaders},
                   {"late_orders", w.late_orders},
                   {"unshipped_orders", w.unshipped_orders}};
    put_time(o, "pick_clear_at", "pick_clear_ms", w.pick_clear_ms, style);
    put_time(o, "pack_clear_at", "pack_clear_ms", w.pack_clear_ms, style);
    put_time(o, "ship_clear_at", "ship_clear_ms", w.ship_clear_ms, style);
    o["makespan_ms"] = opt_int(w.makespan_ms);
    out.push_back(std::move(o));
  }
  return out;
}

json::array encode_orders(const std::vector<planning::OrderOutcome>& orders) {
  json::array out;
  for (const auto& o : orders) {
    out.push_back(json::object{{"id", o.id},
                               {"pick_start_ms", opt_int(o.pick_start_ms)},
                               {"pick_end_ms", opt_int(o.pick_end_ms)},
                               {"pack_start_ms", opt_int(o.pack_start_ms)},
                               {"pack_end_ms", opt_int(o.pack_end_ms)},
                               {"ready_ms", opt_int(o.ready_ms)},
                               {"shipped_at_ms", opt_int(o.shipped_at_ms)},
                               {"picker", o.picker},
                               {"packer", o.packer},
                               {"loader", o.loader},
                               {"late", o.late},
                               {"lateness_ms", opt_int(o.lateness_ms)}});
  }
  return out;
}

json::value encode_on_time_rate(double rate, JsonStyle style) { return ratio(rate, 10000, style); }

}  // namespace wareflow::codec
