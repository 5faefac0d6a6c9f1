// Purchase planning from the store: how each supplier sells each product
// (supplier terms), the demand forecasts kept for every product at a
// warehouse (a refresh that fits them in parallel, meant to run nightly), the
// reorder suggestions those forecasts give against the current stock position,
// and a supplier's suggestion turned into a purchase order in one command.
// The models are planning/forecast.h and planning/reorder.h; this module only
// feeds them and keeps their results.
//
// Stock position of a product at a warehouse, as the suggestions see it:
//   on_hand     units in the warehouse's allocatable locations (stock_levels);
//   allocated   units orders hold there;
//   backordered units of open backorders, all warehouses' (a backorder is
//               served by whichever warehouse receives stock first, so each
//               warehouse's plan covers it);
//   on_order    open units of the warehouse's purchase orders that are open
//               or receiving (expected - received - damaged, at least 0).
// Service target: the query's, else by ABC class of the planned products'
// demand value over the history window (units x unit cost; A: the top 80 %,
// B: to 95 %, C: the rest), A 98 %, B 95 %, C 90 % cycle service level.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planning/reorder.h"
#include "store/database.h"
#include "wms/inbound.h"

namespace wareflow::oms {

// ---- supplier terms ------------------------------------------------------------

struct SupplierProduct {
  std::string supplier;
  std::string sku;
  std::optional<std::string> supplier_sku;
  double lead_time_days = 0;        // 0..365
  double lead_time_sigma_days = 0;  // 0..365
  int64_t pack_size = 1;            // 1..1,000,000
  int64_t min_order_qty = 0;        // 0..1,000,000
  std::optional<int64_t> max_order_qty;
  std::optional<int64_t> unit_cost_minor;
  int64_t priority = 1;  // 1 = first choice among the product's suppliers
};

struct SupplierProductUpsert {
  SupplierProduct terms;
  bool created = false;
};

// Sets (replaces) the terms. 404 unknown_supplier, 422 unknown_sku; 422
// invalid_field when max_order_qty is below one pack or below the minimum
// rounded up to a pack.
SupplierProductUpsert put_supplier_product(store::Tx& tx, const SupplierProduct& terms);
// 404 unknown_supplier; by SKU after `after_sku`.
std::vector<SupplierProduct> list_supplier_products(store::Tx& tx, std::string_view supplier,
                                                    std::string_view after_sku, int64_t limit);
// 404 unknown_supplier / unknown_supplier_product.
void delete_supplier_product(store::Tx& tx, std::string_view supplier, std::string_view sku);

// ---- kept forecasts --------------------------------------------------------------

struct ForecastRefreshOptions {
  std::string warehouse;       // code; 422 unknown_warehouse
  int64_t history_days = 180;  // 28..730
  int64_t horizon = 56;        // 1..365: enough for lead time plus review period
  unsigned threads = 0;        // 0: one per core
};

struct ForecastRefreshReport {
  std::string warehouse;
  int64_t computed_at_ms = 0;
  int64_t products = 0;                   // products with stock, demand or supplier terms
  int64_t forecasted = 0;                 // forecasts kept (the others had too little history)
  std::map<std::string, int64_t> models;  // how many series each model won
  unsigned threads = 0;
  double read_ms = 0, fit_ms = 0, write_ms = 0;
};

// Reads the demand histories on one snapshot, fits every series with `auto`
// on `threads` threads (pure, no store access), then replaces the
// warehouse's kept forecasts in one write. Runs on the caller's thread and
// its own workers, never on the writer: only the final write is queued.
ForecastRefreshReport refresh_forecasts(store::Database& db, const ForecastRefreshOptions& options);

// ---- reorder suggestions ---------------------------------------------------------

struct ReorderQuery {
  std::string warehouse;                           // code; 422 unknown_warehouse
  std::optional<std::string> supplier;             // code; 404 unknown_supplier
  std::string policy = "s_S";                      // s_S, s_Q, R_S
  int64_t review_period_days = 0;                  // R; R_S needs >= 1
  std::optional<planning::ServiceTarget> service;  // else by ABC class
  int64_t ordering_cost_minor = 0;                 // per purchase order line
  double holding_rate_per_year = 0.25;
  int64_t history_days = 180;  // for forecasts made now, and ABC
};

// The rules of a reorder query's fields, checked by whoever reads one
// (422 invalid_field naming the request's field):
// the policy is s_S, s_Q or R_S;
void check_reorder_policy(const std::string& policy);
// R_S (periodic review) needs a review period of at least a day;
void check_review_period(const std::string& policy, int64_t review_period_days);
// a service target's measure is cycle_service_level or fill_rate.
void check_service_measure(const std::string& measure);

struct PlannedItem {
  std::string sku, supplier;
  char abc_class = 'C';
  std::string forecast_model;  // the model of the forecast used
  bool forecast_kept = false;  // false: fitted now (no kept forecast of today)
};

struct ReorderSuggestions {
  std::string warehouse;
  std::vector<planning::SupplierSuggestion> suppliers;  // only suppliers with something to order
  std::vector<PlannedItem> items;                       // every product planned
};

// Plans every product of the warehouse's suppliers (or one supplier's) that
// has terms; each product with its first-choice supplier (priority, then
// unit cost, then code) unless `supplier` names another that sells it.
// Uses the kept forecast when it was computed today, else fits one now.
ReorderSuggestions reorder_suggestions(store::Tx& tx, const ReorderQuery& query);

struct PurchaseFromSuggestion {
  ReorderQuery query;                 // supplier required
  std::optional<std::string> number;  // generated when absent: PO-<yyyymmdd>-<supplier>-<n>
};

struct PurchaseFromSuggestionResult {
  wms::PurchaseOrderView order;
  planning::SupplierSuggestion suggestion;
};

// Plans the supplier's products at the warehouse now, in the caller's (write)
// transaction, and makes a purchase order of the suggested lines, expected
// after the longest line lead time. 422 nothing_to_order when nothing is due;
// 409 purchase_order_exists for a taken number.
PurchaseFromSuggestionResult purchase_from_suggestion(store::Tx& tx,
                                                      const PurchaseFromSuggestion& request);

}  // namespace wareflow::oms
