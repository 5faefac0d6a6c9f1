// What a customer may see of an order without signing in: its status, what
// was ordered and shipped, and each shipment's carrier and tracking number,
// found by the order's unguessable tracking token. Nothing else (no address,
// email, price or warehouse) leaves through it. Read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::reporting {

struct TrackedLine {
  std::string sku, name;
  int64_t quantity = 0, shipped = 0;
};

struct TrackedShipment {
  std::string status;
  std::optional<std::string> carrier, service, tracking_number, tracking_status;
  std::optional<int64_t> shipped_at_ms, delivered_at_ms;
};

struct TrackingView {
  std::string channel_order_id, status;
  int64_t created_at_ms = 0;
  std::vector<TrackedLine> lines;
  std::vector<TrackedShipment> shipments;  // cancelled ones left out
};

// 404 not_found for any token that is not exactly an order's (the answer does
// not tell a malformed token from an unknown one).
TrackingView tracking_view(store::Tx& tx, const std::string& token);

}  // namespace wareflow::reporting
