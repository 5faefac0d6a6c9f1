// The store: every read and write of Wareflow's state goes through Database.
// Two backends sit behind it, chosen by DatabaseOptions::path: an SQLite file
// (the embedded default) or a PostgreSQL database named by a libpq URI
// ("postgresql://..."), which several server processes may share.
//
// Writes: `write(fn)` queues fn for the process's writer thread, which runs
// many queued commands in one transaction (group commit), each inside its own
// savepoint: a command that throws is rolled back alone and its caller gets the
// exception; the others commit. A caller is answered only after the COMMIT that
// holds its command is durable. SQLite: a syncer thread fdatasyncs the WAL once
// per group while the writer already runs the next one. PostgreSQL: COMMIT
// returns once the server has flushed it (and, with a synchronous standby,
// once the standby has it). Nothing acknowledged is lost on a crash.
//
// Reads: `read(fn)` runs fn on a reader connection inside one read transaction,
// one consistent snapshot of committed data. Readers never block the writer.
//
// SQL is written once for both: `$1`-style parameters, 64-bit integers for
// quantities, money and epoch-millisecond times, ids made by the application
// (Tx::next_id), INSERT ... ON CONFLICT, no SELECT ... FOR UPDATE, no SQL
// function only one dialect has. The schema is written per dialect
// (migrations/sqlite, migrations/postgres: same numbers, same tables).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metrics.h"

namespace wareflow::store {

// The type a parameter is bound as; a NULL keeps its type so that PostgreSQL
// can plan `$1 IS NULL OR col = $1` (an untyped NULL is `unknown`).
enum class ValueType { unknown, integer, real, text };

// One prepared statement of a backend with its bindings and its current rows.
// Owned by the backend's connection; Query hands it back with release().
class Statement {
 public:
  virtual void bind_integer(int64_t value) = 0;
  virtual void bind_real(double value) = 0;
  virtual void bind_text(std::string_view value) = 0;
  virtual void bind_null(ValueType type) = 0;
  virtual bool next() = 0;
  virtual int64_t exec() = 0;
  virtual int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  // The statement is done: reset a cached one for its next use, free a one-off.
  virtual void release() = 0;

 protected:
  ~Statement() = default;
};

// One statement execution. Bind parameters in $1..$N order with bind(), then
// step with next() (queries) or run with exec() (changes). Gives the statement
// back when destroyed.
class Query {
 public:
  explicit Query(Statement& statement) : statement_(&statement) {}
  Query(Query&& other) noexcept : statement_(other.statement_) { other.statement_ = nullptr; }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (statement_) statement_->release();
  }

  Query& bind(int64_t value) {
    statement_->bind_integer(value);
    return *this;
  }
  Query& bind(int value) { return bind(static_cast<int64_t>(value)); }
  Query& bind(bool value) { return bind(static_cast<int64_t>(value ? 1 : 0)); }
  Query& bind(double value) {
    statement_->bind_real(value);
    return *this;
  }
  Query& bind(std::string_view value) {
    statement_->bind_text(value);
    return *this;
  }
  Query& bind(const std::string& value) { return bind(std::string_view(value)); }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(std::nullopt_t) { return bind_null(ValueType::unknown); }
  Query& bind(const std::optional<int64_t>& value) {
    return value ? bind(*value) : bind_null(ValueType::integer);
  }
  Query& bind(const std::optional<double>& value) {
    return value ? bind(*value) : bind_null(ValueType::real);
  }
  Query& bind(const std::optional<std::string>& value) {
    return value ? bind(std::string_view(*value)) : bind_null(ValueType::text);
  }

  // Steps to the next row; false when there are no more.
  bool next() { return statement_->next(); }
  // Runs a statement that returns no rows; returns the number of rows changed.
  int64_t exec() { return statement_->exec(); }

  int64_t i64(int column) const { return statement_->integer(column); }
  double f64(int column) const { return statement_->real(column); }
  // "" for NULL.
  std::string text(int column) const { return statement_->text(column); }
  bool is_null(int column) const { return statement_->is_null(column); }
  std::optional<int64_t> opt_i64(int column) const {
    if (is_null(column)) return std::nullopt;
    return i64(column);
  }
  std::optional<double> opt_f64(int column) const {
    if (is_null(column)) return std::nullopt;
    return f64(column);
  }
  std::optional<std::string> opt_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }

 private:
  Query& bind_null(ValueType type) {
    statement_->bind_null(type);
    return *this;
  }
  Statement* statement_;
};

// What a transaction needs from a backend's connection.
class Session {
 public:
  // A statement ready to bind: a cached one, or a one-off one when the cached
  // one is in use (a query nested inside a loop over the same query).
  virtual Statement& prepare(std::string_view sql) = 0;
  virtual int64_t next_id(std::string_view table, std::string_view column) = 0;
  virtual bool gap_free_ids() const = 0;
  virtual std::vector<std::string> trigger_names(std::string_view table) = 0;
  virtual void lock(std::string_view kind, int64_t key) = 0;

 protected:
  ~Session() = default;
};

// A transaction in progress: the only way services touch the database.
class Tx {
 public:
  Tx(Session& session, int64_t now_ms) : session_(session), now_ms_(now_ms) {}

  template <class... Args>
  Query query(std::string_view sql, const Args&... args) {
    Query q(session_.prepare(sql));
    (q.bind(args), ...);
    return q;
  }
  // Shorthand for a statement that returns no rows; returns rows changed.
  template <class... Args>
  int64_t exec(std::string_view sql, const Args&... args) {
    return query(sql, args...).exec();
  }
  // A new value for the integer key `column` of `table`, unique across every
  // process. SQLite: MAX + 1 under the write lock, gap-free while rows are
  // never deleted. PostgreSQL: the column's sequence, so a rolled-back
  // transaction leaves a gap. The key named in DatabaseOptions::commit_ordered
  // gets its final value only at COMMIT (see there): do not keep the number.
  int64_t next_id(std::string_view table, std::string_view column = "id") {
    return session_.next_id(table, column);
  }
  // Holds the lock on (kind, key) until the transaction ends: another server
  // process's command that asks for the same lock waits for it. For a command
  // that reads something and writes on what it read (a task's status, an
  // order's lines), taken before the read. SQLite: nothing to do, its single
  // writer already excludes everyone. PostgreSQL: an advisory transaction lock.
  // Take locks in one order (order, fulfillment, pick list or count or
  // return, task, PO line, pick face, location; ascending keys) so two
  // commands cannot wait on each other. The one known exception: stock that
  // becomes available serves backorders, which locks their orders late; a
  // deadlock that makes is detected by PostgreSQL and the command re-run.
  void lock(std::string_view kind, int64_t key) { session_.lock(kind, key); }

  // Whether next_id leaves no gaps (SQLite: yes; PostgreSQL: a rolled-back
  // transaction's ids are skipped), so that MAX(id) = COUNT(*) on a table
  // whose rows are never deleted proves none was.
  bool gap_free_ids() const { return session_.gap_free_ids(); }
  // The triggers defined on `table`, by name (the ledger audits its guards).
  std::vector<std::string> trigger_names(std::string_view table) {
    return session_.trigger_names(table);
  }
  // One clock reading per transaction, so all rows of a command agree.
  int64_t now_ms() const { return now_ms_; }

 private:
  Session& session_;
  int64_t now_ms_;
};

// The database could not take the command now (unreachable, failing over,
// or the command lost to other writers more often than the retry limit).
// Nothing of it was written, or its outcome is unknown and the caller may
// retry it idempotently: answered 503 with Retry-After.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A read ran past DatabaseOptions::read_timeout_ms and was stopped. It wrote
// nothing (reads never do); retrying the same read would only run as long
// again, so the caller answers 503 without Retry-After.
class ReadTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// What a ReadTimeout says, the same on both backends.
std::string read_timeout_message(int64_t read_timeout_ms);

// A key numbered in the order transactions commit: a reader that has seen
// number N never later finds a row below N (the event feed's promise). With
// one writer (SQLite) MAX + 1 is already in commit order. With several
// (PostgreSQL) next_id gives a provisional negative number from
// `provisional_sequence`, and just before COMMIT the store renumbers the
// transaction's rows from the one-row `counter` table; that row's lock is
// held until the commit is visible, so the next numbers follow it.
struct CommitOrderedKey {
  std::string table;
  std::string column;
  std::string provisional_sequence;
  std::string counter;
};

struct DatabaseOptions {
  std::string path;
  // PostgreSQL only: the URI of a read replica (a hot standby streaming from
  // the primary) that read_reports() reads from. Empty: none.
  std::string report_replica;
  int reader_connections = 4;
  // The longest a read may run before it is stopped with ReadTimeout, so that
  // one expensive read cannot hold a reader (and a read-pool thread) for
  // ever. SQLite: the whole read transaction, checked every 1,000 virtual
  // machine steps. PostgreSQL: each statement of it (statement_timeout).
  // 0: no limit (the command-line tools); the server sets --read-timeout.
  int64_t read_timeout_ms = 0;
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
  std::optional<CommitOrderedKey> commit_ordered;
  // SQLite: the name of the VFS (sqlite3_vfs_register) every connection
  // opens the files with, the syncer's handle on the WAL included. Empty: the
  // default. The power-loss test sets one that forgets unsynced writes.
  std::string sqlite_vfs;
};

// What the writer did, for `GET /metrics`: recorded by each backend's writer
// with relaxed atomics (it never waits for a reader of them).
struct WriterMetrics {
  // Commands per committed transaction (group commit).
  metrics::Histogram group_size{{1, 2, 4, 8, 16, 32, 64, 128, 256}};
  // How long making a group durable took. SQLite: one fdatasync of the WAL
  // (COMMIT only appends to it), which may cover several groups. PostgreSQL:
  // the COMMIT round trip, the server's WAL flush (and synchronous standby)
  // included.
  metrics::Histogram commit_seconds{metrics::latency_buckets()};
};

// Whether `path` names a PostgreSQL database (a libpq URI) rather than a file.
bool is_postgres_uri(std::string_view path);

class Database {
 public:
  using WriteFn = std::function<void(Tx&)>;
  using DoneFn = std::function<void(std::exception_ptr)>;

  // Opens the database (creating an SQLite file when allowed) and applies
  // pending migrations.
  static std::unique_ptr<Database> open(const DatabaseOptions& options);
  virtual ~Database() = default;

  // Queues fn for the writer; `done` runs on the writer thread after the commit
  // (or with the exception fn threw, or the commit's failure). Keep `done` short.
  virtual void write_async(WriteFn fn, DoneFn done) = 0;
  // Blocking form: returns after the durable commit, rethrows fn's exception.
  void write(const WriteFn& fn);
  // Runs fn on a reader connection inside one read transaction.
  virtual void read(const std::function<void(Tx&)>& fn) = 0;
  // A read for a report: on the report replica when one is configured
  // (DatabaseOptions::report_replica), else as read(). The replica may lag
  // the primary by its replay delay; when it cannot be reached, or cancels
  // the read (a conflict with recovery), the read runs on the primary.
  virtual void read_reports(const std::function<void(Tx&)>& fn) { read(fn); }
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
  // Write commands queued and not yet taken by a writer.
  virtual size_t queue_depth() const = 0;
  const WriterMetrics& writer_metrics() const { return writer_metrics_; }

 protected:
  WriterMetrics writer_metrics_;
};

}  // namespace wareflow::store
