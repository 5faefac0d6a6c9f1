// The order status enum: every value round-trips through its text, the text
// is the one stored and rendered, and an unknown text names no value.
#include <gtest/gtest.h>

#include "oms/orders.h"

namespace wareflow::oms {
namespace {

TEST(StatusEnums, OrderStatusRoundTrips) {
  for (OrderStatus value : {OrderStatus::on_hold, OrderStatus::backordered, OrderStatus::allocated,
                            OrderStatus::in_fulfillment, OrderStatus::partially_shipped,
                            OrderStatus::shipped, OrderStatus::delivered, OrderStatus::cancelled}) {
    auto text = to_string(value);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(parse_order_status(text), value) << text;
    EXPECT_TRUE(is_order_status(text));
  }
  EXPECT_EQ(to_string(OrderStatus::partially_shipped), "partially_shipped");
  EXPECT_EQ(parse_order_status("no_such_status"), std::nullopt);
  EXPECT_EQ(parse_order_status(""), std::nullopt);
  EXPECT_FALSE(is_order_status("lost"));
}

}  // namespace
}  // namespace wareflow::oms
