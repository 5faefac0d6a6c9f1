// Routes of the task queue (literal paths before {id}), pick faces and
// replenishment.
#include "api/book_mask.h"
#include "api/handler_kit.h"
#include "api/render_execution.h"
#include "api/routes.h"
#include "catalog/catalog.h"
#include "core/json.h"
#include "wms/layout.h"
#include "wms/tasks.h"

namespace wareflow::api {

void register_task_routes(Router& r, store::Database& db, oms::OrderService& orders) {
  const ReadOn read{db};
  const WriteOn write{db};
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
      auto mask = BookMask::of(tx, call->principal.role, w.id);
      for (const auto& f : wms::list_pick_faces(tx, w.id)) {
        items.push_back(render(f, mask.hides(w.code, f.location)));
      }
      return json::object{{"pick_faces", std::move(items)}};
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
}

}  // namespace wareflow::api
