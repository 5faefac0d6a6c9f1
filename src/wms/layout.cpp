#include "wms/layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <map>

#include "core/error.h"
#include "core/json.h"
#include "events/outbox.h"
#include "inventory/inventory.h"

namespace wareflow::wms {
namespace {

std::string address_to_json(const Address& a) {
  boost::json::object o;
  o["line1"] = a.line1;
  o["line2"] = a.line2;
  o["city"] = a.city;
  o["postal_code"] = a.postal_code;
  o["country"] = a.country;
  return to_json(o);
}

Address address_from_json(const std::string& text) {
  auto fields = string_fields(text);
  return {fields["line1"], fields["line2"], fields["city"], fields["postal_code"],
          fields["country"]};
}

constexpr const char* kWarehouseColumns = "id, code, name, address_json, latitude, longitude";

Warehouse read_warehouse(store::Query& q) {
  return Warehouse{q.i64(0),     q.text(1),   q.text(2), address_from_json(q.text(3)),
                   q.opt_f64(4), q.opt_f64(5)};
}

constexpr const char* kLocationColumns =
    "l.id, w.code, l.code, l.type, l.zone, l.aisle, l.bay, l.level, l.x_mm, l.y_mm, "
    "l.max_volume_cm3, l.max_weight_g, l.allocatable, l.velocity_class";

Location read_location(store::Query& q) {
  Location l;
  l.id = q.i64(0);
  l.warehouse = q.text(1);
  l.code = q.text(2);
  l.type = q.text(3);
  l.zone = q.opt_text(4);
  l.aisle = q.opt_i64(5);
  l.bay = q.opt_i64(6);
  l.level = q.opt_i64(7);
  l.x_mm = q.opt_i64(8);
  l.y_mm = q.opt_i64(9);
  l.max_volume_cm3 = q.opt_i64(10);
  l.max_weight_g = q.opt_i64(11);
  l.allocatable = q.i64(12) != 0;
  l.velocity_class = q.opt_text(13);
  return l;
}

std::optional<Location> find_location_row(store::Tx& tx, int64_t warehouse_id,
                                          std::string_view code) {
  auto q = tx.query(std::string("SELECT ") + kLocationColumns +
                        " FROM locations l JOIN warehouses w ON w.id = l.warehouse_id "
                        "WHERE l.warehouse_id = $1 AND l.code = $2",
                    warehouse_id, code);
  if (!q.next()) return std::nullopt;
  return read_location(q);
}

void insert_location(store::Tx& tx, int64_t warehouse_id, const LocationInput& in,
                     bool allocatable) {
  tx.exec(
      "INSERT INTO locations (id, warehouse_id, code, type, zone, aisle, bay, level, x_mm, y_mm, "
      "max_volume_cm3, max_weight_g, allocatable, velocity_class) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $11, $12, $13, $14)",
      tx.next_id("locations"), warehouse_id, in.code, in.type, in.zone, in.aisle, in.bay, in.level,
      in.x_mm, in.y_mm, in.max_volume_cm3, in.max_weight_g, allocatable ? 1 : 0, in.velocity_class);
}

}  // namespace

WarehouseUpsert upsert_warehouse(store::Tx& tx, const WarehouseInput& input) {
  if (!is_code(input.code)) {
    throw_invalid_field("code", "warehouse code must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (input.name.empty() || input.name.size() > 200) {
    throw_invalid_field("name", "name must be 1-200 characters");
  }
  if (input.latitude.has_value() != input.longitude.has_value()) {
    throw_invalid_field(input.latitude ? "longitude" : "latitude",
                        "latitude and longitude go together");
  }
  auto existing = find_warehouse(tx, input.code);
  int64_t id;
  if (existing) {
    id = existing->id;
    tx.exec(
        "UPDATE warehouses SET name = $2, address_json = $3, country = $4, latitude = $5, "
        "longitude = $6, updated_at_ms = $7 WHERE id = $1",
        id, input.name, address_to_json(input.address), input.address.country, input.latitude,
        input.longitude, tx.now_ms());
  } else {
    id = tx.next_id("warehouses");
    tx.exec(
        "INSERT INTO warehouses (id, code, name, address_json, country, latitude, longitude, "
        "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        id, input.code, input.name, address_to_json(input.address), input.address.country,
        input.latitude, input.longitude, tx.now_ms());
    for (auto kind : inventory::all_virtual_locations()) {
      LocationInput v;
      v.code = inventory::virtual_code(kind);
      v.type = "virtual";
      insert_location(tx, id, v, false);
    }
  }
  boost::json::object data;
  data["code"] = input.code;
  data["created"] = !existing.has_value();
  events::append(tx, "warehouse.upserted", "warehouse:" + input.code, data);
  return {*find_warehouse_by_id(tx, id), !existing.has_value()};
}

std::optional<Warehouse> find_warehouse(store::Tx& tx, std::string_view code) {
  auto q = tx.query(std::string("SELECT ") + kWarehouseColumns + " FROM warehouses WHERE code = $1",
                    code);
  if (!q.next()) return std::nullopt;
  return read_warehouse(q);
}

std::optional<Warehouse> find_warehouse_by_id(store::Tx& tx, int64_t id) {
  auto q =
      tx.query(std::string("SELECT ") + kWarehouseColumns + " FROM warehouses WHERE id = $1", id);
  if (!q.next()) return std::nullopt;
  return read_warehouse(q);
}

Warehouse require_warehouse(store::Tx& tx, std::string_view code, int status,
                            const std::string& field) {
  auto w = find_warehouse(tx, code);
  if (!w) {
    throw_unknown(status, "unknown_warehouse", "no warehouse " + std::string(code), field);
  }
  return *w;
}

std::vector<Warehouse> list_warehouses(store::Tx& tx, std::string_view after_code, int64_t limit) {
  std::vector<Warehouse> list;
  auto q = tx.query(std::string("SELECT ") + kWarehouseColumns +
                        " FROM warehouses WHERE code > $1 ORDER BY code LIMIT $2",
                    after_code, limit);
  while (q.next()) list.push_back(read_warehouse(q));
  return list;
}

std::vector<WarehousePlace> warehouse_places(store::Tx& tx) {
  std::vector<WarehousePlace> places;
  auto q = tx.query("SELECT id, country, latitude, longitude, code FROM warehouses");
  while (q.next())
    places.push_back({q.i64(0), q.opt_text(1), q.opt_f64(2), q.opt_f64(3), q.text(4)});
  return places;
}

bool is_location_type(std::string_view type) {
  for (const char* t :
       {"receiving", "storage", "pick", "staging", "packing", "shipping", "quarantine"}) {
    if (type == t) return true;
  }
  return false;
}

LocationUpsert upsert_location(store::Tx& tx, std::string_view warehouse_code,
                               const LocationInput& input) {
  Warehouse warehouse = require_warehouse(tx, warehouse_code, 404);
  if (!is_code(input.code)) {
    throw_invalid_field("code", "location code must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (!is_location_type(input.type)) {
    throw_invalid_field("type",
                        "type must be one of receiving, storage, pick, staging, packing, "
                        "shipping, quarantine");
  }
  bool may_allocate = input.type == "pick" || input.type == "storage";
  bool allocatable = input.allocatable.value_or(may_allocate);
  if (allocatable && !may_allocate) {
    throw_invalid_field("allocatable", "only pick and storage locations can be allocatable");
  }
  if (input.velocity_class && *input.velocity_class != "A" && *input.velocity_class != "B" &&
      *input.velocity_class != "C") {
    throw_invalid_field("velocity_class", "velocity_class is A, B or C");
  }
  auto existing = find_location_row(tx, warehouse.id, input.code);
  if (existing) {
    if (existing->allocatable != allocatable) {
      if (inventory::holds_stock(tx, existing->id)) {
        throw_conflict("location_not_empty", "location " + input.code +
                                                 " holds stock; empty it before changing "
                                                 "whether it is allocatable");
      }
    }
    tx.exec(
        "UPDATE locations SET type = $2, zone = $3, aisle = $4, bay = $5, level = $6, x_mm = $7, "
        "y_mm = $8, max_volume_cm3 = $9, max_weight_g = $10, allocatable = $11, velocity_class = "
        "$12 WHERE id = $1",
        existing->id, input.type, input.zone, input.aisle, input.bay, input.level, input.x_mm,
        input.y_mm, input.max_volume_cm3, input.max_weight_g, allocatable ? 1 : 0,
        input.velocity_class);
  } else {
    insert_location(tx, warehouse.id, input, allocatable);
  }
  boost::json::object data;
  data["warehouse"] = warehouse.code;
  data["code"] = input.code;
  data["type"] = input.type;
  events::append(tx, "location.upserted", "location:" + warehouse.code + "/" + input.code, data);
  return {*find_location_row(tx, warehouse.id, input.code), !existing.has_value()};
}

std::vector<Location> list_locations(store::Tx& tx, int64_t warehouse_id,
                                     const std::optional<std::string>& type,
                                     std::string_view after_code, int64_t limit) {
  std::vector<Location> list;
  auto q = tx.query(std::string("SELECT ") + kLocationColumns +
                        " FROM locations l JOIN warehouses w ON w.id = l.warehouse_id "
                        "WHERE l.warehouse_id = $1 AND l.type <> 'virtual' AND l.code > $2 "
                        "AND ($3 IS NULL OR l.type = $3) ORDER BY l.code LIMIT $4",
                    warehouse_id, after_code, type, limit);
  while (q.next()) list.push_back(read_location(q));
  return list;
}

namespace {

// Velocity classes by walking distance from the packing location (in front of
// the first aisle): the nearest fifth of the bays A, the next three tenths B,
// the rest C (the classic 20/30/50 split of class-based storage).
void assign_velocity_classes(std::vector<LocationInput>& planned, int64_t packing_x_mm) {
  std::vector<std::pair<int64_t, std::pair<int64_t, int64_t>>> bays;  // distance, (aisle, bay)
  for (const LocationInput& loc : planned) {
    if (loc.level != 1) continue;
    bays.push_back({std::abs(*loc.x_mm - packing_x_mm) + *loc.y_mm, {*loc.aisle, *loc.bay}});
  }
  std::sort(bays.begin(), bays.end());
  std::map<std::pair<int64_t, int64_t>, std::string> class_of;
  const size_t n = bays.size();
  for (size_t i = 0; i < n; ++i) {
    class_of[bays[i].second] = i * 10 < n * 2 ? "A" : i * 10 < n * 5 ? "B" : "C";
  }
  for (LocationInput& loc : planned) loc.velocity_class = class_of.at({*loc.aisle, *loc.bay});
}

}  // namespace

int64_t generate_layout(store::Tx& tx, std::string_view warehouse_code, const LayoutInput& in) {
  Warehouse warehouse = require_warehouse(tx, warehouse_code, 404);
  struct Range {
    const char* field;
    int64_t value, min, max;
  };
  for (Range r : {Range{"aisles", in.aisles, 1, 99}, Range{"bays", in.bays, 1, 999},
                  Range{"levels", in.levels, 1, 9}, Range{"pick_levels", in.pick_levels, 0, 9},
                  Range{"aisle_pitch_mm", in.aisle_pitch_mm, 500, 100000},
                  Range{"bay_width_mm", in.bay_width_mm, 100, 100000},
                  Range{"cross_aisle_mm", in.cross_aisle_mm, 500, 100000},
                  Range{"max_volume_cm3", in.max_volume_cm3, 1, 1'000'000'000},
                  Range{"max_weight_g", in.max_weight_g, 1, 1'000'000'000}}) {
    if (r.value < r.min || r.value > r.max) {
      throw_invalid_field(r.field,
                          fmt::format("{} must be between {} and {}", r.field, r.min, r.max));
    }
  }
  if (in.aisles * in.bays * in.levels > kMaxGeneratedLocations) {
    throw_invalid_field("levels", fmt::format("aisles x bays x levels must be at most {} locations "
                                              "in one layout",
                                              kMaxGeneratedLocations));
  }
  if (in.pick_levels > in.levels) {
    throw_invalid_field("pick_levels", "pick_levels must not exceed levels");
  }
  if (!is_code(in.zone, 16)) throw_invalid_field("zone", "zone must be a short code");

  std::vector<LocationInput> planned;
  planned.reserve(static_cast<size_t>(in.aisles * in.bays * in.levels + 4));
  for (int64_t a = 1; a <= in.aisles; ++a) {
    for (int64_t b = 1; b <= in.bays; ++b) {
      for (int64_t l = 1; l <= in.levels; ++l) {
        LocationInput loc;
        loc.code = fmt::format("A{:02}-{:03}-{}", a, b, l);
        loc.type = l <= in.pick_levels ? "pick" : "storage";
        loc.zone = in.zone;
        loc.aisle = a;
        loc.bay = b;
        loc.level = l;
        loc.x_mm = a * in.aisle_pitch_mm;
        loc.y_mm = in.cross_aisle_mm + (2 * b - 1) * in.bay_width_mm / 2;
        loc.max_volume_cm3 = in.max_volume_cm3;
        loc.max_weight_g = in.max_weight_g;
        planned.push_back(std::move(loc));
      }
    }
  }
  if (in.velocity_classes) assign_velocity_classes(planned, in.aisle_pitch_mm);
  // The docks sit on the front cross aisle (y = 0): packing, the depot, in front
  // of the first aisle; receiving in front of the last.
  auto area = [&](const char* code, const char* type, int64_t x) {
    LocationInput loc;
    loc.code = code;
    loc.type = type;
    loc.zone = "DOCK";
    loc.x_mm = x;
    loc.y_mm = 0;
    planned.push_back(std::move(loc));
  };
  area("PACK-01", "packing", in.aisle_pitch_mm);
  area("SHIP-01", "shipping", 0);
  area("RECV-01", "receiving", in.aisles * in.aisle_pitch_mm);
  area("QUAR-01", "quarantine", (in.aisles + 1) * in.aisle_pitch_mm);

  for (const LocationInput& loc : planned) {
    if (tx.query("SELECT 1 FROM locations WHERE warehouse_id = $1 AND code = $2", warehouse.id,
                 loc.code)
            .next()) {
      throw_conflict("layout_exists",
                     "location " + loc.code + " already exists in " + warehouse.code);
    }
    insert_location(tx, warehouse.id, loc, loc.type == "pick" || loc.type == "storage");
  }
  boost::json::object data;
  data["warehouse"] = warehouse.code;
  data["aisles"] = in.aisles;
  data["bays"] = in.bays;
  data["levels"] = in.levels;
  data["locations_created"] = static_cast<int64_t>(planned.size());
  events::append(tx, "layout.generated", "warehouse:" + warehouse.code, data);
  return static_cast<int64_t>(planned.size());
}

int64_t packing_location_id(store::Tx& tx, int64_t warehouse_id) {
  auto q = tx.query(
      "SELECT id FROM locations WHERE warehouse_id = $1 AND type = 'packing' ORDER BY code LIMIT "
      "1",
      warehouse_id);
  if (!q.next()) {
    throw_conflict("invalid_state", "the warehouse has no packing location to pick into");
  }
  return q.i64(0);
}

}  // namespace wareflow::wms
