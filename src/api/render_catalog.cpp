#include "api/render_catalog.h"

#include "api/handler_kit.h"

namespace wareflow::api {

json::value render(const catalog::Product& p) {
  json::array barcodes;
  for (const auto& b : p.barcodes) barcodes.emplace_back(b);
  return json::object{{"sku", p.sku},
                      {"name", p.name},
                      {"barcodes", std::move(barcodes)},
                      {"weight_g", p.weight_g},
                      {"length_mm", p.length_mm},
                      {"width_mm", p.width_mm},
                      {"height_mm", p.height_mm},
                      {"tracking", p.tracking},
                      {"shelf_life_days", opt(p.shelf_life_days)},
                      {"storage_zone", opt(p.storage_zone)},
                      {"created_at", format_rfc3339(p.created_at_ms)},
                      {"updated_at", format_rfc3339(p.updated_at_ms)}};
}

json::value render(const wms::Warehouse& w) {
  return json::object{{"code", w.code},
                      {"name", w.name},
                      {"address", json::object{{"line1", w.address.line1},
                                               {"line2", w.address.line2},
                                               {"city", w.address.city},
                                               {"postal_code", w.address.postal_code},
                                               {"country", w.address.country}}},
                      {"latitude", opt(w.latitude)},
                      {"longitude", opt(w.longitude)}};
}

json::value render(const wms::Location& l) {
  return json::object{{"code", l.code},
                      {"warehouse", l.warehouse},
                      {"type", l.type},
                      {"zone", opt(l.zone)},
                      {"aisle", opt(l.aisle)},
                      {"bay", opt(l.bay)},
                      {"level", opt(l.level)},
                      {"x_mm", opt(l.x_mm)},
                      {"y_mm", opt(l.y_mm)},
                      {"max_volume_cm3", opt(l.max_volume_cm3)},
                      {"max_weight_g", opt(l.max_weight_g)},
                      {"allocatable", l.allocatable},
                      {"velocity_class", opt(l.velocity_class)}};
}

}  // namespace wareflow::api
