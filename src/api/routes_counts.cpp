// Routes of cycle counts: plans, counts, submissions, approval. Counters
// below manager see no expected quantities (blind counts).
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/routes.h"
#include "core/json.h"
#include "wms/counting.h"

namespace wareflow::api {
namespace {

bool sees_expected_quantities(const auth::Principal& p) {
  return p.role == Role::admin || p.role == Role::manager;
}

wms::CountPolicy read_count_policy(const FieldReader& in) {
  wms::CountPolicy p;
  p.a_days = in.optional_int("a_days", 1, 3650).value_or(p.a_days);
  p.b_days = in.optional_int("b_days", 1, 3650).value_or(p.b_days);
  p.c_days = in.optional_int("c_days", 1, 3650).value_or(p.c_days);
  p.lookback_days = in.optional_int("lookback_days", 1, 3650).value_or(p.lookback_days);
  p.tolerance_units = in.optional_int("tolerance_units", 0, 1'000'000).value_or(0);
  p.tolerance_permille = in.optional_int("tolerance_permille", 0, 1000).value_or(0);
  p.max_locations = in.optional_int("max_locations", 1, 100'000);
  return p;
}

std::vector<wms::CountedItem> read_counted(const FieldReader& in) {
  const json::array& lines = in.required_array("lines", 1000);
  std::vector<wms::CountedItem> items;
  for (size_t i = 0; i < lines.size(); ++i) {
    FieldReader line = in.element("lines", lines, i);
    items.push_back({line.required_string("sku", 64), line.optional_string("lot", 64).value_or(""),
                     line.required_int("quantity", 0, 1'000'000'000)});
  }
  return items;
}

}  // namespace

void register_count_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("POST", "/api/v1/counts/plan", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string warehouse = in.required_string("warehouse", 64);
    auto day = in.optional_time("date", true);
    wms::CountPolicy policy = read_count_policy(in);
    write(call, 201, [warehouse, day, policy](store::Tx& tx, int&) {
      auto plan = wms::plan_counts(tx, warehouse, day.value_or(tx.now_ms()), policy);
      json::array counts;
      for (const auto& c : plan.counts) counts.push_back(render(c));
      return json::object{{"date", plan.date},
                          {"products_classified", plan.products_classified},
                          {"locations_due", plan.locations_due},
                          {"counts", std::move(counts)}};
    });
  });
  r.add("POST", "/api/v1/counts/submissions", kOperators, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string warehouse = in.required_string("warehouse", 64);
    std::string location = in.required_string("location", 64);
    auto items = read_counted(in);
    std::string counter = call->principal.name;
    bool blind = !sees_expected_quantities(call->principal);
    write(call, 200, [=, &orders](store::Tx& tx, int&) {
      auto c = wms::submit_count_at(tx, warehouse, location, counter, items, orders, &orders);
      return render(wms::get_count(tx, c.id, blind));
    });
  });
  r.add("POST", "/api/v1/counts", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string warehouse = in.required_string("warehouse", 64);
    std::string location = in.required_string("location", 64);
    wms::CountPolicy policy = read_count_policy(in);
    write(call, 201, [=](store::Tx& tx, int&) {
      return render(wms::create_count(tx, warehouse, location, policy));
    });
  });
  r.add("GET", "/api/v1/counts", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t after = cursor_id(call->request);
    auto status = query_opt(call->request, "status");
    bool blind = !sees_expected_quantities(call->principal);
    read(call, [&](store::Tx& tx) {
      auto list =
          wms::list_counts(tx, query_warehouse(tx, call->request), status, after, limit + 1, blind);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& c : list) items.push_back(render(c));
      return json::object{
          {"counts", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/counts/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_count");
    bool blind = !sees_expected_quantities(call->principal);
    read(call, [&](store::Tx& tx) { return render(wms::get_count(tx, id, blind)); });
  });
  r.add("POST", "/api/v1/counts/{id}/start", kOperators, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_count");
    std::string counter = call->principal.name;
    write(call, 200,
          [id, counter](store::Tx& tx, int&) { return render(wms::start_count(tx, id, counter)); });
  });
  r.add("POST", "/api/v1/counts/{id}/submit", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_count");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string location = in.required_string("location", 64);
    auto items = read_counted(in);
    std::string counter = call->principal.name;
    bool blind = !sees_expected_quantities(call->principal);
    write(call, 200, [=, &orders](store::Tx& tx, int&) {
      wms::submit_count(tx, id, location, counter, items, orders, &orders);
      return render(wms::get_count(tx, id, blind));
    });
  });
  r.add("POST", "/api/v1/counts/{id}/approve", kManagers, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_count");
    std::string manager = call->principal.name;
    write(call, 200, [id, manager, &orders](store::Tx& tx, int&) {
      return render(wms::approve_count(tx, id, manager, orders, &orders));
    });
  });
  r.add("POST", "/api/v1/counts/{id}/reject", kManagers, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_count");
    std::string manager = call->principal.name;
    write(call, 200, [id, manager](store::Tx& tx, int&) {
      return render(wms::reject_count(tx, id, manager));
    });
  });
}

}  // namespace wareflow::api
