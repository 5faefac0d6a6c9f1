// Routes of the warehouse day around the pick: suppliers and purchase orders,
// receiving, the task queue, pick faces and replenishment, cycle counts,
// returns, boxes, carriers and rates, tracking, manifests, printed documents
// and the warehouse reports. Thin, like handlers.cpp: parse, one service call
// in one transaction, render.
#include <fmt/format.h>

#include <cmath>

#include "api/handler_kit.h"
#include "catalog/catalog.h"
#include "core/json.h"
#include "reporting/kpi.h"
#include "wms/counting.h"
#include "wms/inbound.h"
#include "wms/layout.h"
#include "wms/returns.h"
#include "wms/shipping.h"
#include "wms/slotting.h"
#include "wms/tasks.h"

namespace wareflow::api {
namespace {

constexpr int64_t kDayMs = 86'400'000;

// ---- rendering ----------------------------------------------------------------------

json::value render(const wms::Supplier& s) {
  return json::object{{"code", s.code},
                      {"name", s.name},
                      {"over_receipt_tolerance_permille", s.over_receipt_tolerance_permille}};
}

json::value render(const wms::PurchaseOrderView& po) {
  json::array lines;
  for (const auto& l : po.lines) {
    lines.push_back(
        json::object{{"line_no", l.line_no},
                     {"sku", l.sku},
                     {"expected", l.expected},
                     {"received", l.received},
                     {"damaged", l.damaged},
                     {"open", std::max<int64_t>(0, l.expected - l.received - l.damaged)},
                     {"unit_cost_minor", opt(l.unit_cost_minor)},
                     {"closed", l.closed}});
  }
  return json::object{{"number", po.number},
                      {"supplier", po.supplier},
                      {"warehouse", po.warehouse},
                      {"status", po.status},
                      {"expected_at", opt_time(po.expected_at_ms)},
                      {"created_at", format_rfc3339(po.created_at_ms)},
                      {"lines", std::move(lines)}};
}

json::value render(const wms::TaskView& t) {
  return json::object{
      {"id", t.id},
      {"warehouse", t.warehouse},
      {"type", t.type},
      {"status", t.status},
      {"priority", t.priority},
      {"due_at", opt_time(t.due_at_ms)},
      {"zone", opt(t.zone)},
      {"sku", opt(t.sku)},
      {"lot", t.lot},
      {"quantity", opt(t.quantity)},
      {"from_location", opt(t.from_location)},
      {"to_location", opt(t.to_location)},
      {"done_location", opt(t.done_location)},
      {"done_quantity", opt(t.done_quantity)},
      {"ref", t.ref_type.empty()
                  ? json::value(nullptr)
                  : json::value(json::object{{"type", t.ref_type}, {"id", opt(t.ref_id)}})},
      {"assigned_to", opt(t.assigned_to)},
      {"created_at", format_rfc3339(t.created_at_ms)},
      {"started_at", opt_time(t.started_at_ms)},
      {"finished_at", opt_time(t.finished_at_ms)},
      {"travel_mm", opt(t.travel_mm)}};
}

json::value render(const wms::ReceiptView& r) {
  return json::object{{"id", r.id},
                      {"purchase_order", r.purchase_order},
                      {"line_no", r.line_no},
                      {"sku", r.sku},
                      {"lot", r.lot},
                      {"expiry", opt_time(r.expiry_ms)},
                      {"serial", opt(r.serial)},
                      {"sscc", opt(r.sscc)},
                      {"quantity", r.quantity},
                      {"damaged", r.damaged},
                      {"location", r.location},
                      {"putaway_task_id", opt(r.putaway_task_id)},
                      {"suggested_location", opt(r.suggested_location)},
                      {"purchase_order_after", render(r.purchase_order_after)}};
}

json::value render(const wms::PickFace& f) {
  return json::object{{"location", f.location},         {"sku", f.sku},
                      {"min_quantity", f.min_quantity}, {"max_quantity", f.max_quantity},
                      {"on_hand", f.on_hand},           {"reserved", f.reserved}};
}

json::value render(const wms::CountView& c) {
  json::array lines;
  for (const auto& l : c.lines) {
    json::object line{{"sku", l.sku}, {"lot", l.lot}, {"counted", l.counted}};
    if (l.expected) line["expected"] = *l.expected;
    if (l.variance) line["variance"] = *l.variance;
    lines.push_back(std::move(line));
  }
  return json::object{{"id", c.id},
                      {"warehouse", c.warehouse},
                      {"location", c.location},
                      {"status", c.status},
                      {"attempt", c.attempt},
                      {"plan_date", opt(c.plan_date)},
                      {"counted_by", opt(c.counted_by)},
                      {"decided_by", opt(c.decided_by)},
                      {"created_at", format_rfc3339(c.created_at_ms)},
                      {"started_at", opt_time(c.started_at_ms)},
                      {"submitted_at", opt_time(c.submitted_at_ms)},
                      {"decided_at", opt_time(c.decided_at_ms)},
                      {"task_id", opt(c.task_id)},
                      {"lines", std::move(lines)}};
}

json::value render(const wms::ReturnView& r) {
  json::array lines;
  for (const auto& l : r.lines) {
    lines.push_back(
        json::object{{"id", l.id},
                     {"order_line_id", l.order_line_id},
                     {"sku", l.sku},
                     {"lot", l.lot},
                     {"authorized", l.authorized},
                     {"received", l.received},
                     {"restocked", l.restocked},
                     {"quarantined", l.quarantined},
                     {"scrapped", l.scrapped},
                     {"awaiting_inspection", l.received - l.restocked - l.quarantined - l.scrapped},
                     {"reason", l.reason}});
  }
  return json::object{{"id", r.id},
                      {"order_id", r.order_id},
                      {"warehouse", r.warehouse},
                      {"status", r.status},
                      {"reason", r.reason},
                      {"created_at", format_rfc3339(r.created_at_ms)},
                      {"lines", std::move(lines)}};
}

json::value render(const shipping::Quote& q) {
  return json::object{
      {"carrier", q.carrier},
      {"service", q.service},
      {"price", json::object{{"amount_minor", q.price_minor}, {"currency", q.currency}}},
      {"billable_weight_g", q.billable_weight_g},
      {"transit_business_days", q.transit_business_days},
      {"estimated_delivery", format_rfc3339(q.estimated_delivery_ms)},
      {"zone", q.zone}};
}

// ---- request parsing ----------------------------------------------------------------

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

shipping::PackageSpec read_package(const FieldReader& p) {
  return {p.required_int("weight_g", 1, shipping::kMaxWeightG),
          p.required_int("length_mm", 1, shipping::kMaxDimensionMm),
          p.required_int("width_mm", 1, shipping::kMaxDimensionMm),
          p.required_int("height_mm", 1, shipping::kMaxDimensionMm)};
}

Response document_response(const wms::Document& d) {
  Response r;
  r.status = 200;
  r.content_type = d.content_type;
  r.body = d.body;
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + d.filename + "\"");
  return r;
}

}  // namespace

json::value render_purchase_order(const wms::PurchaseOrderView& po) { return render(po); }

void register_execution_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  auto read = [&db](const CallPtr& call, auto fn) { answer_read(db, call, fn); };
  auto write = [&db](const CallPtr& call, int status, auto fn) {
    answer_write(db, call, status, fn);
  };

  // ---- suppliers and purchase orders
  r.add("PUT", "/api/v1/suppliers/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::Supplier s;
    s.code = call->param("code");
    s.name = in.required_string("name", 200);
    s.over_receipt_tolerance_permille =
        in.optional_int("over_receipt_tolerance_permille", 0, 1000).value_or(0);
    write(call, 200, [s](store::Tx& tx, int& status) {
      auto result = wms::upsert_supplier(tx, s);
      status = result.created ? 201 : 200;
      return render(result.supplier);
    });
  });
  r.add("GET", "/api/v1/suppliers", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_suppliers(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& s : list) items.push_back(render(s));
      return json::object{{"suppliers", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("POST", "/api/v1/purchase-orders", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::PurchaseOrderInput po;
    po.number = in.required_string("number", 64);
    po.supplier = in.required_string("supplier", 64);
    po.warehouse = in.required_string("warehouse", 64);
    po.expected_at_ms = in.optional_time("expected_at", true);
    const json::array& lines = in.required_array("lines", 500);
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      po.lines.push_back({line.required_string("sku", 64),
                          line.required_int("quantity", 1, 1'000'000),
                          line.optional_int("unit_cost_minor", 0, 1'000'000'000'000)});
    }
    write(call, 201,
          [po](store::Tx& tx, int&) { return render(wms::create_purchase_order(tx, po)); });
  });
  r.add("GET", "/api/v1/purchase-orders", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto status = query_opt(call->request, "status");
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_purchase_orders(tx, status, after, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& po : list) items.push_back(render(po));
      return json::object{{"purchase_orders", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().number : "")}};
    });
  });
  r.add("GET", "/api/v1/purchase-orders/{number}", kAll, [read](const CallPtr& call) {
    read(call,
         [&](store::Tx& tx) { return render(wms::get_purchase_order(tx, call->param("number"))); });
  });
  r.add("POST", "/api/v1/purchase-orders/{number}/close", kManagers, [write](const CallPtr& call) {
    std::string number = call->param("number");
    write(call, 200,
          [number](store::Tx& tx, int&) { return render(wms::close_purchase_order(tx, number)); });
  });
  r.add("POST", "/api/v1/purchase-orders/{number}/cancel", kIntegrations,
        [write](const CallPtr& call) {
          std::string number = call->param("number");
          write(call, 200, [number](store::Tx& tx, int&) {
            return render(wms::cancel_purchase_order(tx, number));
          });
        });
  r.add("POST", "/api/v1/purchase-orders/{number}/receipts", kOperators,
        [write](const CallPtr& call) {
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::ReceiptInput receipt;
          receipt.scan = in.optional_string("scan", 512);
          receipt.sku = in.optional_string("sku", 64);
          receipt.line_no = in.optional_int("line_no", 1, 100'000);
          receipt.lot = in.optional_string("lot", 64);
          receipt.expiry_ms = in.optional_time("expiry", true);
          receipt.quantity = in.optional_int("quantity", 1, 1'000'000);
          receipt.damaged = in.optional_bool("damaged").value_or(false);
          receipt.location = in.optional_string("location", 64);
          receipt.close_line = in.optional_bool("close_line").value_or(false);
          receipt.received_by = call->principal.name;
          std::string number = call->param("number");
          write(call, 201, [number, receipt](store::Tx& tx, int&) {
            return render(wms::receive(tx, number, receipt));
          });
        });

  // ---- tasks (literal paths before {id})
  r.add("GET", "/api/v1/tasks/next", kOperators, [read](const CallPtr& call) {
    std::string warehouse = query_text(call->request, "warehouse");
    if (warehouse.empty()) throw_invalid_field("warehouse", "warehouse is required");
    std::vector<std::string> types;
    if (auto list = query_opt(call->request, "type")) {
      size_t start = 0;
      while (start <= list->size()) {
        size_t end = list->find(',', start);
        std::string type = list->substr(start, end == std::string::npos ? end : end - start);
        if (!wms::is_task_type(type)) throw_invalid_field("type", "unknown task type " + type);
        types.push_back(type);
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    read(call, [&](store::Tx& tx) {
      auto w = wms::require_warehouse(tx, warehouse, 422, "warehouse");
      auto task = wms::next_task(tx, w.id, call->principal.name, types);
      return json::object{{"task", task ? render(*task) : json::value(nullptr)}};
    });
  });
  r.add("GET", "/api/v1/tasks", kAll, [read](const CallPtr& call) {
    wms::TaskFilter f;
    f.limit = query_limit(call->request);
    f.after_id = cursor_id(call->request);
    f.status = query_opt(call->request, "status");
    f.type = query_opt(call->request, "type");
    f.assigned_to = query_opt(call->request, "assigned_to");
    if (f.type && !wms::is_task_type(*f.type)) throw_invalid_field("type", "unknown task type");
    read(call, [&](store::Tx& tx) {
      f.warehouse_id = query_warehouse(tx, call->request);
      int64_t limit = f.limit;
      f.limit = limit + 1;
      auto list = wms::list_tasks(tx, f);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& t : list) items.push_back(render(t));
      return json::object{
          {"tasks", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("POST", "/api/v1/tasks", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string type = in.required_string("type", 32);
    if (type != "move") {
      throw_invalid_field("type",
                          "only move tasks are made by hand; the others come from "
                          "receipts, pick faces, waves and counts");
    }
    wms::MoveTaskInput m;
    m.warehouse = in.required_string("warehouse", 64);
    m.sku = in.required_string("sku", 64);
    m.lot = in.optional_string("lot", 64).value_or("");
    m.quantity = in.required_int("quantity", 1, 1'000'000'000);
    m.from_location = in.required_string("from_location", 64);
    m.to_location = in.optional_string("to_location", 64);
    m.priority = in.optional_int("priority", 0, 100).value_or(30);
    m.due_at_ms = in.optional_time("due_at");
    write(call, 201, [m](store::Tx& tx, int&) { return render(wms::create_move_task(tx, m)); });
  });
  r.add("GET", "/api/v1/tasks/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_task");
    read(call, [&](store::Tx& tx) { return render(wms::get_task(tx, id)); });
  });
  r.add("POST", "/api/v1/tasks/{id}/claim", kOperators, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_task");
    std::string worker = call->principal.name;
    write(call, 200,
          [id, worker](store::Tx& tx, int&) { return render(wms::claim_task(tx, id, worker)); });
  });
  r.add("POST", "/api/v1/tasks/{id}/complete", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_task");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::TaskConfirmation c;
    c.location = in.required_string("location", 64);
    c.quantity = in.optional_int("quantity", 1, 1'000'000'000);
    std::string worker = call->principal.name;
    write(call, 200, [id, worker, c, &orders](store::Tx& tx, int&) {
      return render(wms::complete_task(tx, id, worker, c, &orders));
    });
  });
  r.add("POST", "/api/v1/tasks/{id}/cancel", kManagers, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_task");
    write(call, 200, [id](store::Tx& tx, int&) { return render(wms::cancel_task(tx, id)); });
  });

  // ---- pick faces and replenishment
  r.add("PUT", "/api/v1/warehouses/{code}/pick-faces/{loc}", kManagers,
        [write](const CallPtr& call) {
          json::object body = parse_body(call->request);
          FieldReader in(body);
          std::string sku = in.required_string("sku", 64);
          int64_t min = in.required_int("min_quantity", 0, 1'000'000'000);
          int64_t max = in.required_int("max_quantity", 1, 1'000'000'000);
          std::string warehouse = call->param("code"), location = call->param("loc");
          write(call, 200, [=](store::Tx& tx, int&) {
            return render(wms::set_pick_face(tx, warehouse, location, sku, min, max));
          });
        });
  r.add("GET", "/api/v1/warehouses/{code}/pick-faces", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto w = wms::require_warehouse(tx, call->param("code"), 404);
      json::array items;
      for (const auto& f : wms::list_pick_faces(tx, w.id)) items.push_back(render(f));
      return json::object{{"pick_faces", std::move(items)}};
    });
  });
  // ---- slotting advice (read-only; the moves become move tasks by hand)
  r.add("GET", "/api/v1/warehouses/{code}/slotting", kAll, [read](const CallPtr& call) {
    wms::SlottingAdviceInput in;
    in.days =
        query_positive_int(call->request, "days", "a number of days from 1 to 365").value_or(30);
    if (in.days > 365) throw_invalid_field("days", "days must be a number of days from 1 to 365");
    if (auto text = query_opt(call->request, "max_moves")) {
      int64_t value = -1;
      auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
      if (ec != std::errc() || ptr != text->data() + text->size() || value < 0 || value > 1000) {
        throw_invalid_field("max_moves", "max_moves must be from 0 to 1000");
      }
      in.max_moves = value;
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
  r.add("POST", "/api/v1/replenishment", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string warehouse = in.required_string("warehouse", 64);
    auto sku = in.optional_string("sku", 64);
    write(call, 201, [warehouse, sku](store::Tx& tx, int&) {
      auto w = wms::require_warehouse(tx, warehouse);
      std::optional<int64_t> product_id;
      if (sku) product_id = catalog::require_product(tx, *sku).id;
      json::array tasks;
      for (int64_t id : wms::plan_replenishment(tx, w.id, product_id)) {
        tasks.push_back(render(wms::get_task(tx, id)));
      }
      return json::object{{"tasks", std::move(tasks)}};
    });
  });

  // ---- cycle counts
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

  // ---- returns
  r.add("POST", "/api/v1/returns", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::ReturnInput input;
    input.order_id = in.required_int("order_id", 1, INT64_MAX);
    input.reason = in.required_string("reason", 200);
    const json::array& lines = in.required_array("lines", 500);
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      wms::ReturnLineInput l;
      l.order_line_id = line.optional_int("order_line_id", 1, INT64_MAX);
      l.sku = line.optional_string("sku", 64);
      l.quantity = line.required_int("quantity", 1, 1'000'000);
      l.reason = line.optional_string("reason", 200).value_or("");
      input.lines.push_back(std::move(l));
    }
    write(call, 201,
          [input](store::Tx& tx, int&) { return render(wms::authorize_return(tx, input)); });
  });
  r.add("GET", "/api/v1/returns", kAll, [read](const CallPtr& call) {
    auto order = query_positive_int(call->request, "order_id", "a positive integer");
    if (!order) throw_invalid_field("order_id", "order_id is required");
    int64_t order_id = *order;
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& ret : wms::returns_of_order(tx, order_id)) items.push_back(render(ret));
      return json::object{{"returns", std::move(items)}};
    });
  });
  r.add("GET", "/api/v1/returns/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    read(call, [&](store::Tx& tx) { return render(wms::get_return(tx, id)); });
  });
  r.add("POST", "/api/v1/returns/{id}/receive", kOperators, [write](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    auto location = in.optional_string("location", 64);
    const json::array& lines = in.required_array("lines", 500);
    std::vector<wms::ReturnedItem> items;
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      items.push_back(
          {line.required_string("sku", 64), line.required_int("quantity", 1, 1'000'000)});
    }
    write(call, 200, [id, items, location](store::Tx& tx, int&) {
      return render(wms::receive_return(tx, id, items, location));
    });
  });
  r.add("POST", "/api/v1/returns/{id}/inspect", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_return");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    const json::array& lines = in.required_array("lines", 500);
    std::vector<wms::Disposition> items;
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      items.push_back({line.required_string("sku", 64), line.required_int("quantity", 1, 1'000'000),
                       line.required_string("disposition", 16),
                       line.optional_string("location", 64)});
    }
    write(call, 200, [id, items, &orders](store::Tx& tx, int&) {
      return render(wms::inspect_return(tx, id, items, &orders));
    });
  });

  // ---- boxes, carriers, rates
  r.add("PUT", "/api/v1/boxes/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    body["code"] = call->param("code");
    shipping::Box box = shipping::parse_box(body);
    write(call, 200, [box](store::Tx& tx, int& status) {
      status = wms::upsert_box(tx, box) ? 201 : 200;
      return shipping::to_json(box);
    });
  });
  r.add("GET", "/api/v1/boxes", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& b : wms::list_boxes(tx)) items.push_back(shipping::to_json(b));
      return json::object{{"boxes", std::move(items)}};
    });
  });
  r.add("PUT", "/api/v1/carriers/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    body["code"] = call->param("code");
    shipping::Carrier carrier = shipping::parse_carrier(body);
    write(call, 200, [carrier](store::Tx& tx, int& status) {
      status = wms::upsert_carrier(tx, carrier) ? 201 : 200;
      return shipping::to_json(carrier);
    });
  });
  r.add("GET", "/api/v1/carriers", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      json::array items;
      for (const auto& c : wms::list_carriers(tx)) items.push_back(shipping::to_json(c));
      return json::object{{"carriers", std::move(items)}};
    });
  });
  r.add("GET", "/api/v1/carriers/{code}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return shipping::to_json(wms::require_carrier(tx, call->param("code")));
    });
  });
  r.add("GET", "/api/v1/carriers/{code}/manifest", kAll, [read](const CallPtr& call) {
    int64_t day = query_time(call->request, "date", now_ms());
    read(call, [&](store::Tx& tx) {
      wms::require_carrier(tx, call->param("code"));
      auto m = wms::manifest(tx, call->param("code"), day, query_warehouse(tx, call->request));
      json::array entries;
      for (const auto& e : m.entries) {
        json::array packages;
        for (const auto& p : e.packages) {
          packages.push_back(
              json::object{{"id", p.id}, {"sscc", opt(p.sscc)}, {"weight_g", opt(p.weight_g)}});
        }
        entries.push_back(json::object{
            {"fulfillment_id", e.fulfillment_id},
            {"order_id", e.order_id},
            {"service", e.service},
            {"tracking_number", e.tracking_number},
            {"shipped_at", format_rfc3339(e.shipped_at_ms)},
            {"price", e.price_minor
                          ? json::value(json::object{{"amount_minor", *e.price_minor},
                                                     {"currency", e.currency.value_or("")}})
                          : json::value(nullptr)},
            {"ship_to",
             json::object{{"country", e.ship_to_country}, {"postal_code", e.ship_to_postal_code}}},
            {"packages", std::move(packages)}});
      }
      return json::object{
          {"carrier", m.carrier},          {"date", m.date},
          {"warehouse", opt(m.warehouse)}, {"fulfillments", static_cast<int64_t>(m.entries.size())},
          {"packages", m.packages},        {"weight_g", m.weight_g},
          {"entries", std::move(entries)}};
    });
  });
  r.add("POST", "/api/v1/rates/quote", kAll, [read](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::QuoteRequest q;
    FieldReader destination = in.required_object("destination");
    q.destination.country = destination.required_string("country", 2);
    q.destination.postal_code = destination.optional_string("postal_code", 20).value_or("");
    if (!shipping::is_country_code(q.destination.country)) {
      throw_invalid_field("destination.country", "country is an ISO 3166 code such as DE");
    }
    const json::array& packages = in.required_array("packages", 100);
    if (packages.empty()) throw_invalid_field("packages", "at least one package");
    for (size_t i = 0; i < packages.size(); ++i) {
      q.packages.push_back(read_package(in.element("packages", packages, i)));
    }
    q.ship_at_ms = in.optional_time("ship_at").value_or(now_ms());
    q.deliver_by_ms = in.optional_time("deliver_by", true);
    read(call, [&](store::Tx& tx) {
      auto result = wms::quote_rates(tx, q);
      json::array quotes;
      for (const auto& quote : result.quotes) quotes.push_back(render(quote));
      return json::object{{"quotes", std::move(quotes)},
                          {"best", result.best ? render(*result.best) : json::value(nullptr)}};
    });
  });

  // ---- fulfillment packing, tracking and documents
  r.add("GET", "/api/v1/fulfillments/{id}/carton", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    read(call, [&](store::Tx& tx) {
      auto advice = wms::suggest_carton(tx, id);
      json::array cartons;
      for (const auto& c : advice.cartons) {
        json::array items;
        for (const auto& [sku, units] : c.items) {
          items.push_back(json::object{{"sku", sku}, {"quantity", units}});
        }
        cartons.push_back(json::object{{"box", c.box},
                                       {"items", std::move(items)},
                                       {"fill_volume_permille", c.fill_volume_permille},
                                       {"gross_weight_g", c.gross_weight_g}});
      }
      // One carton holds it all: that box is the suggestion.
      json::value suggestion = nullptr;
      if (advice.cartons.size() == 1) suggestion = cartons[0];
      return json::object{
          {"fulfillment_id", id},
          {"items_weight_g", advice.items_weight_g},
          {"suggestion", suggestion},
          {"cartons", std::move(cartons)},
          {"fill_volume_permille", static_cast<int64_t>(std::llround(advice.fill_rate * 1000))},
          {"lower_bound_cartons", advice.lower_bound_cartons},
          {"method", advice.method.empty() ? json::value(nullptr) : json::value(advice.method)},
          {"unpackable", opt(advice.unpackable)}};
    });
  });
  r.add("POST", "/api/v1/fulfillments/{id}/tracking-events", kDelivery,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::TrackingEventInput e;
          e.status = in.required_string("status", 32);
          e.at_ms = in.optional_time("at");
          e.detail = in.optional_string("detail", 500);
          write(call, 201, [id, e, &orders](store::Tx& tx, int&) {
            auto f = wms::record_tracking_event(tx, id, e, orders);
            return json::object{
                {"fulfillment_id", f.id}, {"status", f.status}, {"tracking_status", e.status}};
          });
        });
  r.add("GET", "/api/v1/fulfillments/{id}/documents/{kind}", kAll, [&db](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    std::string kind = call->param("kind");
    std::string format = query_opt(call->request, "format").value_or("pdf");
    int64_t package =
        query_positive_int(call->request, "package", "a 1-based package number").value_or(1);
    if (kind != "packing-slip" && kind != "label") {
      throw_not_found("not_found", "documents are packing-slip and label");
    }
    if (kind == "packing-slip" && format != "pdf") {
      throw_invalid_field("format", "a packing slip is a pdf");
    }
    wms::Document document;
    db.read([&](store::Tx& tx) {
      document = kind == "label" ? wms::label_document(tx, id, format, package)
                                 : wms::packing_slip_document(tx, id);
    });
    call->respond(document_response(document));
  });
  r.add("GET", "/api/v1/pick-lists/{id}/document", kAll, [&db](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    wms::Document document;
    db.read([&](store::Tx& tx) { document = wms::pick_list_document(tx, id); });
    call->respond(document_response(document));
  });
}

}  // namespace wareflow::api
