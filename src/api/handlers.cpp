// Routes and handlers of the HTTP API: parse, authorise, one service call in
// one transaction, render. No business rule lives here.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <algorithm>
#include <charconv>

#include "api/api.h"
#include "api/handler_kit.h"
#include "api/router.h"
#include "catalog/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "core/random.h"
#include "core/time.h"
#include "events/outbox.h"
#include "inventory/inventory.h"
#include "reporting/tracking.h"
#include "wms/fulfillment.h"
#include "wms/layout.h"
#include "wms/shipping.h"

namespace wareflow::api {

extern const std::string_view kOpenApiDocument;

namespace json = boost::json;
using auth::Role;
using auth::role_bit;

namespace {

// ---- rendering ----------------------------------------------------------------

json::value render(const catalog::Product& p) {
  json::array barcodes;
  for (const auto& b : p.barcodes) barcodes.emplace_back(b);
  return json::object{{"sku", p.sku},
                      {"name", p.name},
                      {"barcodes", std::move(barcodes)},
                      {"weight_g", p.weight_g},
                      {"length_mm", p.length_mm},
                      {"width_mm", p.width_mm},
                      {"height_mm", p.height_mm},
                      {"tracking", p.tracking},
                      {"shelf_life_days", opt(p.shelf_life_days)},
                      {"storage_zone", opt(p.storage_zone)},
                      {"created_at", format_rfc3339(p.created_at_ms)},
                      {"updated_at", format_rfc3339(p.updated_at_ms)}};
}

json::value render(const wms::Warehouse& w) {
  return json::object{{"code", w.code},
                      {"name", w.name},
                      {"address", json::object{{"line1", w.address.line1},
                                               {"line2", w.address.line2},
                                               {"city", w.address.city},
                                               {"postal_code", w.address.postal_code},
                                               {"country", w.address.country}}},
                      {"latitude", opt(w.latitude)},
                      {"longitude", opt(w.longitude)}};
}

json::value render(const wms::Location& l) {
  return json::object{{"code", l.code},
                      {"warehouse", l.warehouse},
                      {"type", l.type},
                      {"zone", opt(l.zone)},
                      {"aisle", opt(l.aisle)},
                      {"bay", opt(l.bay)},
                      {"level", opt(l.level)},
                      {"x_mm", opt(l.x_mm)},
                      {"y_mm", opt(l.y_mm)},
                      {"max_volume_cm3", opt(l.max_volume_cm3)},
                      {"max_weight_g", opt(l.max_weight_g)},
                      {"allocatable", l.allocatable},
                      {"velocity_class", opt(l.velocity_class)}};
}

json::value render_money(const std::optional<int64_t>& amount,
                         const std::optional<std::string>& currency) {
  if (!amount) return nullptr;
  return json::object{{"amount_minor", *amount}, {"currency", currency.value_or("")}};
}

json::value render(const wms::FulfillmentSummary& f) {
  return json::object{{"id", f.id},
                      {"warehouse", f.warehouse},
                      {"status", f.status},
                      {"carrier", opt(f.carrier)},
                      {"service", opt(f.service)},
                      {"tracking_number", opt(f.tracking_number)},
                      {"tracking_status", opt(f.tracking_status)}};
}

json::value render(const oms::Order& o) {
  json::array lines;
  for (const auto& l : o.lines) {
    lines.push_back(json::object{{"id", l.id},
                                 {"sku", l.sku},
                                 {"quantity", l.quantity},
                                 {"unit_price", render_money(l.unit_price_minor, l.currency)},
                                 {"allocated", l.allocated},
                                 {"picked", l.picked},
                                 {"packed", l.packed},
                                 {"shipped", l.shipped},
                                 {"backordered", l.backordered},
                                 {"cancelled", l.cancelled},
                                 {"returned", l.returned}});
  }
  json::array fulfillments;
  for (const auto& f : o.fulfillments) fulfillments.push_back(render(f));
  json::object ship_to{{"name", o.ship_to.name},
                       {"line1", o.ship_to.line1},
                       {"line2", o.ship_to.line2},
                       {"city", o.ship_to.city},
                       {"postal_code", o.ship_to.postal_code},
                       {"country", o.ship_to.country},
                       {"latitude", opt(o.ship_to.latitude)},
                       {"longitude", opt(o.ship_to.longitude)}};
  return json::object{{"id", o.id},
                      {"channel", o.channel},
                      {"channel_order_id", o.channel_order_id},
                      {"status", o.status},
                      {"customer", json::object{{"id", o.customer.id},
                                                {"email", o.customer.email},
                                                {"name", o.customer.name},
                                                {"phone", opt(o.customer.phone)}}},
                      {"ship_to", std::move(ship_to)},
                      {"priority", o.priority},
                      {"ship_by", opt_time(o.ship_by_ms)},
                      {"deliver_by", opt_time(o.deliver_by_ms)},
                      {"hold_reason", opt(o.hold_reason)},
                      {"created_at", format_rfc3339(o.created_at_ms)},
                      {"tracking_token", o.tracking_token},
                      {"lines", std::move(lines)},
                      {"fulfillments", std::move(fulfillments)}};
}

json::value render(const wms::FulfillmentView& f) {
  json::array lines;
  for (const auto& l : f.lines) {
    lines.push_back(json::object{{"sku", l.sku},
                                 {"quantity", l.quantity},
                                 {"allocated", l.allocated},
                                 {"picked", l.picked},
                                 {"packed", l.packed},
                                 {"shipped", l.shipped}});
  }
  json::array packages;
  for (const auto& p : f.packages) {
    json::array items;
    for (const auto& [sku, quantity] : p.items) {
      items.push_back(json::object{{"sku", sku}, {"quantity", quantity}});
    }
    packages.push_back(json::object{{"id", p.id},
                                    {"box", opt(p.box)},
                                    {"weight_g", opt(p.weight_g)},
                                    {"expected_weight_g", opt(p.expected_weight_g)},
                                    {"sscc", opt(p.sscc)},
                                    {"items", std::move(items)}});
  }
  return json::object{{"id", f.id},
                      {"order_id", f.order_id},
                      {"warehouse", f.warehouse},
                      {"status", f.status},
                      {"lines", std::move(lines)},
                      {"packages", std::move(packages)},
                      {"carrier", opt(f.carrier)},
                      {"service", opt(f.service)},
                      {"tracking_number", opt(f.tracking_number)},
                      {"tracking_status", opt(f.tracking_status)},
                      {"price", render_money(f.price_minor, f.currency)},
                      {"shipped_at", opt_time(f.shipped_at_ms)},
                      {"delivered_at", opt_time(f.delivered_at_ms)}};
}

json::value render(const wms::PickListView& p) {
  json::array lines;
  for (const auto& l : p.lines) {
    lines.push_back(json::object{{"id", l.id},
                                 {"sequence", l.sequence},
                                 {"location", l.location},
                                 {"sku", l.sku},
                                 {"lot", l.lot},
                                 {"quantity", l.quantity},
                                 {"picked", l.picked},
                                 {"short", l.short_quantity},
                                 {"status", l.status},
                                 {"fulfillment_id", l.fulfillment_id}});
  }
  json::value route = nullptr;
  if (p.route_method) {
    route = json::object{{"method", *p.route_method},
                         {"algorithm", opt(p.route_algorithm)},
                         {"length_mm", opt(p.route_length_mm)},
                         {"optimal", p.route_optimal}};
  }
  return json::object{
      {"id", p.id},         {"wave_id", p.wave_id},      {"warehouse", p.warehouse},
      {"status", p.status}, {"route", std::move(route)}, {"lines", std::move(lines)}};
}

json::value render(const wms::WaveView& w) {
  json::array fulfillments;
  for (int64_t id : w.fulfillments) fulfillments.emplace_back(id);
  json::array lists;
  for (const auto& p : w.pick_lists) lists.push_back(render(p));
  json::object out{{"id", w.id},
                   {"warehouse", w.warehouse},
                   {"created_at", format_rfc3339(w.created_at_ms)},
                   {"fulfillments", std::move(fulfillments)},
                   {"pick_lists", std::move(lists)}};
  if (w.batching) {
    const wms::WaveBatching& b = *w.batching;
    json::object cart{{"max_items", b.cart.max_items}};
    if (b.cart.max_volume_cm3) cart["max_volume_cm3"] = *b.cart.max_volume_cm3;
    if (b.cart.max_orders) cart["max_orders"] = *b.cart.max_orders;
    json::object batching{{"method", b.method},
                          {"construction", b.construction},
                          {"cart", std::move(cart)},
                          {"route_length_mm", opt(b.route_length_mm)},
                          {"fcfs_route_length_mm", opt(b.fcfs_route_length_mm)}};
    out["batching"] = std::move(batching);
  } else {
    out["batching"] = nullptr;
  }
  return out;
}

// ---- the API ----------------------------------------------------------------------

}  // namespace

Response problem(int status, const std::string& code, const std::string& detail,
                 const std::string& field) {
  json::object body{{"type", "https://wareflow.dev/problems/" + code},
                    {"title", problem_title(code)},
                    {"status", status},
                    {"detail", detail},
                    {"code", code}};
  if (!field.empty()) body["field"] = field;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json::serialize(body);
  r.error_code = code;
  return r;
}

Api::Api(store::Database& db, oms::OrderService& orders)
    : db_(db), orders_(orders), router_(std::make_unique<Router>()) {
  register_routes();
}

Api::~Api() = default;

void Api::wait_for_background_work() { wait_for_planning_jobs(); }

std::vector<Api::RouteInfo> Api::routes() const {
  std::vector<RouteInfo> list;
  for (const auto& r : router_->routes()) {
    RouteInfo info{r.method, r.pattern, {}};
    for (Role role :
         {Role::admin, Role::manager, Role::operator_, Role::integration, Role::viewer}) {
      if (r.roles & role_bit(role)) info.roles.emplace_back(auth::role_name(role));
    }
    list.push_back(std::move(info));
  }
  return list;
}

std::optional<auth::Principal> Api::authenticate(const std::string& authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      authorization.compare(0, kBearer.size(), kBearer) != 0) {
    return std::nullopt;
  }
  std::string token = authorization.substr(kBearer.size());
  std::string key = sha256_hex(token);
  constexpr auto kTokenCacheTime = std::chrono::seconds(30);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(token_cache_mutex_);
    auto it = token_cache_.find(key);
    if (it != token_cache_.end() && it->second.expires > now) return it->second.principal;
  }
  std::optional<auth::Principal> principal;
  db_.read([&](store::Tx& tx) { principal = auth::authenticate(tx, token); });
  std::lock_guard lock(token_cache_mutex_);
  if (principal) {
    if (token_cache_.size() > 10000) token_cache_.clear();
    token_cache_[key] = {*principal, now + kTokenCacheTime};
  } else {
    token_cache_.erase(key);
  }
  return principal;
}

void Api::handle(const Request& request, Respond respond) {
  try {
    Match match = router_->match(request.method, request.path);
    if (!match.route) {
      if (match.path_known) {
        respond(problem(405, "method_not_allowed", request.method + " is not allowed here"));
      } else {
        respond(problem(404, "not_found", "no route " + request.path));
      }
      return;
    }
    auto call = std::make_shared<Call>();
    call->request = request;
    call->params = std::move(match.params);
    call->respond = std::move(respond);
    if (match.route->roles != kPublic) {
      auto principal = authenticate(request.authorization);
      if (!principal) {
        call->respond(problem(401, "unauthorized", "a valid bearer token is required"));
        return;
      }
      call->principal = *principal;
      if ((match.route->roles & role_bit(principal->role)) == 0) {
        Response r = problem(403, "forbidden",
                             std::string("the role ") + auth::role_name(principal->role) +
                                 " may not call this route");
        r.principal = principal->name;
        call->respond(std::move(r));
        return;
      }
    }
    // Wrap respond so every answer carries the principal for the request log.
    call->respond = [inner = std::move(call->respond),
                     name = call->principal.name](Response r) mutable {
      r.principal = name;
      inner(std::move(r));
    };
    try {
      match.route->handler(call);
    } catch (...) {
      call->respond(problem_from(std::current_exception()));
    }
  } catch (...) {
    respond(problem_from(std::current_exception()));
  }
}

void Api::register_routes() {
  Router& r = *router_;
  store::Database& db = db_;
  oms::OrderService& orders = orders_;

  // A read and a write, as handler_kit.h describes them.
  auto read = [&db](const CallPtr& call, auto fn) { answer_read(db, call, fn); };
  auto write = [&db](const CallPtr& call, int status, auto fn) {
    answer_write(db, call, status, fn);
  };

  // ---- meta
  r.add("GET", "/healthz", kPublic, [](const CallPtr& call) {
    call->respond(json_response(200, json::object{{"status", "ok"}}));
  });
  r.add("GET", "/api/v1/openapi.json", kPublic, [](const CallPtr& call) {
    Response response;
    response.body = std::string(kOpenApiDocument);
    call->respond(std::move(response));
  });

  r.add("GET", "/api/v1/me", kAll, [](const CallPtr& call) {
    call->respond(json_response(200, json::object{{"name", call->principal.name},
                                                  {"role", auth::role_name(call->principal.role)}}));
  });

  // ---- catalogue
  r.add("PUT", "/api/v1/products/{sku}", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    catalog::ProductInput p;
    p.sku = call->param("sku");
    p.name = in.required_string("name", 200);
    if (const auto* codes = in.optional_array("barcodes", 20)) {
      for (size_t i = 0; i < codes->size(); ++i) {
        if (!(*codes)[i].is_string()) {
          throw_invalid_field(fmt::format("barcodes[{}]", i), "barcodes are strings");
        }
        p.barcodes.emplace_back((*codes)[i].get_string());
      }
    }
    p.weight_g = in.required_int("weight_g", 0, 100'000'000);
    p.length_mm = in.required_int("length_mm", 0, 100'000'000);
    p.width_mm = in.required_int("width_mm", 0, 100'000'000);
    p.height_mm = in.required_int("height_mm", 0, 100'000'000);
    p.tracking = in.optional_string("tracking", 16).value_or("none");
    p.shelf_life_days = in.optional_int("shelf_life_days", 1, 36500);
    p.storage_zone = in.optional_string("storage_zone", 16);
    write(call, 200, [p](store::Tx& tx, int& status) {
      auto result = catalog::upsert_product(tx, p);
      status = result.created ? 201 : 200;
      return render(result.product);
    });
  });
  r.add("GET", "/api/v1/products", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto search = query_opt(call->request, "q");
    if (search && search->size() > 100) throw_invalid_field("q", "q is at most 100 characters");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = search ? catalog::search_products(tx, *search, after, limit + 1)
                         : catalog::list_products(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& p : list) items.push_back(render(p));
      return json::object{{"products", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().sku : "")}};
    });
  });
  r.add("GET", "/api/v1/products/{sku}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return render(catalog::require_product(tx, call->param("sku"), 404));
    });
  });
  r.add("GET", "/api/v1/products/by-barcode/{barcode}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto product = catalog::find_by_scan(tx, call->param("barcode"));
      if (!product)
        throw_not_found("unknown_sku", "no product has barcode " + call->param("barcode"));
      return render(*product);
    });
  });

  // ---- warehouses and locations
  r.add("PUT", "/api/v1/warehouses/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::WarehouseInput w;
    w.code = call->param("code");
    w.name = in.required_string("name", 200);
    if (auto a = in.optional_object("address")) {
      w.address.line1 = a->optional_string("line1", 200).value_or("");
      w.address.line2 = a->optional_string("line2", 200).value_or("");
      w.address.city = a->optional_string("city", 100).value_or("");
      w.address.postal_code = a->optional_string("postal_code", 20).value_or("");
      w.address.country = a->optional_string("country", 2).value_or("");
    }
    w.latitude = in.optional_number("latitude", -90, 90);
    w.longitude = in.optional_number("longitude", -180, 180);
    write(call, 200, [w](store::Tx& tx, int& status) {
      auto result = wms::upsert_warehouse(tx, w);
      status = result.created ? 201 : 200;
      return render(result.warehouse);
    });
  });
  r.add("GET", "/api/v1/warehouses", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = wms::list_warehouses(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& w : list) items.push_back(render(w));
      return json::object{{"warehouses", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("GET", "/api/v1/warehouses/{code}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return render(wms::require_warehouse(tx, call->param("code"), 404));
    });
  });
  r.add("POST", "/api/v1/warehouses/{code}/layout", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::LayoutInput l;
    l.aisles = in.required_int("aisles", 1, 99);
    l.bays = in.required_int("bays", 1, 999);
    l.levels = in.required_int("levels", 1, 9);
    l.pick_levels = in.optional_int("pick_levels", 0, 9).value_or(1);
    l.zone = in.optional_string("zone", 16).value_or("A");
    l.aisle_pitch_mm = in.optional_int("aisle_pitch_mm", 500, 100000).value_or(3000);
    l.bay_width_mm = in.optional_int("bay_width_mm", 100, 100000).value_or(1000);
    l.cross_aisle_mm = in.optional_int("cross_aisle_mm", 500, 100000).value_or(3000);
    l.max_volume_cm3 = in.optional_int("max_volume_cm3", 1, 1'000'000'000).value_or(1'000'000);
    l.max_weight_g = in.optional_int("max_weight_g", 1, 1'000'000'000).value_or(500'000);
    l.velocity_classes = in.optional_bool("velocity_classes").value_or(false);
    std::string code = call->param("code");
    write(call, 201, [code, l](store::Tx& tx, int&) {
      return json::object{{"locations_created", wms::generate_layout(tx, code, l)}};
    });
  });
  r.add("PUT", "/api/v1/warehouses/{code}/locations/{loc}", kManagers,
        [write](const CallPtr& call) {
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::LocationInput l;
          l.code = call->param("loc");
          l.type = in.required_string("type", 32);
          l.zone = in.optional_string("zone", 16);
          l.aisle = in.optional_int("aisle", 0, 1'000'000);
          l.bay = in.optional_int("bay", 0, 1'000'000);
          l.level = in.optional_int("level", 0, 1'000'000);
          l.x_mm = in.optional_int("x_mm", -10'000'000, 10'000'000);
          l.y_mm = in.optional_int("y_mm", -10'000'000, 10'000'000);
          l.max_volume_cm3 = in.optional_int("max_volume_cm3", 0, 1'000'000'000);
          l.max_weight_g = in.optional_int("max_weight_g", 0, 1'000'000'000);
          l.allocatable = in.optional_bool("allocatable");
          l.velocity_class = in.optional_string("velocity_class", 1);
          std::string warehouse = call->param("code");
          write(call, 200, [warehouse, l](store::Tx& tx, int& status) {
            auto result = wms::upsert_location(tx, warehouse, l);
            status = result.created ? 201 : 200;
            return render(result.location);
          });
        });
  r.add("GET", "/api/v1/warehouses/{code}/locations", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto type = query_opt(call->request, "type");
    if (type && !wms::is_location_type(*type)) throw_invalid_field("type", "unknown location type");
    read(call, [&](store::Tx& tx) {
      auto warehouse = wms::require_warehouse(tx, call->param("code"), 404);
      json::array items;
      auto list = wms::list_locations(tx, warehouse.id, type, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& l : list) items.push_back(render(l));
      return json::object{{"locations", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });

  // ---- inventory
  r.add("GET", "/api/v1/warehouses/{code}/stock", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      int64_t warehouse_id = wms::require_warehouse(tx, call->param("code"), 404).id;
      json::array items;
      for (const auto& s : inventory::stock_by_location(tx, warehouse_id)) {
        items.push_back(json::object{{"location", s.location},
                                     {"on_hand", s.on_hand},
                                     {"reserved", s.reserved},
                                     {"products", s.products},
                                     {"top_sku", s.top_sku},
                                     {"used_cm3", s.used_cm3},
                                     {"max_volume_cm3", opt(s.max_volume_cm3)}});
      }
      return json::object{{"warehouse", call->param("code")}, {"locations", std::move(items)}};
    });
  });
  r.add("POST", "/api/v1/inventory/adjustments", kManagers, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    inventory::AdjustmentInput a;
    a.warehouse = in.required_string("warehouse", 64);
    a.location = in.required_string("location", 64);
    a.sku = in.required_string("sku", 64);
    a.quantity = in.required_int("quantity", -1'000'000'000, 1'000'000'000);
    if (a.quantity == 0) throw_invalid_field("quantity", "quantity must not be 0");
    a.lot = in.optional_string("lot", 64).value_or("");
    a.expiry_ms = in.optional_time("expiry", true);
    a.reason = in.required_string("reason", 200);
    write(call, 201, [a, &orders](store::Tx& tx, int&) {
      auto result = inventory::adjust(tx, a, &orders);
      return json::object{{"move_id", result.move_id},
                          {"warehouse", a.warehouse},
                          {"location", a.location},
                          {"sku", a.sku},
                          {"lot", a.lot},
                          {"expiry", opt_time(result.expiry_ms)},
                          {"quantity", a.quantity},
                          {"on_hand", result.on_hand}};
    });
  });
  r.add("GET", "/api/v1/inventory/{sku}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto product = catalog::require_product(tx, call->param("sku"), 404);
      json::array warehouses;
      for (const auto& w : inventory::inventory_of(tx, product.id)) {
        json::array locations;
        for (const auto& l : w.locations) {
          locations.push_back(json::object{{"location", l.location},
                                           {"lot", l.lot},
                                           {"expiry", opt_time(l.expiry_ms)},
                                           {"on_hand", l.on_hand},
                                           {"reserved", l.reserved}});
        }
        warehouses.push_back(json::object{{"warehouse", w.warehouse},
                                          {"on_hand", w.on_hand},
                                          {"allocated", w.allocated},
                                          {"available", w.on_hand - w.allocated},
                                          {"locations", std::move(locations)}});
      }
      return json::object{{"sku", product.sku}, {"warehouses", std::move(warehouses)}};
    });
  });
  r.add("GET", "/api/v1/inventory/{sku}/moves", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t before = cursor_id(call->request);
    read(call, [&](store::Tx& tx) {
      auto product = catalog::require_product(tx, call->param("sku"), 404);
      auto moves = inventory::moves_of(tx, product.id, before, limit + 1);
      bool more = trim_page(moves, limit);
      json::array items;
      for (const auto& m : moves) {
        json::value ref = nullptr;
        if (!m.ref_type.empty()) {
          ref = json::object{{"type", m.ref_type},
                             {"id", m.ref_id != 0 ? json::value(m.ref_id) : json::value(nullptr)}};
        }
        items.push_back(json::object{{"id", m.id},
                                     {"at", format_rfc3339(m.at_ms)},
                                     {"warehouse", m.warehouse},
                                     {"from_location", m.from_location},
                                     {"to_location", m.to_location},
                                     {"sku", product.sku},
                                     {"lot", m.lot},
                                     {"quantity", m.quantity},
                                     {"reason", m.reason},
                                     {"ref", ref}});
      }
      return json::object{
          {"moves", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(moves.back().id) : "")}};
    });
  });

  // ---- channels and orders
  r.add("PUT", "/api/v1/channels/{code}", kManagers, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    std::string name = in.required_string("name", 200);
    std::string code = call->param("code");
    write(call, 200, [code, name](store::Tx& tx, int& status) {
      auto result = oms::upsert_channel(tx, code, name);
      status = result.created ? 201 : 200;
      return json::object{{"code", result.channel.code}, {"name", result.channel.name}};
    });
  });
  r.add("GET", "/api/v1/channels", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = oms::list_channels(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& c : list) items.push_back(json::object{{"code", c.code}, {"name", c.name}});
      return json::object{{"channels", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().code : "")}};
    });
  });
  r.add("POST", "/api/v1/orders", kIntegrations, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    oms::OrderInput o;
    o.channel = in.required_string("channel", 64);
    o.channel_order_id = in.required_string("channel_order_id", 128);
    FieldReader customer = in.required_object("customer");
    o.customer.email = customer.required_string("email", 254);
    o.customer.name = customer.required_string("name", 200);
    o.customer.phone = customer.optional_string("phone", 40);
    FieldReader ship = in.required_object("ship_to");
    o.ship_to.name = ship.required_string("name", 200);
    o.ship_to.line1 = ship.required_string("line1", 200);
    o.ship_to.line2 = ship.optional_string("line2", 200).value_or("");
    o.ship_to.city = ship.required_string("city", 100);
    o.ship_to.postal_code = ship.required_string("postal_code", 20);
    o.ship_to.country = ship.required_string("country", 2);
    o.ship_to.latitude = ship.optional_number("latitude", -90, 90);
    o.ship_to.longitude = ship.optional_number("longitude", -180, 180);
    const json::array& lines = in.required_array("lines", 500);
    if (lines.empty()) throw_invalid_field("lines", "an order has at least one line");
    for (size_t i = 0; i < lines.size(); ++i) {
      FieldReader line = in.element("lines", lines, i);
      oms::OrderLineInput l;
      l.sku = line.required_string("sku", 64);
      l.quantity = line.required_int("quantity", 1, 1'000'000);
      if (auto price = line.optional_object("unit_price")) {
        l.unit_price_minor = price->required_int("amount_minor", 0, 1'000'000'000'000);
        l.currency = price->required_string("currency", 3);
      }
      o.lines.push_back(std::move(l));
    }
    o.priority = in.optional_int("priority", 0, 9).value_or(0);
    o.ship_by_ms = in.optional_time("ship_by");
    o.deliver_by_ms = in.optional_time("deliver_by", true);
    o.hold_reason = in.optional_string("hold", 200);
    write(call, 201, [o = std::move(o), &orders](store::Tx& tx, int& status) {
      auto result = orders.create_order(tx, o);
      status = result.created ? 201 : 200;
      return render(result.order);
    });
  });
  r.add("GET", "/api/v1/orders", kAll, [read, &orders](const CallPtr& call) {
    oms::OrderFilter filter;
    filter.limit = query_limit(call->request);
    filter.before_id = cursor_id(call->request);
    filter.status = query_opt(call->request, "status");
    filter.channel = query_opt(call->request, "channel");
    filter.search = query_opt(call->request, "q");
    if (filter.search && filter.search->size() > 200) {
      throw_invalid_field("q", "q is at most 200 characters");
    }
    if (filter.status && !oms::is_order_status(*filter.status)) {
      throw_invalid_field("status", "unknown order status " + *filter.status);
    }
    read(call, [&](store::Tx& tx) {
      oms::OrderFilter one_more = filter;
      one_more.limit = filter.limit + 1;
      auto list = orders.list_orders(tx, one_more);
      bool more = trim_page(list, filter.limit);
      json::array items;
      for (const auto& o : list) items.push_back(render(o));
      return json::object{
          {"orders", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/orders/{id}", kAll, [read, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    read(call, [&](store::Tx& tx) { return render(orders.get_order(tx, id)); });
  });
  // The customer's tracking page: no token, nothing but the tracking view.
  r.add("GET", "/api/v1/tracking/{token}", kPublic, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      reporting::TrackingView v = reporting::tracking_view(tx, call->param("token"));
      json::array lines, shipments;
      for (const auto& l : v.lines) {
        lines.push_back(json::object{
            {"sku", l.sku}, {"name", l.name}, {"quantity", l.quantity}, {"shipped", l.shipped}});
      }
      for (const auto& s : v.shipments) {
        shipments.push_back(json::object{{"status", s.status},
                                         {"carrier", opt(s.carrier)},
                                         {"service", opt(s.service)},
                                         {"tracking_number", opt(s.tracking_number)},
                                         {"tracking_status", opt(s.tracking_status)},
                                         {"shipped_at", opt_time(s.shipped_at_ms)},
                                         {"delivered_at", opt_time(s.delivered_at_ms)}});
      }
      return json::object{{"order", json::object{{"channel_order_id", v.channel_order_id},
                                                 {"status", v.status},
                                                 {"created_at", format_rfc3339(v.created_at_ms)},
                                                 {"lines", std::move(lines)}}},
                          {"shipments", std::move(shipments)}};
    });
  });
  r.add("POST", "/api/v1/orders/{id}/cancel", kIntegrations, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    write(call, 200,
          [id, &orders](store::Tx& tx, int&) { return render(orders.cancel_order(tx, id)); });
  });
  r.add("POST", "/api/v1/orders/{id}/hold", kManagers, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    json::object body = parse_body(call->request);
    std::string reason = FieldReader(body).required_string("reason", 200);
    write(call, 200, [id, reason, &orders](store::Tx& tx, int&) {
      return render(orders.hold_order(tx, id, reason));
    });
  });
  r.add("POST", "/api/v1/orders/{id}/release", kManagers, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_order");
    write(call, 200,
          [id, &orders](store::Tx& tx, int&) { return render(orders.release_order(tx, id)); });
  });

  // ---- waves, picking, packing, shipping
  r.add("POST", "/api/v1/waves", kManagers, [write, &orders](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::WaveRequest wave;
    wave.warehouse = in.required_string("warehouse", 64);
    wave.max_orders = in.optional_int("max_orders", 1, 1000).value_or(100);
    if (auto cart = in.optional_object("cart")) {
      wave.cart.emplace();
      wave.cart->max_items = cart->required_int("max_items", 1, 1'000'000);
      wave.cart->max_volume_cm3 = cart->optional_int("max_volume_cm3", 1, 1'000'000'000);
      wave.cart->max_orders = cart->optional_int("max_orders", 1, 1000);
    }
    wave.batching_method = in.optional_string("batching", 32).value_or("auto");
    write(call, 201, [wave, &orders](store::Tx& tx, int&) {
      return render(wms::create_wave(tx, wave, orders));
    });
  });
  r.add("GET", "/api/v1/waves", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t before = cursor_id(call->request);
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_waves(tx, query_warehouse(tx, call->request), before, limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& w : list) items.push_back(render(w));
      return json::object{
          {"waves", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/waves/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_wave");
    read(call, [&](store::Tx& tx) { return render(wms::get_wave(tx, id)); });
  });
  r.add("GET", "/api/v1/pick-lists/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    read(call, [&](store::Tx& tx) { return render(wms::get_pick_list(tx, id)); });
  });
  r.add("POST", "/api/v1/pick-lists/{id}/picks", kOperators, [write, &orders](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_pick_list");
    json::object body = parse_body(call->request);
    FieldReader in(body);
    wms::PickScan scan;
    scan.line_id = in.optional_int("line_id", 1, INT64_MAX);
    scan.location = in.required_string("location", 64);
    scan.barcode = in.required_string("barcode", 64);
    scan.quantity = in.required_int("quantity", 1, 1'000'000);
    scan.picker = call->principal.name;
    write(call, 200, [id, scan, &orders](store::Tx& tx, int&) {
      return render(wms::confirm_pick(tx, id, scan, orders));
    });
  });
  r.add("POST", "/api/v1/pick-lists/{id}/shorts", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_pick_list");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          int64_t line_id = in.required_int("line_id", 1, INT64_MAX);
          int64_t found = in.required_int("quantity_found", 0, 1'000'000);
          std::string picker = call->principal.name;
          write(call, 200, [id, line_id, found, picker, &orders](store::Tx& tx, int&) {
            return render(wms::report_short(tx, id, line_id, found, orders, picker));
          });
        });
  r.add("GET", "/api/v1/fulfillments", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t after = cursor_id(call->request);
    auto status = query_opt(call->request, "status");
    static const char* const kStatuses[] = {"pending", "released", "picking", "picked",
                                            "packed",  "shipped",  "delivered", "cancelled"};
    if (status && std::find(std::begin(kStatuses), std::end(kStatuses), *status) ==
                      std::end(kStatuses)) {
      throw_invalid_field("status", "unknown fulfillment status " + *status);
    }
    read(call, [&](store::Tx& tx) {
      auto list = wms::list_fulfillments(tx, query_warehouse(tx, call->request), status, after,
                                         limit + 1);
      bool more = trim_page(list, limit);
      json::array items;
      for (const auto& f : list) items.push_back(render(f));
      return json::object{
          {"fulfillments", std::move(items)},
          {"next_cursor", next_cursor(more, more ? std::to_string(list.back().id) : "")}};
    });
  });
  r.add("GET", "/api/v1/fulfillments/{id}", kAll, [read](const CallPtr& call) {
    int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
    read(call, [&](store::Tx& tx) { return render(wms::get_fulfillment(tx, id)); });
  });
  r.add("POST", "/api/v1/fulfillments/{id}/pack", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          const json::array& packages = in.required_array("packages", 100);
          if (packages.empty()) throw_invalid_field("packages", "at least one package is needed");
          std::vector<wms::PackageInput> input;
          for (size_t i = 0; i < packages.size(); ++i) {
            FieldReader p = in.element("packages", packages, i);
            wms::PackageInput package;
            package.box = p.optional_string("box", 64);
            package.weight_g = p.optional_int("weight_g", 0, 1'000'000'000);
            const json::array& items = p.required_array("items", 1000);
            for (size_t j = 0; j < items.size(); ++j) {
              FieldReader item = p.element("items", items, j);
              package.items.emplace_back(item.required_string("sku", 64),
                                         item.required_int("quantity", 1, 1'000'000));
            }
            input.push_back(std::move(package));
          }
          write(call, 200, [id, input, &orders](store::Tx& tx, int&) {
            return render(wms::pack(tx, id, input, orders));
          });
        });
  r.add("POST", "/api/v1/fulfillments/{id}/ship", kOperators,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          json::object body = parse_body(call->request);
          FieldReader in(body);
          wms::ShipRequest s;
          s.carrier = in.optional_string("carrier", 64);
          s.service = in.optional_string("service", 64);
          s.tracking_number = in.optional_string("tracking_number", 64);
          s.deliver_by_ms = in.optional_time("deliver_by", true);
          write(call, 200, [id, s, &orders](store::Tx& tx, int&) {
            return render(wms::ship_fulfillment(tx, id, s, orders));
          });
        });
  r.add("POST", "/api/v1/fulfillments/{id}/deliver", kDelivery,
        [write, &orders](const CallPtr& call) {
          int64_t id = parse_id(call->param("id"), "unknown_fulfillment");
          write(call, 200, [id, &orders](store::Tx& tx, int&) {
            return render(wms::deliver(tx, id, orders));
          });
        });

  // ---- events
  r.add("GET", "/api/v1/events", kAll, [read, &db](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t after = 0;
    std::string text = query_text(call->request, "after");
    if (!text.empty()) {
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), after);
      if (ec != std::errc() || ptr != text.data() + text.size() || after < 0) {
        throw_invalid_field("after", "after must be a non-negative integer");
      }
    }
    auto subject = query_opt(call->request, "subject");
    read(call, [&](store::Tx& tx) {
      json::array items;
      int64_t next = after;
      auto list = subject ? events::list_of_subject(tx, *subject, after, limit, db.durable_event_seq())
                          : events::list_after(tx, after, limit, db.durable_event_seq());
      for (const auto& e : list) {
        json::error_code ec;
        json::value data = json::parse(e.data_json, ec);
        items.push_back(json::object{{"seq", e.seq},
                                     {"type", e.type},
                                     {"at", format_rfc3339(e.at_ms)},
                                     {"subject", e.subject},
                                     {"data", ec ? json::value(nullptr) : data}});
        next = e.seq;
      }
      return json::object{{"events", std::move(items)}, {"next_after", next}};
    });
  });

  register_execution_routes(r, db, orders);
  register_planning_routes(r, db);
  register_report_routes(r, db);
}

}  // namespace wareflow::api
