// Each status enum of the WMS: every value round-trips through its text, the
// text is the one stored and rendered, and an unknown text names no value.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>

#include "wms/counting.h"
#include "wms/fulfillment.h"
#include "wms/inbound.h"
#include "wms/picking.h"
#include "wms/returns.h"
#include "wms/shipping.h"
#include "wms/tasks.h"

namespace wareflow::wms {
namespace {

template <class Enum, class Parse>
void expect_round_trips(std::initializer_list<Enum> all, Parse parse) {
  for (Enum value : all) {
    auto text = to_string(value);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(parse(text), value) << text;
  }
  EXPECT_EQ(parse("no_such_status"), std::nullopt);
  EXPECT_EQ(parse(""), std::nullopt);
}

TEST(StatusEnums, CountStatusRoundTrips) {
  expect_round_trips(
      {CountStatus::open, CountStatus::counting, CountStatus::recount, CountStatus::needs_approval,
       CountStatus::accepted, CountStatus::approved, CountStatus::rejected, CountStatus::cancelled},
      parse_count_status);
  EXPECT_EQ(to_string(CountStatus::needs_approval), "needs_approval");
}

TEST(StatusEnums, TaskStatusRoundTrips) {
  expect_round_trips(
      {TaskStatus::open, TaskStatus::in_progress, TaskStatus::done, TaskStatus::cancelled},
      parse_task_status);
  EXPECT_EQ(to_string(TaskStatus::in_progress), "in_progress");
}

TEST(StatusEnums, ReturnStatusRoundTrips) {
  expect_round_trips({ReturnStatus::authorized, ReturnStatus::received, ReturnStatus::closed,
                      ReturnStatus::cancelled},
                     parse_return_status);
  EXPECT_EQ(to_string(ReturnStatus::authorized), "authorized");
}

TEST(StatusEnums, PurchaseOrderStatusRoundTrips) {
  expect_round_trips({PurchaseOrderStatus::open, PurchaseOrderStatus::receiving,
                      PurchaseOrderStatus::closed, PurchaseOrderStatus::cancelled},
                     parse_purchase_order_status);
  EXPECT_EQ(to_string(PurchaseOrderStatus::receiving), "receiving");
}

TEST(StatusEnums, FulfillmentStatusRoundTrips) {
  expect_round_trips(
      {FulfillmentStatus::pending, FulfillmentStatus::released, FulfillmentStatus::picking,
       FulfillmentStatus::picked, FulfillmentStatus::packed, FulfillmentStatus::shipped,
       FulfillmentStatus::delivered, FulfillmentStatus::cancelled},
      parse_fulfillment_status);
  EXPECT_EQ(to_string(FulfillmentStatus::delivered), "delivered");
  for (std::string_view text : kFulfillmentStatuses) EXPECT_TRUE(is_fulfillment_status(text));
  EXPECT_FALSE(is_fulfillment_status("lost"));
}

TEST(StatusEnums, PickLineStatusRoundTrips) {
  expect_round_trips({PickLineStatus::open, PickLineStatus::done, PickLineStatus::short_,
                      PickLineStatus::cancelled},
                     parse_pick_line_status);
  EXPECT_EQ(to_string(PickLineStatus::short_), "short");
}

TEST(StatusEnums, PickListStatusRoundTrips) {
  expect_round_trips({PickListStatus::open, PickListStatus::done}, parse_pick_list_status);
  EXPECT_EQ(to_string(PickListStatus::done), "done");
}

TEST(StatusEnums, TrackingStatusRoundTrips) {
  expect_round_trips({TrackingStatus::in_transit, TrackingStatus::out_for_delivery,
                      TrackingStatus::delivered, TrackingStatus::exception},
                     parse_tracking_status);
  EXPECT_EQ(to_string(TrackingStatus::out_for_delivery), "out_for_delivery");
}

}  // namespace
}  // namespace wareflow::wms
