#include "events/outbox.h"

#include "core/json.h"

namespace wareflow::events {

void append(store::Tx& tx, std::string_view type, std::string_view subject,
            const boost::json::object& data) {
  tx.exec("INSERT INTO events (seq, at_ms, type, subject, data_json) VALUES ($1, $2, $3, $4, $5)",
          tx.next_id("events", "seq"), tx.now_ms(), type, subject, to_json(data));
}

store::DatabaseOptions database_options(const std::string& path) {
  store::DatabaseOptions options;
  options.path = path;
  options.durable_mark = last_seq;
  options.commit_ordered =
      store::CommitOrderedKey{"events", "seq", "events_provisional_seq", "event_counter"};
  return options;
}

int64_t last_seq(store::Tx& tx) {
  auto q = tx.query("SELECT COALESCE(MAX(seq), 0) FROM events");
  q.next();
  return q.i64(0);
}

std::vector<Event> list_after(store::Tx& tx, int64_t after, int64_t limit, int64_t up_to) {
  std::vector<Event> events;
  auto q = tx.query(
      "SELECT seq, at_ms, type, subject, data_json FROM events WHERE seq > $1 AND seq <= $3 "
      "ORDER BY seq LIMIT $2",
      after, limit, up_to);
  while (q.next()) events.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4)});
  return events;
}

std::vector<Event> list_of_subject(store::Tx& tx, std::string_view subject, int64_t after,
                                   int64_t limit, int64_t up_to) {
  std::vector<Event> events;
  auto q = tx.query(
      "SELECT seq, at_ms, type, subject, data_json FROM events WHERE subject = $4 AND seq > $1 AND "
      "seq <= $3 ORDER BY seq LIMIT $2",
      after, limit, up_to, subject);
  while (q.next()) events.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4)});
  return events;
}

}  // namespace wareflow::events
