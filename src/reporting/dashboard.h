// The operations dashboard: one read of where orders and work stand now.
// Orders by status; open fulfillments by stage (released → picking → picked →
// packed) with their units and how many are late or due soon against their
// ship-by; the late and at-risk fulfillments themselves; units picked and
// orders shipped in each hour of the current UTC day; and stock alerts
// (backordered units per product, pick faces below their minimum).
// Read-only and cheap enough to poll every few seconds: every part reads an
// index (migration 0005) except orders by status, which counts the orders'
// status index.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reporting/kpi.h"
#include "store/database.h"

namespace wareflow::reporting {

struct PipelineStage {
  std::string stage;  // a fulfillment status: released, picking, picked, packed
  int64_t fulfillments = 0, units = 0;
  int64_t late = 0;     // ship-by already passed
  int64_t at_risk = 0;  // ship-by within the at-risk window, not yet passed
};

struct LateFulfillment {
  int64_t fulfillment_id = 0, order_id = 0;
  std::string warehouse, status;
  int64_t ship_by_ms = 0;
  bool late = false;  // false: at risk
};

struct BackorderAlert {
  std::string sku;
  int64_t units = 0;
};

struct PickFaceAlert {
  std::string warehouse, location, sku;
  int64_t on_hand = 0, min_quantity = 0, max_quantity = 0;
};

struct Dashboard {
  int64_t as_of_ms = 0;
  std::optional<std::string> warehouse;
  std::map<std::string, int64_t> orders_by_status;  // every status, 0 when none
  std::vector<PipelineStage> pipeline;              // the four stages, in flow order
  std::vector<LateFulfillment> late;                // soonest ship-by first, at most 50
  int64_t today_from_ms = 0;
  // Each UTC hour of today up to the current one, as throughput() counts it.
  std::vector<ThroughputBucket> hours;
  std::vector<BackorderAlert> backorders;  // most units first, at most 20
  std::vector<PickFaceAlert> pick_faces_below_min;
};

constexpr int64_t kAtRiskWindowMs = 2 * 3'600'000;

// `warehouse` narrows the pipeline, late list, today's counts and pick-face
// alerts to one warehouse (422 unknown_warehouse); orders and backorders are
// for the whole business (an order may span warehouses).
Dashboard dashboard(store::Tx& tx, const std::optional<std::string>& warehouse);

}  // namespace wareflow::reporting
