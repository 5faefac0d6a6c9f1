// libFuzzer target: any request body against every write route. The server
// must answer each with a status and never crash; refused bodies must change
// nothing (checked by the invariants after each input).
#include <cstdint>
#include <cstdlib>
#include <future>
#include <string>

#include "api/api.h"
#include "audit/verify.h"
#include "auth/tokens.h"
#include "testing/temp_db.h"

using namespace wareflow;

namespace {

struct World {
  World() : api(*t.db, *t.orders) {
    t.db->write([&](store::Tx& tx) { token = auth::create_token(tx, auth::Role::admin, "fuzz"); });
    for (const char* setup :
         {"PUT /api/v1/warehouses/W {\"name\":\"W\"}",
          "POST /api/v1/warehouses/W/layout {\"aisles\":2,\"bays\":2,\"levels\":2}",
          "PUT /api/v1/channels/web {\"name\":\"Web\"}",
          "PUT /api/v1/products/P1 {\"name\":\"P\",\"weight_g\":1,\"length_mm\":1,"
          "\"width_mm\":1,\"height_mm\":1}",
          "POST /api/v1/inventory/adjustments {\"warehouse\":\"W\",\"location\":\"A01-001-1\","
          "\"sku\":\"P1\",\"quantity\":50,\"reason\":\"fuzz\"}",
          "PUT /api/v1/suppliers/S {\"name\":\"S\",\"over_receipt_tolerance_permille\":100}",
          "POST /api/v1/purchase-orders {\"number\":\"PO1\",\"supplier\":\"S\","
          "\"warehouse\":\"W\",\"lines\":[{\"sku\":\"P1\",\"quantity\":100}]}",
          "POST /api/v1/purchase-orders/PO1/receipts {\"sku\":\"P1\",\"quantity\":10}",
          "PUT /api/v1/boxes/B {\"inner_length_mm\":100,\"inner_width_mm\":100,"
          "\"inner_height_mm\":100,\"max_weight_g\":1000,\"tare_weight_g\":10,"
          "\"cost_minor\":1}"}) {
      std::string line = setup;
      auto first = line.find(' '), second = line.find(' ', first + 1);
      call(line.substr(0, first), line.substr(first + 1, second - first - 1),
           line.substr(second + 1));
    }
  }

  api::Response call(const std::string& method, const std::string& path, const std::string& body) {
    api::Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.authorization = "Bearer " + token;
    std::promise<api::Response> answer;
    api.handle(r, [&](api::Response response) { answer.set_value(std::move(response)); });
    return answer.get_future().get();
  }

  testing::TempDb t;
  api::Api api;
  std::string token;
};

const char* const kRoutes[][2] = {
    {"POST", "/api/v1/orders"},
    {"PUT", "/api/v1/products/FZ"},
    {"POST", "/api/v1/inventory/adjustments"},
    {"POST", "/api/v1/waves"},
    {"POST", "/api/v1/pick-lists/1/picks"},
    {"POST", "/api/v1/pick-lists/1/shorts"},
    {"POST", "/api/v1/fulfillments/1/pack"},
    {"POST", "/api/v1/fulfillments/1/ship"},
    {"PUT", "/api/v1/warehouses/W/locations/L1"},
    {"POST", "/api/v1/warehouses/W/layout"},
    {"POST", "/api/v1/orders/1/hold"},
    {"PUT", "/api/v1/suppliers/FZ"},
    {"POST", "/api/v1/purchase-orders"},
    {"POST", "/api/v1/purchase-orders/PO1/receipts"},
    {"POST", "/api/v1/tasks/1/complete"},
    {"POST", "/api/v1/counts"},
    {"POST", "/api/v1/counts/plan"},
    {"POST", "/api/v1/counts/submissions"},
    {"POST", "/api/v1/counts/1/submit"},
    {"POST", "/api/v1/returns"},
    {"POST", "/api/v1/returns/1/inspect"},
    {"PUT", "/api/v1/boxes/FZ"},
    {"PUT", "/api/v1/carriers/FZ"},
    {"POST", "/api/v1/rates/quote"},
    {"POST", "/api/v1/fulfillments/1/tracking-events"},
    {"POST", "/api/v1/replenishment"},
    {"PUT", "/api/v1/warehouses/W/pick-faces/A01-001-1"},
    {"PUT", "/api/v1/suppliers/S/products/P1"},
    {"POST", "/api/v1/planning/purchase-orders"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  if (size == 0) return 0;
  const auto& route = kRoutes[data[0] % (sizeof kRoutes / sizeof kRoutes[0])];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  api::Response r = world.call(route[0], route[1], body);
  if (r.status < 200 || r.status >= 600 || r.status == 500) std::abort();
  bool ok = true;
  world.t.db->read([&](store::Tx& tx) { ok = audit::verify(tx).empty(); });
  if (!ok) std::abort();
  return 0;
}
