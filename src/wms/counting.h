// Cycle counting: ABC classes by pick velocity, a daily count plan, blind
// counts, recounts beyond a tolerance, a manager's approval, and the reports
// that show how true the stock records are and what goes missing.
//
// A count is of one location. When its counter starts, the ledger position is
// noted; the figure the counter submits is taken as the shelf at that moment,
// and moves after it (picks, putaways confirmed while the count was under way)
// are added back to the record before comparing. So counting stays correct
// while the location keeps working, and the adjustment is posted against the
// balance as it is at submission.
//
// Adjustments are ledger moves between the location and virtual:adjustment
// with reason "cycle_count" and the count as reference. A loss never takes
// units that open pick lines reserve there (409 count_conflicts_with_picks:
// confirm or short those picks first); when it leaves the warehouse holding
// less than orders have allocated, the difference is taken back from
// fulfillments not yet in a wave and returned to their orders (backordered
// or sourced elsewhere), and refused (409 count_conflicts_with_allocations)
// when even that cannot cover it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "store/database.h"
#include "wms/fulfillment.h"

namespace wareflow::wms {

struct CountPolicy {
  int64_t a_days = 30, b_days = 90, c_days = 365;  // count frequency per class
  int64_t lookback_days = 90;                      // pick history for ABC
  int64_t tolerance_units = 0;
  int64_t tolerance_permille = 0;
  std::optional<int64_t> max_locations;  // default: the workload that keeps the schedule
};

// The life of a count: open -> counting -> accepted, or -> recount (and
// again), or -> needs_approval -> approved / rejected; or cancelled. Stored and
// rendered as to_string writes it.
enum class CountStatus {
  open,
  counting,
  recount,
  needs_approval,
  accepted,
  approved,
  rejected,
  cancelled
};
inline constexpr std::array<std::string_view, 8> kCountStatusNames = {
    "open",     "counting", "recount",  "needs_approval",
    "accepted", "approved", "rejected", "cancelled"};
inline std::string_view to_string(CountStatus s) {
  return kCountStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<CountStatus> parse_count_status(std::string_view text) {
  return parse_enum<CountStatus>(kCountStatusNames, text);
}

struct CountLineView {
  std::string sku;
  std::string lot;
  std::optional<int64_t> expected;  // absent in blind views
  int64_t counted = 0;
  std::optional<int64_t> variance;  // counted - expected; absent in blind views
};

struct CountView {
  int64_t id = 0;
  std::string warehouse;
  std::string location;
  std::string
      status;  // open, counting, recount, needs_approval, accepted, approved, rejected, cancelled
  int64_t attempt = 1;
  std::optional<std::string> plan_date;
  std::optional<std::string> counted_by, decided_by;
  int64_t created_at_ms = 0;
  std::optional<int64_t> started_at_ms, submitted_at_ms, decided_at_ms;
  std::optional<int64_t> task_id;
  std::vector<CountLineView> lines;  // the latest attempt's
};

struct CountPlanResult {
  std::string date;  // YYYY-MM-DD
  int64_t products_classified = 0;
  int64_t locations_due = 0;
  std::vector<CountView> counts;  // created for this plan
};
// Classifies the warehouse's products A/B/C by units picked over the lookback,
// gives each location the best class of what it holds (empty ones C), and
// opens counts (with count tasks) for the locations due on `day_ms`, most
// overdue first. Locations with a count already open are skipped.
CountPlanResult plan_counts(store::Tx& tx, std::string_view warehouse_code, int64_t day_ms,
                            const CountPolicy& policy);

// An unplanned count of one location. 409 count_open when one is open there.
CountView create_count(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                       const CountPolicy& policy);

// `blind`: expected quantities and variances are left out (what counters see).
CountView get_count(store::Tx& tx, int64_t id, bool blind);
std::vector<CountView> list_counts(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                   std::optional<std::string> status, int64_t after_id,
                                   int64_t limit, bool blind);

// The counter begins (scanning the location): open/recount -> counting.
CountView start_count(store::Tx& tx, int64_t id, const std::string& counter);

struct CountedItem {
  std::string sku;
  std::string lot;
  int64_t quantity = 0;
};
// The counter's figures for everything in the location (what is not listed
// counts as zero). Accepted within tolerance (adjustment posted), sent for a
// recount, or left for a manager's approval. 422 wrong_location when the
// scanned location is not the count's.
CountView submit_count(store::Tx& tx, int64_t id, std::string_view scanned_location,
                       const std::string& counter, const std::vector<CountedItem>& items,
                       FulfillmentListener& listener, inventory::StockListener* stock);
// The same, found by the scanned location: 409 not_in_plan when no count is
// open there.
CountView submit_count_at(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                          const std::string& counter, const std::vector<CountedItem>& items,
                          FulfillmentListener& listener, inventory::StockListener* stock);

// A manager's decision on a count that needs approval: approve posts the
// latest attempt's variance; reject closes it without a change.
CountView approve_count(store::Tx& tx, int64_t id, const std::string& manager,
                        FulfillmentListener& listener, inventory::StockListener* stock);
CountView reject_count(store::Tx& tx, int64_t id, const std::string& manager);

// ---- what counters may not see ------------------------------------------------

// A location under an open count: one whose count is open, counting, recount
// or needs_approval (not yet accepted, approved, rejected or cancelled). While
// it is, no route may tell a counter its book quantities (nor anything they
// can be computed from): api/ masks them with this list (api/book_mask.h).
struct OpenCountLocation {
  std::string warehouse;  // code
  std::string location;   // code
  std::string zone;       // as the space report groups it: the zone, else the location type
};
// Every location under an open count, of one warehouse or of all; one query,
// ordered by warehouse and location.
std::vector<OpenCountLocation> locations_under_open_count(store::Tx& tx,
                                                          std::optional<int64_t> warehouse_id);

// ---- reports ---------------------------------------------------------------------

struct AccuracyPeriod {
  std::string day;  // YYYY-MM-DD, or "total"
  int64_t locations_counted = 0, locations_exact = 0;
  int64_t units_expected = 0, units_abs_variance = 0;
  double record_accuracy = 0, unit_accuracy = 0;
};
// Per day and in total, over counts decided in [from_ms, to_ms).
std::vector<AccuracyPeriod> inventory_accuracy(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                               int64_t from_ms, int64_t to_ms);

struct ShrinkageRow {
  std::string sku;
  std::string location;
  std::string reason;                  // cycle_count, short_pick, ...
  int64_t units_lost = 0;              // net: losses minus finds
  std::optional<int64_t> value_minor;  // units_lost x unit cost, when the cost is known
};
// Values are summed exactly in 128 bits; one beyond int64 shows as
// ±9223372036854775807.
struct ShrinkageReport {
  std::vector<ShrinkageRow> rows;
  struct Day {
    std::string day;
    int64_t units_lost = 0;
    int64_t value_minor = 0;
  };
  std::vector<Day> days;
  int64_t units_lost = 0;
  int64_t value_minor = 0;
};
// Net units that left the books for the adjustment location in [from_ms,
// to_ms), by SKU, location and cause, and per day: losses and finds of counts
// and short picks, and manual adjustments that took stock away (manual
// increases are mostly stock being loaded, not found, and are left out).
ShrinkageReport shrinkage(store::Tx& tx, std::optional<int64_t> warehouse_id, int64_t from_ms,
                          int64_t to_ms);

}  // namespace wareflow::wms
