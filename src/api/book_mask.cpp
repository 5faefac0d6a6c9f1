#include "api/book_mask.h"

namespace wareflow::api {

bool counts_blind(auth::Role role) {
  return role == auth::Role::operator_ || role == auth::Role::viewer;
}

BookMask BookMask::of(store::Tx& tx, auth::Role role, std::optional<int64_t> warehouse_id) {
  BookMask mask;
  if (!counts_blind(role)) return mask;
  mask.locations_ = wms::locations_under_open_count(tx, warehouse_id);
  for (const auto& l : mask.locations_) {
    mask.by_location_.emplace(l.warehouse, l.location);
    mask.by_zone_.emplace(l.warehouse, l.zone);
    mask.warehouses_.insert(l.warehouse);
  }
  return mask;
}

bool BookMask::hides(std::string_view warehouse, std::string_view location) const {
  return by_location_.contains(std::pair{std::string(warehouse), std::string(location)});
}

bool BookMask::hides_warehouse(std::string_view warehouse) const {
  return warehouses_.contains(warehouse);
}

bool BookMask::hides_zone(std::string_view warehouse, std::string_view zone) const {
  return by_zone_.contains(std::pair{std::string(warehouse), std::string(zone)});
}

namespace {

// The event types that record stock moving in or out of locations.
bool is_stock_flow(std::string_view type) {
  for (std::string_view prefix :
       {"stock.", "pick.", "task.", "purchase_order.received", "return."}) {
    if (type.starts_with(prefix)) return true;
  }
  return false;
}

// The members of a stock-flow event that count units, at any depth.
bool counts_units(std::string_view key) {
  for (std::string_view name : {"quantity", "missing", "resourced", "backordered", "received",
                                "accepted", "restocked", "scrapped", "damaged"}) {
    if (key == name) return true;
  }
  return false;
}

void null_unit_counts(boost::json::value& value) {
  if (auto* object = value.if_object()) {
    for (auto& [key, member] : *object) {
      if (counts_units(key) && member.is_number()) {
        member = nullptr;
      } else {
        null_unit_counts(member);
      }
    }
  } else if (auto* array = value.if_array()) {
    for (auto& element : *array) null_unit_counts(element);
  }
}

}  // namespace

void BookMask::mask_event(std::string_view type, boost::json::object& data) const {
  if (locations_.empty() || !is_stock_flow(type)) return;
  if (const auto* warehouse = data.if_contains("warehouse"); warehouse && warehouse->is_string()) {
    if (!hides_warehouse(std::string_view(warehouse->get_string()))) return;
  }
  boost::json::value whole(std::move(data));
  null_unit_counts(whole);
  data = std::move(whole.get_object());
  data["hidden"] = kHiddenOpenCount;
}

void BookMask::mask_reorder_suggestions(boost::json::object& suggestions) const {
  const auto* warehouse = suggestions.if_contains("warehouse");
  if (!warehouse || !warehouse->is_string() ||
      !hides_warehouse(std::string_view(warehouse->get_string()))) {
    return;
  }
  for (auto& supplier_value : suggestions["suppliers"].as_array()) {
    auto& supplier = supplier_value.as_object();
    supplier["total_units"] = nullptr;
    supplier["total_value_minor"] = nullptr;
    supplier["hidden"] = kHiddenOpenCount;
    for (auto& line_value : supplier["lines"].as_array()) {
      auto& line = line_value.as_object();
      line["quantity"] = nullptr;
      line["value_minor"] = nullptr;
      line["hidden"] = kHiddenOpenCount;
      auto& plan = line["plan"].as_object();
      for (const char* key :
           {"inventory_position", "raw_quantity", "days_of_cover", "stockout_date"}) {
        plan[key] = nullptr;
      }
    }
  }
}

}  // namespace wareflow::api
