// Re-slotting advice: which products should sit in which pick locations so
// that pickers walk least, and the few moves from today's slotting that save
// the most walking per move (optimize/slotting.h), from the warehouse's own
// pick history. Read-only: it changes nothing; the moves become work through
// move tasks (wms/tasks.h).
//
// What it reads:
//  - slots: the warehouse's pick locations the aisle model places
//    (wms/aisle_model.h), with their volume (unlimited when not set) and zone;
//  - products: those in the pick area, with a pick face or stock in a pick
//    location (their current slot: the pick face, else the pick location
//    holding most of them); velocity = pick lines of pick lists made in the
//    last `days` days, units = the units they asked for (shorts excluded); a
//    product's storage zone restricts its slots. Products picked only from
//    reserve are not slotted: the figures compare one set of products;
//  - a pick location two products share is given to the one with a pick
//    face there, else the one with more units in it; the other product then
//    counts as not in the pick area (it never moves in the plan).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace wareflow::wms {

struct SlottingAdviceInput {
  int64_t days = 30;            // 1..365
  int64_t max_moves = 20;       // 0..1000
  std::string method = "auto";  // velocity, abc, cube_per_order, auto
};

struct SlottingMoveView {
  int64_t step = 0;
  std::string kind;  // relocate, swap
  std::string sku;
  std::string from_location, to_location;
  double saving_mm = 0;  // walking per period saved by this move
};

struct SlottedProductView {
  std::string sku;
  int64_t picks = 0, units = 0;
  std::string abc_class;
  std::optional<std::string> current_location, target_location;
};

struct SlottingAdvice {
  std::string warehouse;
  std::string method;
  int64_t days = 0;
  int64_t slots = 0;
  double current_travel_mm = 0, target_travel_mm = 0, planned_travel_mm = 0;
  std::vector<SlottedProductView> products;  // most picked first
  std::vector<SlottingMoveView> moves;
};

// 404 unknown_warehouse; 422 unsupported_method; 409 invalid_state when the
// warehouse has no packing location (the depot). A warehouse without pick
// locations on the aisle model gets empty advice.
SlottingAdvice advise_slotting(store::Tx& tx, std::string_view warehouse_code,
                               const SlottingAdviceInput& input);

}  // namespace wareflow::wms
