#include "codec/simulation_json.h"

#include <gtest/gtest.h>

namespace wareflow::codec {
namespace {

namespace json = boost::json;

// 2026-03-02T08:00:00Z
constexpr int64_t kEight = 1'772'438'400'000;

planning::SimulationResult result() {
  planning::SimulationResult r;
  planning::StageOutcome pick;
  pick.stage = "pick";
  pick.orders = 3;
  pick.unfinished = 1;
  pick.clear_ms = kEight + 90 * 60'000;
  pick.utilisation = 0.87654;
  pick.backlog = {{kEight, 2, 1}};
  planning::StageOutcome ship;
  ship.stage = "ship";
  r.stages = {pick, ship};
  planning::ScenarioOutcome more;
  more.name = "+1 picker";
  more.extra_pickers = 1;
  more.late_orders = 0;
  more.pick_clear_ms = kEight + 60 * 60'000;
  more.makespan_ms = 3'600'000;
  r.what_if = {more};
  r.on_time_rate = 2.0 / 3;
  planning::OrderOutcome o;
  o.id = 7;
  o.pick_start_ms = kEight;
  o.picker = 0;
  r.orders = {o};
  return r;
}

TEST(SimulationJson, TheCliWritesEpochMillisecondsAndExactRatios) {
  auto r = result();
  EXPECT_EQ(
      json::value(encode_stages(r.stages, kCliStyle)),
      json::parse(
          R"([{"stage":"pick","orders":3,"unfinished":1,"clear_ms":1772443800000,)"
          R"("utilisation":0.87654,"backlog":[{"at_ms":1772438400000,"queued":2,"in_progress":1}]},)"
          R"({"stage":"ship","orders":0,"unfinished":0,"clear_ms":null,"utilisation":0,"backlog":[]}])"));
  EXPECT_EQ(
      json::value(encode_what_if(r.what_if, kCliStyle)),
      json::parse(R"([{"name":"+1 picker","extra_pickers":1,"extra_packers":0,"extra_loaders":0,)"
                  R"("late_orders":0,"unshipped_orders":0,"pick_clear_ms":1772442000000,)"
                  R"("pack_clear_ms":null,"ship_clear_ms":null,"makespan_ms":3600000}])"));
  EXPECT_EQ(json::value(encode_orders(r.orders)),
            json::parse(
                R"([{"id":7,"pick_start_ms":1772438400000,"pick_end_ms":null,"pack_start_ms":null,)"
                R"("pack_end_ms":null,"ready_ms":null,"shipped_at_ms":null,"picker":0,"packer":-1,)"
                R"("loader":-1,"late":false,"lateness_ms":null}])"));
  EXPECT_EQ(encode_on_time_rate(r.on_time_rate, kCliStyle), json::value(2.0 / 3));
}

TEST(SimulationJson, TheApiWritesRfc3339TimesAndRoundedRatios) {
  auto r = result();
  EXPECT_EQ(
      json::value(encode_stages(r.stages, kApiStyle)),
      json::parse(
          R"([{"stage":"pick","orders":3,"unfinished":1,"clear_at":"2026-03-02T09:30:00.000Z",)"
          R"("utilisation":0.877,"backlog":[{"at":"2026-03-02T08:00:00.000Z","queued":2,"in_progress":1}]},)"
          R"({"stage":"ship","orders":0,"unfinished":0,"clear_at":null,"utilisation":0,"backlog":[]}])"));
  EXPECT_EQ(
      json::value(encode_what_if(r.what_if, kApiStyle)),
      json::parse(
          R"([{"name":"+1 picker","extra_pickers":1,"extra_packers":0,"extra_loaders":0,)"
          R"("late_orders":0,"unshipped_orders":0,"pick_clear_at":"2026-03-02T09:00:00.000Z",)"
          R"("pack_clear_at":null,"ship_clear_at":null,"makespan_ms":3600000}])"));
  EXPECT_EQ(encode_on_time_rate(r.on_time_rate, kApiStyle), json::value(0.6667));
}

}  // namespace
}  // namespace wareflow::codec
