// Blind counts beyond the count itself: what a counter may not read anywhere.
// A count is blind so that the counter writes what is on the shelf, not what
// the books say. So while a location is under an open count, a caller of a
// counting role sees none of its book quantities on any route (stock by
// location, a product's stock, its moves, pick faces, the dashboard's alerts,
// the space report, the event feed's stock flows, the reorder suggestions),
// nor the totals of its warehouse that, less the rows still
// shown, would give them away. docs/api.md ("Blind counts") lists each shape.
// Internal to api/.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/tokens.h"
#include "store/database.h"
#include "wms/counting.h"

namespace wareflow::api {

// The value of "hidden" on a row or total kept from the caller.
inline constexpr const char* kHiddenOpenCount = "open_count";

// Whether a role must not learn book quantities under an open count: the
// operator counts, and the viewer is kept to the same (a viewer token on a
// scanner would otherwise undo the blind count). Admins and managers decide
// counts and see everything; the integration role syncs channel stock, which
// needs warehouse availability at all times, and no one counts with it.
bool counts_blind(auth::Role role);

// The locations whose book quantities a caller may not see, and the rules
// that follow from them.
class BookMask {
 public:
  // For a blind role one query (the open counts of one warehouse, or of all);
  // for any other role none, and the mask hides nothing.
  static BookMask of(store::Tx& tx, auth::Role role, std::optional<int64_t> warehouse_id);

  bool hides(std::string_view warehouse, std::string_view location) const;
  // A location of the warehouse is under count: the warehouse's totals of
  // any product are hidden, since total less the rows shown is the count's
  // book quantity, zero included (which a counter must not learn either).
  bool hides_warehouse(std::string_view warehouse) const;
  // The same for the totals of one zone (the space report).
  bool hides_zone(std::string_view warehouse, std::string_view zone) const;
  // Whether any location is hidden at all.
  bool hides_any() const { return !locations_.empty(); }
  // An event of the feed: the quantities of a stock flow (adjustments,
  // picks, tasks, receipts, returns) add up, over the whole feed, to every
  // location's book quantity, so they are nulled (data.hidden =
  // "open_count") for events of a warehouse under count, and for those that
  // name no warehouse code while any count is open. Other events pass as
  // they are.
  void mask_event(std::string_view type, boost::json::object& data) const;
  // The reorder suggestions of a warehouse under count (rendered): the
  // inventory position is the warehouse's on hand at one remove, and the
  // suggested quantities, cover and stockout date follow from it, so all of
  // them are nulled (hidden = "open_count" on each line and supplier).
  void mask_reorder_suggestions(boost::json::object& suggestions) const;
  // Every location hidden, by warehouse and location.
  const std::vector<wms::OpenCountLocation>& locations() const { return locations_; }

 private:
  std::vector<wms::OpenCountLocation> locations_;
  std::set<std::pair<std::string, std::string>, std::less<>> by_location_, by_zone_;
  std::set<std::string, std::less<>> warehouses_;
};

}  // namespace wareflow::api
