// The event log: a transactional outbox. Every state change appends one event
// in the same transaction as the change, so the log never shows a change that
// did not commit and never misses one that did. `seq` is gap-free and grows in
// commit order even with several server processes on one database (the store
// numbers it at COMMIT, see store::CommitOrderedKey), so a reader that polls
// with `after = last seen seq` sees every event once.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::events {

// Appends an event; `subject` names what changed ("order:42"). Its seq is
// final only once the transaction commits (store::CommitOrderedKey).
void append(store::Tx& tx, std::string_view type, std::string_view subject,
            const boost::json::object& data);

// How the store must open a database that holds the event log: its durable
// mark is the log's last seq, and seq is a commit-ordered key.
store::DatabaseOptions database_options(const std::string& path);

// The last seq appended (0 for an empty log). Set as the database's
// DatabaseOptions::durable_mark, it makes Database::durable_event_seq() the
// last seq known to be durable.
int64_t last_seq(store::Tx& tx);

struct Event {
  int64_t seq;
  int64_t at_ms;
  std::string type;
  std::string subject;
  std::string data_json;
};

// Events with after < seq <= up_to, oldest first, at most `limit`. Pass
// Database::durable_event_seq() as up_to when serving consumers.
std::vector<Event> list_after(store::Tx& tx, int64_t after, int64_t limit, int64_t up_to);
// The same, of one subject only ("order:42"): a thing's history.
std::vector<Event> list_of_subject(store::Tx& tx, std::string_view subject, int64_t after,
                                   int64_t limit, int64_t up_to);

}  // namespace wareflow::events
