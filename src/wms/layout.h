// Warehouses and their locations, and a generator for rectangular layouts.
//
// A warehouse gets its virtual locations (inventory::VirtualLocation) when it is
// created. Physical locations carry coordinates (x_mm, y_mm) that the router
// uses: aisles run along y; the front cross aisle, with the depot, is at y = 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::wms {

struct Address {
  std::string line1, line2, city, postal_code, country;
};

struct WarehouseInput {
  std::string code;
  std::string name;
  Address address;
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct Warehouse {
  int64_t id = 0;
  std::string code;
  std::string name;
  Address address;
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct WarehouseUpsert {
  Warehouse warehouse;
  bool created;
};

WarehouseUpsert upsert_warehouse(store::Tx& tx, const WarehouseInput& input);
std::optional<Warehouse> find_warehouse(store::Tx& tx, std::string_view code);
std::optional<Warehouse> find_warehouse_by_id(store::Tx& tx, int64_t id);
// DomainError unknown_warehouse with `status` (404 for a path, 422 for a field).
Warehouse require_warehouse(store::Tx& tx, std::string_view code, int status = 422,
                            const std::string& field = "warehouse");
std::vector<Warehouse> list_warehouses(store::Tx& tx, std::string_view after_code, int64_t limit);

// Where a warehouse is, for ranking warehouses by distance (OMS sourcing):
// its country and coordinates without the rest of its address.
struct WarehousePlace {
  int64_t id = 0;
  std::optional<std::string> country;
  std::optional<double> latitude, longitude;
  std::string code;
};
// Every warehouse, in one statement (the list is short: sourcing reads it
// for each order).
std::vector<WarehousePlace> warehouse_places(store::Tx& tx);

// Physical location types; `allocatable` is allowed only for pick and storage.
bool is_location_type(std::string_view type);

struct LocationInput {
  std::string code;
  std::string type;
  std::optional<std::string> zone;
  std::optional<int64_t> aisle, bay, level, x_mm, y_mm, max_volume_cm3, max_weight_g;
  std::optional<bool> allocatable;
  // A, B or C: the pick velocity the slot is meant for; putaway sends a
  // product to locations of its own class first.
  std::optional<std::string> velocity_class;
};

struct Location {
  int64_t id = 0;
  std::string warehouse;
  std::string code;
  std::string type;
  std::optional<std::string> zone;
  std::optional<int64_t> aisle, bay, level, x_mm, y_mm, max_volume_cm3, max_weight_g;
  bool allocatable = false;
  std::optional<std::string> velocity_class;
};

struct LocationUpsert {
  Location location;
  bool created;
};

LocationUpsert upsert_location(store::Tx& tx, std::string_view warehouse_code,
                               const LocationInput& input);
// Physical locations in code order after `after_code`; `type` filters when set.
std::vector<Location> list_locations(store::Tx& tx, int64_t warehouse_id,
                                     const std::optional<std::string>& type,
                                     std::string_view after_code, int64_t limit);

// A generated layout is one write command: at most this many storage and
// pick locations (aisles x bays x levels), about 0.4 s of the single writer
// (the field maxima, 890,109, took 3.8 s). A larger site adds zones' locations
// with PUT .../locations.
inline constexpr int64_t kMaxGeneratedLocations = 100'000;

struct LayoutInput {
  int64_t aisles = 0;       // 1-99
  int64_t bays = 0;         // per aisle, 1-999
  int64_t levels = 0;       // 1-9
  int64_t pick_levels = 1;  // the lowest levels are pick faces, the rest reserve
  std::string zone = "A";
  int64_t aisle_pitch_mm = 3000;
  int64_t bay_width_mm = 1000;
  int64_t cross_aisle_mm = 3000;
  int64_t max_volume_cm3 = 1'000'000;
  int64_t max_weight_g = 500'000;
  // Class-based storage: the bays nearest the packing location (walking
  // along the front cross aisle and up the aisle) are velocity class A (the
  // nearest 20 %), then B (30 %), then C, every level of a bay alike; putaway
  // then sends A products to A locations first (rules.h).
  bool velocity_classes = false;
};

// Creates aisles x bays x levels locations named A01-001-1 plus RECV-01,
// PACK-01, SHIP-01 and QUAR-01. Refuses (409 layout_exists) when any of
// those codes exists. Returns how many locations it made.
int64_t generate_layout(store::Tx& tx, std::string_view warehouse_code, const LayoutInput& input);

// The location picked goods are taken to (the first packing location by code);
// 409 invalid_state when the warehouse has none.
int64_t packing_location_id(store::Tx& tx, int64_t warehouse_id);

}  // namespace wareflow::wms
