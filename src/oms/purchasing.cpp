#include "oms/purchasing.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <thread>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/time.h"
#include "events/outbox.h"
#include "inputs/input_error.h"
#include "inventory/inventory.h"
#include "oms/demand.h"
#include "planning/demand.h"
#include "planning/forecast.h"
#include "store/lease.h"
#include "wms/inbound.h"
#include "wms/layout.h"
#include "wms/rules.h"

namespace wareflow::oms {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kMaxQuantity = 1'000'000;
// z of the upper end of the forecaster's central 80 % interval: turns the
// interval's half-width back into the daily error's standard deviation.
constexpr double kZ90 = 1.2815515655446004;

// 404 when the supplier is the resource (in the path), else 422 naming the field.
int64_t supplier_id_of(store::Tx& tx, std::string_view code, int status = 404,
                       const std::string& field = {}) {
  auto q = tx.query("SELECT id FROM suppliers WHERE code = $1", code);
  if (!q.next()) {
    throw_unknown(status, "unknown_supplier", fmt::format("no supplier {}", code), field);
  }
  return q.i64(0);
}

boost::json::object terms_json(const SupplierProduct& t) {
  return boost::json::object{{"supplier", t.supplier},
                             {"sku", t.sku},
                             {"lead_time_days", json_number(t.lead_time_days)},
                             {"pack_size", t.pack_size},
                             {"min_order_qty", t.min_order_qty},
                             {"priority", t.priority}};
}

void check_terms(const SupplierProduct& t) {
  auto in_range = [](double v, double hi) { return std::isfinite(v) && v >= 0 && v <= hi; };
  if (!in_range(t.lead_time_days, 365)) {
    throw_invalid_field("lead_time_days", "lead_time_days must be a number of days from 0 to 365");
  }
  if (!in_range(t.lead_time_sigma_days, 365)) {
    throw_invalid_field("lead_time_sigma_days",
                        "lead_time_sigma_days must be a number of days from 0 to 365");
  }
  if (t.pack_size < 1 || t.pack_size > kMaxQuantity) {
    throw_invalid_field("pack_size", "pack_size must be from 1 to 1000000");
  }
  if (t.min_order_qty < 0 || t.min_order_qty > kMaxQuantity) {
    throw_invalid_field("min_order_qty", "min_order_qty must be from 0 to 1000000");
  }
  if (t.max_order_qty) {
    int64_t smallest = std::max<int64_t>(
        t.pack_size, (t.min_order_qty + t.pack_size - 1) / t.pack_size * t.pack_size);
    if (*t.max_order_qty < smallest || *t.max_order_qty > kMaxQuantity) {
      throw_invalid_field("max_order_qty",
                          fmt::format("max_order_qty must be from {} (one pack, and the minimum "
                                      "rounded up to packs) to 1000000",
                                      smallest));
    }
  }
  if (t.unit_cost_minor && (*t.unit_cost_minor < 0 || *t.unit_cost_minor > 1'000'000'000'000)) {
    throw_invalid_field("unit_cost_minor", "unit_cost_minor must be from 0 to 10^12");
  }
  if (t.priority < 1 || t.priority > 1000) {
    throw_invalid_field("priority", "priority must be from 1 (first choice) to 1000");
  }
  if (t.supplier_sku && (t.supplier_sku->empty() || t.supplier_sku->size() > 64)) {
    throw_invalid_field("supplier_sku", "supplier_sku must be 1 to 64 characters");
  }
}

SupplierProduct read_terms(store::Query& q) {
  SupplierProduct t;
  t.supplier = q.text(0);
  t.sku = q.text(1);
  t.supplier_sku = q.opt_text(2);
  t.lead_time_days = q.f64(3);
  t.lead_time_sigma_days = q.f64(4);
  t.pack_size = q.i64(5);
  t.min_order_qty = q.i64(6);
  t.max_order_qty = q.opt_i64(7);
  t.unit_cost_minor = q.opt_i64(8);
  t.priority = q.i64(9);
  return t;
}

constexpr const char* kTermsColumns =
    "s.code, p.sku, sp.supplier_sku, sp.lead_time_days, sp.lead_time_sigma_days, sp.pack_size, "
    "sp.min_order_qty, sp.max_order_qty, sp.unit_cost_minor, sp.priority";

// One product's demand at a warehouse, ready for the forecaster.
struct SeriesInput {
  int64_t product_id = 0;
  std::string sku;
  int64_t history_days = 0, stock_out_days = 0;
  std::vector<double> values;  // censored days filled
};

SeriesInput series_from(int64_t product_id, const DemandHistory& h) {
  SeriesInput s;
  s.product_id = product_id;
  s.sku = h.sku;
  s.history_days = static_cast<int64_t>(h.units.size());
  s.stock_out_days = std::count(h.stock_out.begin(), h.stock_out.end(), true);
  std::vector<double> values(h.units.begin(), h.units.end());
  s.values = planning::fill_censored_days(values, h.stock_out, 7);
  return s;
}

// Every product some supplier sells.
std::vector<int64_t> products_with_terms(store::Tx& tx) {
  std::vector<int64_t> ids;
  auto q = tx.query("SELECT DISTINCT product_id FROM supplier_products ORDER BY product_id");
  while (q.next()) ids.push_back(q.i64(0));
  return ids;
}

// The daily error standard deviations of a forecast, from its 80 % interval.
std::vector<double> daily_sigma(const planning::Forecast& f) {
  std::vector<double> sigma(f.values.size());
  for (size_t d = 0; d < f.values.size(); ++d) {
    sigma[d] = std::max(f.upper[d] - f.values[d], f.values[d] - f.lower[d]) / kZ90;
  }
  return sigma;
}

std::optional<planning::Forecast> fit(const std::vector<double>& values, int64_t horizon) {
  planning::ForecastOptions options;
  options.horizon = horizon;
  options.model = "auto";
  if (values.size() < planning::minimum_length("auto", options.season_length)) return std::nullopt;
  try {
    return planning::forecast_series(values, options);
  } catch (const inputs::InputError&) {
    return std::nullopt;
  }
}

boost::json::array json_numbers(const std::vector<double>& values) {
  boost::json::array a;
  for (double v : values) a.push_back(json_number(std::round(v * 10000) / 10000));
  return a;
}

std::vector<double> parse_numbers(const std::string& text) {
  std::vector<double> out;
  const boost::json::value parsed = boost::json::parse(text);  // outlives the loop
  for (const auto& v : parsed.as_array()) out.push_back(v.to_number<double>());
  return out;
}

}  // namespace

// ---- supplier terms ------------------------------------------------------------

SupplierProductUpsert put_supplier_product(store::Tx& tx, const SupplierProduct& terms) {
  int64_t supplier_id = supplier_id_of(tx, terms.supplier);
  check_terms(terms);
  catalog::Product product = catalog::require_product(tx, terms.sku, 422, "sku");
  bool exists =
      tx.query("SELECT 1 FROM supplier_products WHERE supplier_id = $1 AND product_id = $2",
               supplier_id, product.id)
          .next();
  tx.exec(
      "INSERT INTO supplier_products (supplier_id, product_id, supplier_sku, lead_time_days, "
      "lead_time_sigma_days, pack_size, min_order_qty, max_order_qty, unit_cost_minor, priority, "
      "created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) "
      "ON CONFLICT (supplier_id, product_id) DO UPDATE SET supplier_sku = excluded.supplier_sku, "
      "lead_time_days = excluded.lead_time_days, lead_time_sigma_days = "
      "excluded.lead_time_sigma_days, pack_size = excluded.pack_size, min_order_qty = "
      "excluded.min_order_qty, max_order_qty = excluded.max_order_qty, unit_cost_minor = "
      "excluded.unit_cost_minor, priority = excluded.priority, updated_at_ms = "
      "excluded.updated_at_ms",
      supplier_id, product.id, terms.supplier_sku, terms.lead_time_days, terms.lead_time_sigma_days,
      terms.pack_size, terms.min_order_qty, terms.max_order_qty, terms.unit_cost_minor,
      terms.priority, tx.now_ms());
  events::append(tx, "supplier_product.upserted", "supplier:" + terms.supplier, terms_json(terms));
  return {terms, !exists};
}

std::vector<SupplierProduct> list_supplier_products(store::Tx& tx, std::string_view supplier,
                                                    std::string_view after_sku, int64_t limit) {
  int64_t supplier_id = supplier_id_of(tx, supplier);
  auto q = tx.query(std::string("SELECT ") + kTermsColumns +
                        " FROM supplier_products sp JOIN suppliers s ON s.id = sp.supplier_id JOIN "
                        "products p ON p.id = sp.product_id WHERE sp.supplier_id = $1 AND p.sku > "
                        "$2 ORDER BY p.sku LIMIT $3",
                    supplier_id, after_sku, limit);
  std::vector<SupplierProduct> list;
  while (q.next()) list.push_back(read_terms(q));
  return list;
}

void delete_supplier_product(store::Tx& tx, std::string_view supplier, std::string_view sku) {
  int64_t supplier_id = supplier_id_of(tx, supplier);
  auto q = tx.query(
      "SELECT sp.product_id FROM supplier_products sp JOIN products p ON p.id = sp.product_id "
      "WHERE sp.supplier_id = $1 AND p.sku = $2",
      supplier_id, sku);
  if (!q.next()) {
    throw_not_found("unknown_supplier_product",
                    fmt::format("supplier {} has no terms for {}", supplier, sku));
  }
  int64_t product_id = q.i64(0);
  tx.exec("DELETE FROM supplier_products WHERE supplier_id = $1 AND product_id = $2", supplier_id,
          product_id);
  events::append(tx, "supplier_product.deleted", "supplier:" + std::string(supplier),
                 boost::json::object{{"supplier", supplier}, {"sku", sku}});
}

// ---- kept forecasts --------------------------------------------------------------

namespace {

// How long a refresh may hold its warehouse's lease (a refresh of 10,000
// products takes seconds; a process that died holding it blocks refreshes of
// that warehouse this long).
constexpr int64_t kRefreshLeaseMs = 15 * 60 * 1000;

void refresh_under_lease(store::Database& db, const ForecastRefreshOptions& options,
                         int64_t warehouse_id, ForecastRefreshReport& report);

}  // namespace

ForecastRefreshReport refresh_forecasts(store::Database& db,
                                        const ForecastRefreshOptions& options) {
  if (options.history_days < 28 || options.history_days > 730) {
    throw_invalid_field("history_days", "history_days must be from 28 to 730");
  }
  if (options.horizon < 1 || options.horizon > 365) {
    throw_invalid_field("horizon", "horizon must be a number of days from 1 to 365");
  }
  ForecastRefreshReport report;
  report.warehouse = options.warehouse;
  int64_t warehouse_id = 0;

  // One refresh of a warehouse at a time across every server process: the
  // lease is taken in a write of its own before seconds of reading and
  // fitting, and given back when the forecasts are written (or the refresh
  // failed). A process that dies holding it holds it for kRefreshLeaseMs.
  std::string lease;
  db.write([&](store::Tx& tx) {
    warehouse_id = wms::require_warehouse(tx, options.warehouse, 422, "warehouse").id;
    lease = "forecast-refresh:" + std::to_string(warehouse_id);
    if (!store::take_lease(tx, lease, store::this_process_holder(), kRefreshLeaseMs)) {
      throw_conflict("refresh_running",
                     "a forecast refresh of " + options.warehouse +
                         " is running (on this or another server); try again when it is done");
    }
  });
  try {
    refresh_under_lease(db, options, warehouse_id, report);
  } catch (...) {
    try {
      db.write(
          [&](store::Tx& tx) { store::release_lease(tx, lease, store::this_process_holder()); });
    } catch (...) {
      // The lease then expires by itself; the refresh's own error is the answer.
    }
    throw;
  }
  return report;
}

namespace {

void refresh_under_lease(store::Database& db, const ForecastRefreshOptions& options,
                         int64_t warehouse_id, ForecastRefreshReport& report) {
  using Clock = std::chrono::steady_clock;
  auto ms_since = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  int64_t first_day_ms = 0;
  std::vector<SeriesInput> series;
  auto started = Clock::now();
  db.read([&](store::Tx& tx) {
    report.computed_at_ms = tx.now_ms();
    first_day_ms = tx.now_ms() / kDayMs * kDayMs;
    // Every product with demand, stock or moves at the warehouse in the
    // period, and every product a supplier sells.
    for (const auto& [id, history] :
         demand_histories(tx, options.warehouse, options.history_days, products_with_terms(tx))) {
      series.push_back(series_from(id, history));
    }
  });
  report.products = static_cast<int64_t>(series.size());
  report.read_ms = ms_since(started);

  // The fits are pure and independent: planning::forecast_many shares them
  // out over the worker threads.
  started = Clock::now();
  std::vector<std::vector<double>> values;
  values.reserve(series.size());
  for (auto& s : series) values.push_back(std::move(s.values));
  planning::ForecastOptions fit_options;
  fit_options.horizon = options.horizon;
  fit_options.model = "auto";
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  report.threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(series.size())));
  std::vector<std::optional<planning::Forecast>> forecasts =
      planning::forecast_many(values, fit_options, report.threads);
  report.fit_ms = ms_since(started);

  started = Clock::now();
  db.write([&](store::Tx& tx) {
    store::release_lease(tx, "forecast-refresh:" + std::to_string(warehouse_id),
                         store::this_process_holder());
    // Even a refresh whose lease expired cannot interleave its rows with
    // another's: the replacement of a warehouse's forecasts is serialised.
    tx.lock("forecast_refresh", warehouse_id);
    tx.exec("DELETE FROM demand_forecasts WHERE warehouse_id = $1", warehouse_id);
    for (size_t i = 0; i < series.size(); ++i) {
      if (!forecasts[i]) continue;
      const planning::Forecast& f = *forecasts[i];
      tx.exec(
          "INSERT INTO demand_forecasts (product_id, warehouse_id, computed_at_ms, first_day_ms, "
          "history_days, stock_out_days, model, variant, backtest_mase, values_json, sigma_json) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
          series[i].product_id, warehouse_id, report.computed_at_ms, first_day_ms,
          series[i].history_days, series[i].stock_out_days, f.model, f.variant, f.backtest_mase,
          boost::json::serialize(json_numbers(f.values)),
          boost::json::serialize(json_numbers(daily_sigma(f))));
      report.forecasted += 1;
      report.models[f.model] += 1;
    }
    boost::json::object models;
    for (const auto& [m, n] : report.models) models[m] = n;
    events::append(tx, "forecasts.refreshed", "warehouse:" + options.warehouse,
                   boost::json::object{{"products", report.products},
                                       {"forecasted", report.forecasted},
                                       {"models", std::move(models)}});
  });
  report.write_ms = ms_since(started);
}

}  // namespace

// ---- reorder suggestions ---------------------------------------------------------

namespace {

struct Candidate {
  int64_t product_id = 0;
  std::string sku;
  SupplierProduct terms;
  std::optional<int64_t> product_cost_minor;
};

// The products to plan and the supplier each is bought from.
std::vector<Candidate> candidates(store::Tx& tx, const std::optional<std::string>& supplier) {
  std::optional<int64_t> supplier_id;
  if (supplier) supplier_id = supplier_id_of(tx, *supplier, 422, "supplier");
  // Rows come per product in order of choice; the first row of a product wins
  // (with a supplier named, only its rows are read).
  auto q = tx.query(std::string("SELECT ") + kTermsColumns +
                        ", p.id, p.unit_cost_minor FROM supplier_products sp JOIN suppliers s ON "
                        "s.id = sp.supplier_id JOIN products p ON p.id = sp.product_id WHERE ($1 "
                        "IS NULL OR sp.supplier_id = $1) ORDER BY p.id, sp.priority, "
                        "COALESCE(sp.unit_cost_minor, 9223372036854775807), s.code",
                    supplier_id);
  std::vector<Candidate> list;
  while (q.next()) {
    int64_t product_id = q.i64(10);
    if (!list.empty() && list.back().product_id == product_id) continue;
    list.push_back({product_id, q.text(1), read_terms(q), q.opt_i64(11)});
  }
  return list;
}

struct Position {
  int64_t on_hand = 0, allocated = 0, backordered = 0, on_order = 0;
};

Position position_of(store::Tx& tx, int64_t warehouse_id, int64_t product_id) {
  Position p;
  if (auto level = inventory::warehouse_level(tx, warehouse_id, product_id)) {
    p.on_hand = std::max<int64_t>(0, level->on_hand);
    p.allocated = std::max<int64_t>(0, level->allocated);
  }
  {
    auto q = tx.query(
        "SELECT COALESCE(SUM(backordered), 0) FROM order_lines WHERE product_id = $1 AND "
        "backordered > 0",
        product_id);
    q.next();
    p.backordered = q.i64(0);
  }
  p.on_order = wms::units_on_order(tx, warehouse_id, product_id);
  return p;
}

struct KeptForecast {
  std::string model;
  std::vector<double> values, sigma;
};

std::optional<KeptForecast> kept_forecast(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                          int64_t today_ms) {
  auto q = tx.query(
      "SELECT model, values_json, sigma_json, first_day_ms FROM demand_forecasts WHERE "
      "warehouse_id = $1 AND product_id = $2",
      warehouse_id, product_id);
  if (!q.next() || q.i64(3) != today_ms) return std::nullopt;
  return KeptForecast{q.text(0), parse_numbers(q.text(1)), parse_numbers(q.text(2))};
}

}  // namespace

void check_reorder_policy(const std::string& policy) {
  if (policy != "s_S" && policy != "s_Q" && policy != "R_S") {
    throw_invalid_field("policy", "policy must be s_S, s_Q or R_S");
  }
}

void check_review_period(const std::string& policy, int64_t review_period_days) {
  if (policy == "R_S" && review_period_days < 1) {
    throw_invalid_field("review_days", "the R_S policy needs review_days of at least 1");
  }
}

void check_service_measure(const std::string& measure) {
  if (measure != planning::kCycleServiceLevel && measure != planning::kFillRate) {
    throw_invalid_field("service_measure",
                        "service_measure must be cycle_service_level or fill_rate");
  }
}

ReorderSuggestions reorder_suggestions(store::Tx& tx, const ReorderQuery& query) {
  if (query.history_days < 28 || query.history_days > 730) {
    throw_invalid_field("history_days", "history_days must be from 28 to 730");
  }
  const int64_t warehouse_id = wms::require_warehouse(tx, query.warehouse, 422, "warehouse").id;
  const int64_t today_ms = tx.now_ms() / kDayMs * kDayMs;
  ReorderSuggestions out;
  out.warehouse = query.warehouse;

  struct Planned {
    Candidate c;
    KeptForecast forecast;
    bool kept = false;
    int64_t history_units = 0;
  };
  std::vector<Planned> planned;
  std::vector<Candidate> chosen = candidates(tx, query.supplier);
  std::vector<int64_t> ids;
  for (const Candidate& c : chosen) ids.push_back(c.product_id);
  const std::map<int64_t, DemandHistory> histories =
      demand_histories(tx, query.warehouse, query.history_days, ids);
  for (Candidate& c : chosen) {
    SeriesInput s = series_from(c.product_id, histories.at(c.product_id));
    Planned p{std::move(c), {}, false, 0};
    for (double v : s.values) p.history_units += static_cast<int64_t>(std::llround(v));
    if (auto kept = kept_forecast(tx, warehouse_id, p.c.product_id, today_ms)) {
      p.forecast = std::move(*kept);
      p.kept = true;
    } else if (auto f = fit(s.values, 56)) {
      p.forecast = {f->model, f->values, daily_sigma(*f)};
    } else {
      // Too little history to fit: plan on no demand (only backorders and
      // allocations then make an order).
      p.forecast = {"none", {0.0}, {0.0}};
    }
    planned.push_back(std::move(p));
  }

  std::vector<wms::rules::ItemVelocity> value;
  for (const Planned& p : planned) {
    int64_t cost = p.c.terms.unit_cost_minor.value_or(p.c.product_cost_minor.value_or(1));
    value.push_back({p.c.product_id, p.history_units * std::max<int64_t>(cost, 1)});
  }
  std::map<int64_t, char> abc = wms::rules::classify_abc(value);

  std::vector<planning::ReorderItem> items;
  for (const Planned& p : planned) {
    Position pos = position_of(tx, warehouse_id, p.c.product_id);
    planning::ReorderItem item;
    item.sku = p.c.sku;
    item.warehouse = query.warehouse;
    item.supplier = p.c.terms.supplier;
    item.daily_demand = p.forecast.values;
    item.daily_sigma = p.forecast.sigma;
    item.lead_time_days = p.c.terms.lead_time_days;
    item.lead_time_sigma_days = p.c.terms.lead_time_sigma_days;
    item.review_period_days = query.review_period_days;
    item.policy = query.policy;
    char cls = abc[p.c.product_id];
    item.service =
        query.service ? *query.service : planning::service_target_for_class(std::string(1, cls));
    item.on_hand = pos.on_hand;
    item.allocated = pos.allocated;
    item.backordered = pos.backordered;
    item.on_order = pos.on_order;
    item.terms.pack_size = p.c.terms.pack_size;
    item.terms.min_order_qty = p.c.terms.min_order_qty;
    item.terms.max_order_qty = p.c.terms.max_order_qty;
    item.unit_cost_minor = p.c.terms.unit_cost_minor.value_or(p.c.product_cost_minor.value_or(0));
    item.ordering_cost_minor = query.ordering_cost_minor;
    item.holding_rate_per_year = query.holding_rate_per_year;
    items.push_back(std::move(item));
    out.items.push_back({p.c.sku, p.c.terms.supplier, cls, p.forecast.model, p.kept});
  }
  try {
    out.suppliers = planning::suggest_purchases(items);
  } catch (const inputs::InputError& e) {
    // Item faults are the query's (policy, review period, service target).
    std::string field = e.field();
    auto dot = field.find("].");
    if (dot != std::string::npos) field = field.substr(dot + 2);
    if (field == "review_period_days" || field == "policy") {
      throw_invalid_field(field, e.what());
    }
    if (field.rfind("service", 0) == 0) throw_invalid_field("service_level", e.what());
    throw_unprocessable(e.code(), e.what(), field);
  }
  return out;
}

PurchaseFromSuggestionResult purchase_from_suggestion(store::Tx& tx,
                                                      const PurchaseFromSuggestion& request) {
  if (!request.query.supplier) throw_invalid_field("supplier", "supplier is required");
  ReorderSuggestions s = reorder_suggestions(tx, request.query);
  PurchaseFromSuggestionResult out;
  for (auto& supplier : s.suppliers) {
    if (supplier.supplier == *request.query.supplier) out.suggestion = std::move(supplier);
  }
  if (out.suggestion.lines.empty()) {
    throw_unprocessable("nothing_to_order",
                        fmt::format("nothing of supplier {} is due for {} now",
                                    *request.query.supplier, request.query.warehouse));
  }
  wms::PurchaseOrderInput po;
  po.supplier = *request.query.supplier;
  po.warehouse = request.query.warehouse;
  if (request.number) {
    po.number = *request.number;
  } else {
    std::string day = format_rfc3339(tx.now_ms()).substr(0, 10);
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    std::string prefix = fmt::format("PO-{}-{}-", day, po.supplier);
    int64_t n = 1;
    while (wms::purchase_order_exists(tx, prefix + std::to_string(n))) ++n;
    po.number = prefix + std::to_string(n);
  }
  double longest_lead = 0;
  for (const auto& line : out.suggestion.lines) {
    po.lines.push_back(
        {line.sku, line.quantity,
         line.unit_cost_minor > 0 ? std::optional<int64_t>(line.unit_cost_minor) : std::nullopt});
    longest_lead =
        std::max(longest_lead,
                 line.plan.protection_days - static_cast<double>(request.query.review_period_days));
  }
  po.expected_at_ms =
      tx.now_ms() / kDayMs * kDayMs + static_cast<int64_t>(std::ceil(longest_lead)) * kDayMs;
  out.order = wms::create_purchase_order(tx, po);
  return out;
}

}  // namespace wareflow::oms
