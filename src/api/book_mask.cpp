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

}  // namespace wareflow::api
