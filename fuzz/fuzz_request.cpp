// libFuzzer target: any request body against every write route of
// openapi.json (tests/build/test_fuzz_routes.py fails when one is missing).
// The first byte picks the route, the rest is the body. The server must answer
// each with a status and never crash or answer 500; the invariants
// (audit::verify) must hold after each input; and a refused request (status
// >= 400) must change nothing: every table's content is hashed before and
// after it, as the API tests' refused() compares snapshots. No table is left
// out: a refusal is an exception that rolls back the command's savepoint, a
// stored Idempotency-Key answer included (api/handler_kit.h), and tokens
// keep no last-use time.
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <optional>
#include <string>
#include <vector>

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
          // Their own orders for the close and cancel routes, so that PO1 stays
          // open for receipts.
          "POST /api/v1/purchase-orders {\"number\":\"PO2\",\"supplier\":\"S\","
          "\"warehouse\":\"W\",\"lines\":[{\"sku\":\"P1\",\"quantity\":5}]}",
          "POST /api/v1/purchase-orders {\"number\":\"PO3\",\"supplier\":\"S\","
          "\"warehouse\":\"W\",\"lines\":[{\"sku\":\"P1\",\"quantity\":5}]}",
          "PUT /api/v1/boxes/B {\"inner_length_mm\":100,\"inner_width_mm\":100,"
          "\"inner_height_mm\":100,\"max_weight_g\":1000,\"tare_weight_g\":10,"
          "\"cost_minor\":1}"}) {
      std::string line = setup;
      auto first = line.find(' '), second = line.find(' ', first + 1);
      call(line.substr(0, first), line.substr(first + 1, second - first - 1),
           line.substr(second + 1));
    }
    // One query per table that yields each row as one text (quote() keeps
    // NULL, '' and types apart). SQLite only, as this fuzzer runs on SQLite;
    // the schema does not change while fuzzing.
    t.db->read([&](store::Tx& tx) {
      std::vector<std::string> tables;
      auto q = tx.query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
          "ORDER BY name");
      while (q.next()) tables.push_back(q.text(0));
      for (const auto& table : tables) {
        std::string row = "'" + table + "'";
        auto columns = tx.query("SELECT name FROM pragma_table_info($1) ORDER BY cid", table);
        while (columns.next()) row += " || ',' || quote(\"" + columns.text(0) + "\")";
        table_rows.push_back("SELECT " + row + " FROM \"" + table + "\"");
      }
    });
    if (sqlite3_open_v2(t.path().c_str(), &watch, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(watch, "PRAGMA data_version", -1, &version_query, nullptr) !=
            SQLITE_OK) {
      std::fprintf(stderr, "cannot watch %s: %s\n", t.path().c_str(), sqlite3_errmsg(watch));
      std::abort();
    }
  }

  // Changes whenever another connection (the store's writer) commits: an
  // unchanged version proves a refused request wrote nothing, without the
  // cost of hashing every table, which the fuzzer pays only when it moved.
  int64_t data_version() {
    if (sqlite3_step(version_query) != SQLITE_ROW) std::abort();
    int64_t version = sqlite3_column_int64(version_query, 0);
    sqlite3_reset(version_query);
    return version;
  }

  // A hash of every row of every table. Rows are combined by sum, so the
  // order a table is read in does not matter; the table name is in each row.
  uint64_t content_hash() {
    uint64_t sum = 0;
    t.db->read([&](store::Tx& tx) {
      for (const auto& sql : table_rows) {
        auto q = tx.query(sql);
        while (q.next()) {
          uint64_t h = 1469598103934665603ull;  // FNV-1a
          for (unsigned char c : q.text(0)) h = (h ^ c) * 1099511628211ull;
          sum += h * 0x9E3779B97F4A7C15ull + 1;
        }
      }
    });
    return sum;
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
  std::vector<std::string> table_rows;
  sqlite3* watch = nullptr;  // left open: the world lives as long as the process
  sqlite3_stmt* version_query = nullptr;
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
    // Appended, so that the seeds' first bytes keep their routes.
    {"POST", "/api/v1/orders/1/cancel"},
    {"POST", "/api/v1/orders/1/release"},
    {"POST", "/api/v1/fulfillments/1/deliver"},
    {"PUT", "/api/v1/warehouses/FZ"},
    {"PUT", "/api/v1/channels/FZ"},
    {"POST", "/api/v1/purchase-orders/PO2/close"},
    {"POST", "/api/v1/purchase-orders/PO3/cancel"},
    {"POST", "/api/v1/tasks"},
    {"POST", "/api/v1/tasks/1/claim"},
    {"POST", "/api/v1/tasks/1/cancel"},
    {"POST", "/api/v1/counts/1/start"},
    {"POST", "/api/v1/counts/1/approve"},
    {"POST", "/api/v1/counts/1/reject"},
    {"POST", "/api/v1/returns/1/receive"},
    {"DELETE", "/api/v1/suppliers/S/products/P1"},
    {"POST", "/api/v1/planning/forecasts/refresh"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  if (size == 0) return 0;
  const auto& route = kRoutes[data[0] % (sizeof kRoutes / sizeof kRoutes[0])];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  // The content hash as of the last input; a refusal keeps it, a success
  // drops it, so most inputs (refused) cost no hash at all.
  static std::optional<uint64_t> known;
  if (!known) known = world.content_hash();
  int64_t version = world.data_version();
  api::Response r = world.call(route[0], route[1], body);
  if (r.status < 200 || r.status >= 600 || r.status == 500) std::abort();
  if (r.status < 400) {
    known.reset();
  } else if (world.data_version() != version) {
    uint64_t after = world.content_hash();
    if (after != *known) {
      std::fprintf(stderr, "refused %s %s (%d) changed the database: %s\n", route[0], route[1],
                   r.status, r.body.c_str());
      std::abort();
    }
  }
  bool ok = true;
  world.t.db->read([&](store::Tx& tx) { ok = audit::verify(tx).empty(); });
  if (!ok) std::abort();
  return 0;
}
