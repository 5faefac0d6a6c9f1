#include "reporting/tracking.h"

#include "core/error.h"
#include "core/random.h"

namespace wareflow::reporting {

TrackingView tracking_view(store::Tx& tx, const std::string& token) {
  // Tokens are 32 lowercase hex digits; anything else cannot match and is
  // refused before it reaches the index.
  bool well_formed = token.size() == 32;
  for (char c : token)
    well_formed = well_formed && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!well_formed) throw_not_found("not_found", "no order has this tracking link");

  TrackingView view;
  int64_t order_id = 0;
  {
    auto q = tx.query(
        "SELECT id, channel_order_id, status, created_at_ms, tracking_token FROM orders WHERE "
        "tracking_token = $1",
        token);
    if (!q.next() || !constant_time_equal(q.text(4), token)) {
      throw_not_found("not_found", "no order has this tracking link");
    }
    order_id = q.i64(0);
    view.channel_order_id = q.text(1);
    view.status = q.text(2);
    view.created_at_ms = q.i64(3);
  }
  {
    auto q = tx.query(
        "SELECT p.sku, p.name, ol.quantity, COALESCE((SELECT SUM(fl.shipped) FROM "
        "fulfillment_lines fl WHERE fl.order_line_id = ol.id), 0) FROM order_lines ol JOIN "
        "products p ON p.id = ol.product_id WHERE ol.order_id = $1 ORDER BY ol.line_no",
        order_id);
    while (q.next()) view.lines.push_back({q.text(0), q.text(1), q.i64(2), q.i64(3)});
  }
  {
    auto q = tx.query(
        "SELECT status, carrier, service, tracking_number, tracking_status, shipped_at_ms, "
        "delivered_at_ms FROM fulfillments WHERE order_id = $1 AND status <> 'cancelled' ORDER BY "
        "id",
        order_id);
    while (q.next()) {
      view.shipments.push_back({q.text(0), q.opt_text(1), q.opt_text(2), q.opt_text(3),
                                q.opt_text(4), q.opt_i64(5), q.opt_i64(6)});
    }
  }
  return view;
}

}  // namespace wareflow::reporting
