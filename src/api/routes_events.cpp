// Route of the event feed: events after a sequence number, up to the last
// durable one.
#include "api/book_mask.h"
#include "api/handler_kit.h"
#include "api/routes.h"
#include "events/outbox.h"

namespace wareflow::api {

void register_event_routes(Router& r, store::Database& db) {
  const ReadOn read{db};
  r.add("GET", "/api/v1/events", kAll, [read, &db](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    int64_t after =
        query_int(call->request, "after", 0, INT64_MAX, "a non-negative integer").value_or(0);
    auto subject = query_opt(call->request, "subject");
    read(call, [&](store::Tx& tx) {
      json::array items;
      int64_t next = after;
      // A blind counter must not add the feed's stock flows up to a book.
      const BookMask mask = BookMask::of(tx, call->principal.role, std::nullopt);
      auto list = subject
                      ? events::list_of_subject(tx, *subject, after, limit, db.durable_event_seq())
                      : events::list_after(tx, after, limit, db.durable_event_seq());
      for (const auto& e : list) {
        json::error_code ec;
        json::value data = json::parse(e.data_json, ec);
        if (!ec && data.is_object()) mask.mask_event(e.type, data.get_object());
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
}

}  // namespace wareflow::api
