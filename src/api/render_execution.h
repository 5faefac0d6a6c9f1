// The JSON (and documents) the API answers for the warehouse day around the
// pick: suppliers, purchase orders, receipts, tasks, pick faces, counts,
// returns, rate quotes; printed documents as inline files.
// Renderers only: no request parsing, no store access.
#pragma once

#include <boost/json.hpp>

#include "api/http.h"
#include "wms/counting.h"
#include "wms/inbound.h"
#include "wms/returns.h"
#include "wms/shipping.h"
#include "wms/tasks.h"

namespace wareflow::api {

boost::json::value render(const wms::Supplier& s);
boost::json::value render(const wms::PurchaseOrderView& po);
boost::json::value render(const wms::TaskView& t);
boost::json::value render(const wms::ReceiptView& r);
// `hidden`: the location is under an open count and the caller counts (book_mask.h):
// "hidden" and null on_hand and reserved.
boost::json::value render(const wms::PickFace& f, bool hidden = false);
boost::json::value render(const wms::CountView& c);
boost::json::value render(const wms::ReturnView& r);
boost::json::value render(const shipping::Quote& q);
Response document_response(const wms::Document& d);

}  // namespace wareflow::api
