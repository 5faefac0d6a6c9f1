#include "api/render_stock.h"

#include <algorithm>

#include "api/handler_kit.h"

namespace wareflow::api {

json::array render_stock(const std::vector<inventory::LocationStock>& stock,
                         std::string_view warehouse, const BookMask& mask) {
  json::array items;
  for (const auto& s : stock) {
    if (mask.hides(warehouse, s.location)) continue;
    items.push_back(json::object{{"location", s.location},
                                 {"on_hand", s.on_hand},
                                 {"reserved", s.reserved},
                                 {"products", s.products},
                                 {"top_sku", s.top_sku},
                                 {"used_cm3", s.used_cm3},
                                 {"max_volume_cm3", opt(s.max_volume_cm3)}});
  }
  if (mask.locations().empty()) return items;
  for (const auto& l : mask.locations()) {
    if (l.warehouse != warehouse) continue;
    items.push_back(json::object{{"location", l.location},
                                 {"hidden", kHiddenOpenCount},
                                 {"on_hand", nullptr},
                                 {"reserved", nullptr},
                                 {"products", nullptr},
                                 {"top_sku", nullptr},
                                 {"used_cm3", nullptr},
                                 {"max_volume_cm3", nullptr}});
  }
  auto location = [](const json::value& row) { return row.at("location").as_string(); };
  std::stable_sort(items.begin(), items.end(), [&](const json::value& a, const json::value& b) {
    return location(a) < location(b);
  });
  return items;
}

json::array render_inventory(const std::vector<inventory::WarehouseInventory>& inventory,
                             const BookMask& mask) {
  json::array warehouses;
  for (const auto& w : inventory) {
    json::array locations;
    for (const auto& l : w.locations) {
      if (mask.hides(w.warehouse, l.location)) continue;
      locations.push_back(json::object{{"location", l.location},
                                       {"lot", l.lot},
                                       {"expiry", opt_time(l.expiry_ms)},
                                       {"on_hand", l.on_hand},
                                       {"reserved", l.reserved}});
    }
    json::object row{{"warehouse", w.warehouse}};
    if (mask.hides_warehouse(w.warehouse)) {
      row["hidden"] = kHiddenOpenCount;
      row["on_hand"] = row["allocated"] = row["available"] = nullptr;
    } else {
      row["on_hand"] = w.on_hand;
      row["allocated"] = w.allocated;
      row["available"] = w.on_hand - w.allocated;
    }
    row["locations"] = std::move(locations);
    warehouses.push_back(std::move(row));
  }
  return warehouses;
}

json::value render_move(const inventory::MoveRecord& m, std::string_view sku,
                        const BookMask& mask) {
  json::value ref = nullptr;
  if (!m.ref_type.empty()) {
    ref = json::object{{"type", m.ref_type},
                       {"id", m.ref_id != 0 ? json::value(m.ref_id) : json::value(nullptr)}};
  }
  json::object move{{"id", m.id},
                    {"at", format_rfc3339(m.at_ms)},
                    {"warehouse", m.warehouse},
                    {"from_location", m.from_location},
                    {"to_location", m.to_location},
                    {"sku", sku},
                    {"lot", m.lot},
                    {"quantity", m.quantity},
                    {"reason", m.reason},
                    {"ref", ref}};
  if (mask.hides(m.warehouse, m.from_location) || mask.hides(m.warehouse, m.to_location)) {
    move["quantity"] = nullptr;
    move["hidden"] = kHiddenOpenCount;
  }
  return move;
}

}  // namespace wareflow::api
