// The store: every read and write of Wareflow's state goes through Database.
//
// Writes: `write(fn)` queues fn for the single writer thread, which runs many
// queued commands in one transaction (group commit), each inside its own
// savepoint: a command that throws is rolled back alone and its caller gets the
// exception; the others commit. A caller is answered only after the COMMIT that
// holds its command is durable: a syncer thread fdatasyncs the WAL once per
// group (or per several groups) while the writer already runs the next one.
// Nothing acknowledged is lost on a process crash or a power failure.
//
// Reads: `read(fn)` runs fn on a reader connection inside one read transaction,
// a consistent WAL snapshot of committed data. Readers never block the writer.
//
// SQL is written once for SQLite and PostgreSQL: `$1`-style parameters,
// integers for quantities, money and epoch-millisecond times, ids made by the
// application (Tx::next_id), INSERT ... ON CONFLICT, no SELECT ... FOR UPDATE.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace wareflow::store {

class Connection;

// One statement execution. Bind parameters in $1..$N order with bind(), then
// step with next() (queries) or run with exec() (changes). Resets the cached
// statement when destroyed.
class Query {
 public:
  // `cached_in_use` is the cache slot's flag, cleared on destruction; null for
  // a one-off statement, finalized on destruction.
  Query(Connection& connection, sqlite3_stmt* stmt, bool* cached_in_use,
        const std::vector<int>* params);
  Query(Query&& other) noexcept;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& bind(int64_t value);
  Query& bind(int value) { return bind(static_cast<int64_t>(value)); }
  Query& bind(bool value) { return bind(static_cast<int64_t>(value ? 1 : 0)); }
  Query& bind(double value);
  Query& bind(std::string_view value);
  Query& bind(const std::string& value) { return bind(std::string_view(value)); }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(std::nullopt_t);
  Query& bind(const std::optional<int64_t>& value);
  Query& bind(const std::optional<double>& value);
  Query& bind(const std::optional<std::string>& value);

  // Steps to the next row; false when there are no more.
  bool next();
  // Runs a statement that returns no rows; returns the number of rows changed.
  int64_t exec();

  int64_t i64(int column) const;
  double f64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  std::optional<int64_t> opt_i64(int column) const;
  std::optional<double> opt_f64(int column) const;
  std::optional<std::string> opt_text(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
  int param_index(int n) const;

  bool* cached_in_use_;
  const std::vector<int>* params_;  // $n -> SQLite index; null: look up by name
  int next_param_ = 1;
};

// A transaction in progress: the only way services touch the database.
class Tx {
 public:
  explicit Tx(Connection& connection, int64_t now_ms) : connection_(connection), now_ms_(now_ms) {}

  template <class... Args>
  Query query(std::string_view sql, const Args&... args) {
    Query q = prepare(sql);
    (q.bind(args), ...);
    return q;
  }
  // Shorthand for a statement that returns no rows; returns rows changed.
  template <class... Args>
  int64_t exec(std::string_view sql, const Args&... args) {
    return query(sql, args...).exec();
  }
  // The next value of the integer key `column` of `table` (MAX + 1): unique,
  // and gap-free as long as the rows are never deleted.
  int64_t next_id(std::string_view table, std::string_view column = "id");
  // One clock reading per transaction, so all rows of a command agree.
  int64_t now_ms() const { return now_ms_; }

 private:
  Query prepare(std::string_view sql);
  Connection& connection_;
  int64_t now_ms_;
};

struct DatabaseOptions {
  std::string path;
  int reader_connections = 4;
  size_t max_group = 256;  // most commands committed together
  bool create_if_missing = true;
  // The clock every transaction reads once (Tx::now_ms). Empty: the system
  // clock. Only tools that write a past on purpose set it (the demo's
  // history); a server always runs on the system clock.
  std::function<int64_t()> clock;
  // A number that only grows as groups commit, read by this function on the
  // writer's connection after every committed group (and at open, and when
  // another process may have written). durable_mark() is its value for the
  // newest group made durable. The store does not know what it counts: the
  // event log sets it to its last seq (events::last_seq), so the feed never
  // shows an event a power failure could take back. Empty: always 0.
  std::function<int64_t(Tx&)> durable_mark;
};

class Database {
 public:
  using WriteFn = std::function<void(Tx&)>;
  using DoneFn = std::function<void(std::exception_ptr)>;

  // Opens (creating when allowed) the SQLite file and applies pending migrations.
  static std::unique_ptr<Database> open(const DatabaseOptions& options);
  virtual ~Database() = default;

  // Queues fn for the writer; `done` runs on the writer thread after the commit
  // (or with the exception fn threw, or the commit's failure). Keep `done` short.
  virtual void write_async(WriteFn fn, DoneFn done) = 0;
  // Blocking form: returns after the durable commit, rethrows fn's exception.
  void write(const WriteFn& fn);
  // Runs fn on a reader connection inside one read transaction.
  virtual void read(const std::function<void(Tx&)>& fn) = 0;
  // Finishes every queued write, then stops the writer. Idempotent.
  virtual void close() = 0;
  // How many write commands and commit groups ran (for logs and benchmarks).
  virtual int64_t commands_committed() const = 0;
  virtual int64_t groups_committed() const = 0;
  // DatabaseOptions::durable_mark of the newest group known to be durable.
  virtual int64_t durable_mark() const = 0;
  // The same, by the name the event feed's callers use (the mark is the event
  // log's last seq): readers of the log stop there.
  int64_t durable_event_seq() const { return durable_mark(); }
};

}  // namespace wareflow::store
