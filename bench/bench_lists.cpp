// One page of 500 from list functions that used to fill a page row by row
// (docs/performance.md, "Lists"): orders, fulfillments, products (two
// barcodes each) and purchase orders (two lines each), each read on a
// snapshot of a fresh database, the median of repeated runs.
//
//   build/bench/bench_lists [rows=500] [runs=30]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "inventory/inventory.h"
#include "testing/small_shop.h"
#include "wms/fulfillment.h"
#include "wms/inbound.h"

using namespace wareflow;

namespace {

template <class Fn>
double median_ms(int runs, store::Database& db, Fn fn) {
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    size_t rows = 0;
    db.read([&](store::Tx& tx) { rows = fn(tx); });
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (rows == 0) std::abort();
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 500;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 30;
  testing::TempDb t;
  testing::set_up_small_shop(t);
  t.db->write([&](store::Tx& tx) {
    inventory::AdjustmentInput a;
    a.warehouse = "W1";
    a.location = "A01-001-1";
    a.sku = "P1";
    a.quantity = 1'000'000;
    a.reason = "bench";
    inventory::adjust(tx, a, t.orders.get());
    wms::upsert_supplier(tx, {"S1", "Supplier", 0});
    for (int i = 0; i < rows; ++i) {
      // One line per order (one fulfillment each); every product has two barcodes.
      testing::place_p1_order(t, tx, "B-" + std::to_string(i), 1 + i % 3);
      catalog::ProductInput p;
      p.sku = "Q" + std::to_string(100000 + i);
      p.name = p.sku;
      p.weight_g = 100;
      p.length_mm = p.width_mm = p.height_mm = 50;
      p.barcodes = {"B" + std::to_string(i) + "A", "B" + std::to_string(i) + "B"};
      catalog::upsert_product(tx, p, inventory::shelf_stock());
      wms::PurchaseOrderInput po;
      po.number = "PO" + std::to_string(100000 + i);
      po.supplier = "S1";
      po.warehouse = "W1";
      po.lines = {{"P1", 10, 100}, {p.sku, 5, std::nullopt}};
      wms::create_purchase_order(tx, po);
    }
  });
  oms::OrderFilter filter;
  filter.limit = rows;
  double orders_ms = median_ms(
      runs, *t.db, [&](store::Tx& tx) { return t.orders->list_orders(tx, filter).size(); });
  double fulfillments_ms = median_ms(runs, *t.db, [&](store::Tx& tx) {
    return wms::list_fulfillments(tx, std::nullopt, std::nullopt, 0, rows).size();
  });
  double products_ms = median_ms(
      runs, *t.db, [&](store::Tx& tx) { return catalog::list_products(tx, "Q", rows).size(); });
  double purchase_orders_ms = median_ms(runs, *t.db, [&](store::Tx& tx) {
    return wms::list_purchase_orders(tx, std::nullopt, "", rows).size();
  });
  std::printf("| list (%d rows, median of %d) | ms |\n|---|---:|\n", rows, runs);
  std::printf("| orders | %.2f |\n| fulfillments | %.2f |\n| products | %.2f |\n", orders_ms,
              fulfillments_ms, products_ms);
  std::printf("| purchase orders | %.2f |\n", purchase_orders_ms);
  return 0;
}
