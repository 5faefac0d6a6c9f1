#include "api/render_execution.h"

#include "api/book_mask.h"
#include "api/handler_kit.h"

namespace wareflow::api {

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

json::value render(const wms::PickFace& f, bool hidden) {
  json::object face{{"location", f.location},         {"sku", f.sku},
                    {"min_quantity", f.min_quantity}, {"max_quantity", f.max_quantity},
                    {"on_hand", f.on_hand},           {"reserved", f.reserved}};
  if (hidden) {
    face["hidden"] = kHiddenOpenCount;
    face["on_hand"] = face["reserved"] = nullptr;
  }
  return face;
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

Response document_response(const wms::Document& d) {
  Response r;
  r.status = 200;
  r.content_type = d.content_type;
  r.body = d.body;
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + d.filename + "\"");
  return r;
}

}  // namespace wareflow::api
