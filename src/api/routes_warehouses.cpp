// Routes of warehouses and their locations: upsert, list, generated layouts,
// and the re-slotting advice of a warehouse.
#include "api/handler_kit.h"
#include "api/render_catalog.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/layout.h"
#include "wms/slotting.h"

namespace wareflow::api {

void register_warehouse_routes(Router& r, store::Database& db) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("PUT", "/api/v1/warehouses/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::WarehouseInput w;
    w.code = call->param("code");
    w.name = in.required_string("name", 200);
    if (auto a = in.optional_object("address")) {
      w.address.line1 = a->optional_string("line1", 200).value_or("");
      w.address.line2 = a->optional_string("line2", 200).value_or("");
      w.address.city = a->optional_string("city", 100).value_or("");
      w.address.postal_code = a->optional_string("postal_code", 20).value_or("");
      w.address.country = a->optional_string("country", 2).value_or("");
    }
    w.latitude = in.optional_number("latitude", -90, 90);
    w.longitude = in.optional_number("longitude", -180, 180);
    write(call, 200, [w](store::Tx& tx, int& status) {
      auto result = wms::upsert_warehouse(tx, w);
      status = result.created ? 201 : 200;
      return render(result.warehouse);
    });
  });
  r.add("GET", "/api/v1/warehouses", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = wms::list_warehouses(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& w : list) items.push_back(render(w));
      return json::object{{"warehouses", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("GET", "/api/v1/warehouses/{code}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return render(wms::require_warehouse(tx, call->param("code"), 404));
    });
  });
  r.add("POST", "/api/v1/warehouses/{code}/layout", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::LayoutInput l;
    l.aisles = in.required_int("aisles", 1, 99);
    l.bays = in.required_int("bays", 1, 999);
    l.levels = in.required_int("levels", 1, 9);
    l.pick_levels = in.optional_int("pick_levels", 0, 9).value_or(1);
    l.zone = in.optional_string("zone", 16).value_or("A");
    l.aisle_pitch_mm = in.optional_int("aisle_pitch_mm", 500, 100000).value_or(3000);
    l.bay_width_mm = in.optional_int("bay_width_mm", 100, 100000).value_or(1000);
    l.cross_aisle_mm = in.optional_int("cross_aisle_mm", 500, 100000).value_or(3000);
    l.max_volume_cm3 = in.optional_int("max_volume_cm3", 1, 1'000'000'000).value_or(1'000'000);
    l.max_weight_g = in.optional_int("max_weight_g", 1, 1'000'000'000).value_or(500'000);
    l.velocity_classes = in.optional_bool("velocity_classes").value_or(false);
    std::string code = call->param("code");
    write(call, 201, [code, l](store::Tx& tx, int&) {
      return json::object{{"locations_created", wms::generate_layout(tx, code, l)}};
    });
  });
  r.add("PUT", "/api/v1/warehouses/{code}/locations/{loc}", kManagers,
        [write](const CallPtr& call) {
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::LocationInput l;
          l.code = call->param("loc");
          l.type = in.required_string("type", 32);
          l.zone = in.optional_string("zone", 16);
          l.aisle = in.optional_int("aisle", 0, 1'000'000);
          l.bay = in.optional_int("bay", 0, 1'000'000);
          l.level = in.optional_int("level", 0, 1'000'000);
          l.x_mm = in.optional_int("x_mm", -10'000'000, 10'000'000);
          l.y_mm = in.optional_int("y_mm", -10'000'000, 10'000'000);
          l.max_volume_cm3 = in.optional_int("max_volume_cm3", 0, 1'000'000'000);
          l.max_weight_g = in.optional_int("max_weight_g", 0, 1'000'000'000);
          l.allocatable = in.optional_bool("allocatable");
          l.velocity_class = in.optional_string("velocity_class", 1);
          std::string warehouse = call->param("code");
          write(call, 200, [warehouse, l](store::Tx& tx, int& status) {
            auto result = wms::upsert_location(tx, warehouse, l);
            status = result.created ? 201 : 200;
            return render(result.location);
          });
        });
  r.add("GET", "/api/v1/warehouses/{code}/locations", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto type = query_opt(call->request, "type");
    if (type && !wms::is_location_type(*type)) throw_invalid_field("type", "unknown location type");
    read(call, [&](store::Tx& tx) {
      auto warehouse = wms::require_warehouse(tx, call->param("code"), 404);
      json::array items;
      auto list = wms::list_locations(tx, warehouse.id, type, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& l : list) items.push_back(render(l));
      return json::object{{"locations", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("GET", "/api/v1/warehouses/{code}/slotting", kAll, [read](const CallPtr& call) {
    wms::SlottingAdviceInput in;
    in.days =
        query_int(call->request, "days", 1, 365, "a number of days from 1 to 365").value_or(30);
    if (auto max_moves = query_int(call->request, "max_moves", 0, 1000, "from 0 to 1000")) {
      in.max_moves = *max_moves;
    }
    in.method = query_opt(call->request, "method").value_or("auto");
    read(call, [&](store::Tx& tx) {
      wms::SlottingAdvice advice = wms::advise_slotting(tx, call->param("code"), in);
      json::array products;
      for (const auto& p : advice.products) {
        products.push_back(json::object{{"sku", p.sku},
                                        {"picks", p.picks},
                                        {"units", p.units},
                                        {"abc_class", p.abc_class},
                                        {"current_location", opt(p.current_location)},
                                        {"target_location", opt(p.target_location)}});
      }
      json::array moves;
      for (const auto& m : advice.moves) {
        moves.push_back(json::object{{"step", m.step},
                                     {"kind", m.kind},
                                     {"sku", m.sku},
                                     {"from_location", m.from_location},
                                     {"to_location", m.to_location},
                                     {"saving_mm", json_number(m.saving_mm)}});
      }
      return json::object{{"warehouse", advice.warehouse},
                          {"method", advice.method},
                          {"days", advice.days},
                          {"slots", advice.slots},
                          {"current_travel_mm", json_number(advice.current_travel_mm)},
                          {"target_travel_mm", json_number(advice.target_travel_mm)},
                          {"planned_travel_mm", json_number(advice.planned_travel_mm)},
                          {"products", std::move(products)},
                          {"moves", std::move(moves)}};
    });
  });
}

}  // namespace wareflow::api
