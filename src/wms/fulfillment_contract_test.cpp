// The fulfillment is the contract (wms/fulfillment.h): what the WMS needs of
// the order is on the fulfillment from the moment the OMS creates it, at
// capture and when a backorder is served later.
#include <gtest/gtest.h>

#include "inventory/inventory.h"
#include "testing/small_shop.h"
#include "wms/fulfillment.h"

namespace wareflow::wms {
namespace {

constexpr int64_t kDeliverBy = 1'900'000'000'000;

void add_p1(testing::TempDb& t, int64_t quantity) {
  t.db->write([&](store::Tx& tx) { testing::adjust_p1(t, tx, quantity); });
}

int64_t place(testing::TempDb& t, const std::string& id, int64_t quantity) {
  int64_t order_id = 0;
  t.db->write([&](store::Tx& tx) {
    order_id = testing::place_p1_order(t, tx, id, quantity, "web", kDeliverBy);
  });
  return order_id;
}

// Every fulfillment of the order carries its reference, address and
// deliver-by, and every line the order line's number.
void expect_copied(testing::TempDb& t, int64_t order_id, const std::string& channel_order_id,
                   size_t fulfillments) {
  t.db->read([&](store::Tx& tx) {
    auto q = tx.query(
        "SELECT f.channel_order_id, f.ship_to_json, f.deliver_by_ms, fl.line_no FROM "
        "fulfillments f JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id WHERE f.order_id = "
        "$1 ORDER BY f.id",
        order_id);
    size_t rows = 0;
    while (q.next()) {
      ++rows;
      EXPECT_EQ(q.opt_text(0), channel_order_id);
      EXPECT_NE(q.opt_text(1).value_or("").find("\"city\":\"Berlin\""), std::string::npos);
      EXPECT_EQ(q.opt_i64(2), kDeliverBy);
      EXPECT_EQ(q.opt_i64(3), 1);
    }
    EXPECT_EQ(rows, fulfillments);
  });
}

TEST(FulfillmentContract, CopiedAtCapture) {
  testing::TempDb t;
  testing::set_up_small_shop(t);
  add_p1(t, 5);
  int64_t order_id = place(t, "C-1", 2);
  expect_copied(t, order_id, "C-1", 1);
}

TEST(FulfillmentContract, CopiedWhenABackorderIsServed) {
  testing::TempDb t;
  testing::set_up_small_shop(t);
  int64_t order_id = place(t, "C-2", 3);  // no stock: all backordered
  expect_copied(t, order_id, "C-2", 0);
  add_p1(t, 10);  // serves the backorder: a fulfillment made by the OMS's listener
  expect_copied(t, order_id, "C-2", 1);
}

}  // namespace
}  // namespace wareflow::wms
