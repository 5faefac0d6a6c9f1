// The PostgreSQL backend: libpq, text-format parameters and results, one
// writer connection per process running commands in groups (as the SQLite
// backend does), a pool of reader connections in REPEATABLE READ snapshots.
//
// Several processes may share one database, so unlike SQLite nothing here may
// rely on being the only writer: ids come from sequences, the commit-ordered
// key is renumbered from a counter row at COMMIT (database.h), and a command
// that loses a deadlock or a serialization race is rolled back to its
// savepoint and run again a bounded number of times.
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "store/backends.h"
#include "store/command_queue.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/postgres_server.h"

namespace wareflow::store {

namespace {

// PostgreSQL type OIDs of the parameters (pg_type.dat); 0 lets the server infer.
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kTextOid = 25;

Oid oid_of(ValueType type) {
  switch (type) {
    case ValueType::integer:
      return kInt8Oid;
    case ValueType::real:
      return kFloat8Oid;
    case ValueType::text:
      return kTextOid;
    case ValueType::unknown:
      break;
  }
  return 0;
}

// A failed statement, with the SQLSTATE that says what kind of failure it was.
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // The connection is gone (or is to a server that may no longer write):
  // everything in the transaction is lost; reconnect.
  bool connection_lost() const { return connection_lost_; }
  // Another writer won a race the command can win by running again: a
  // deadlock, a serialization failure, a lock timeout, or a unique key that
  // another transaction inserted first (run again, the command finds it).
  bool worth_retrying() const {
    return sqlstate_ == "40P01" || sqlstate_ == "40001" || sqlstate_ == "55P03" ||
           sqlstate_ == "23505";
  }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// Connection failures (class 08), the server shutting down (57P01-57P03), and a
// server that became read-only under us (25006: we reached a standby).
bool means_connection_lost(PGconn* conn, const std::string& sqlstate) {
  return PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "57P01" ||
         sqlstate == "57P02" || sqlstate == "57P03" || sqlstate == "25006";
}

// libpq's messages end in a line break.
std::string without_trailing_space(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

int64_t parse_integer(const char* value, int length) {
  // Booleans come back as t/f; SUM over BIGINT comes back as numeric text.
  if (length == 1 && (value[0] == 't' || value[0] == 'f')) return value[0] == 't' ? 1 : 0;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(value, value + length, out);
  if (ec != std::errc() || end != value + length) {
    throw std::runtime_error("not a 64-bit integer: " +
                             std::string(value, static_cast<size_t>(length)));
  }
  return out;
}

}  // namespace

class PgConnection;

// A statement with its parameters in text form, run by PQexecPrepared when the
// first row (or exec) is asked for; the whole result is read at once, so a
// nested query on the same connection is fine.
class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& connection, std::string sql, bool cached)
      : connection_(connection), sql_(std::move(sql)), cached_(cached) {}
  ~PgStatement() { PQclear(result_); }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  bool in_use() const { return in_use_; }
  PgStatement& take() {
    in_use_ = true;
    return *this;
  }

  void bind_integer(int64_t value) override {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    add(kInt8Oid, std::string(buffer, end));
  }
  void bind_real(double value) override {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    add(kFloat8Oid, std::string(buffer, end));
  }
  void bind_text(std::string_view value) override { add(kTextOid, std::string(value)); }
  void bind_null(ValueType type) override {
    types_.push_back(oid_of(type));
    values_.emplace_back();
    nulls_.push_back(true);
  }

  bool next() override {
    if (!result_) run();
    return ++row_ < PQntuples(result_);
  }
  int64_t exec() override {
    if (!result_) run();
    const char* changed = PQcmdTuples(result_);
    return *changed ? std::atoll(changed) : 0;
  }

  int64_t integer(int column) const override {
    if (PQgetisnull(result_, row_, column)) return 0;
    return parse_integer(PQgetvalue(result_, row_, column), PQgetlength(result_, row_, column));
  }
  double real(int column) const override {
    if (PQgetisnull(result_, row_, column)) return 0;
    return std::strtod(PQgetvalue(result_, row_, column), nullptr);
  }
  std::string text(int column) const override {
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  bool is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

  void release() override {
    if (!cached_) {
      delete this;
      return;
    }
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    types_.clear();
    values_.clear();
    nulls_.clear();
    in_use_ = false;
  }

 private:
  void add(Oid type, std::string value) {
    types_.push_back(type);
    values_.push_back(std::move(value));
    nulls_.push_back(false);
  }
  void run();

  PgConnection& connection_;
  std::string sql_;
  bool cached_;
  bool in_use_ = false;
  std::vector<Oid> types_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

// A statement running longer is cancelled by the server (SQLSTATE 57014).
constexpr int64_t kStatementTimeoutMs = 120'000;

// One libpq connection, its prepared statements and its sequences. Used by one
// thread at a time (the writer, or a reader taken from the pool).
class PgConnection final : public Session {
 public:
  // statement_timeout_ms: the longest one statement may run (reads get the
  // server's --read-timeout; the writer and the tools 120 s).
  PgConnection(const std::string& uri, const std::optional<CommitOrderedKey>& commit_ordered,
               int64_t statement_timeout_ms = kStatementTimeoutMs)
      : commit_ordered_(commit_ordered) {
    // Our defaults come before the URI, so settings written in it win. The
    // keepalives and the user timeout turn a server that vanished (a killed
    // machine, a cut network) into an error within seconds instead of a
    // request that hangs; the session timeouts bound a lock wait and a
    // transaction left open.
    const std::string session_options =
        "-c lock_timeout=10s -c statement_timeout=" + std::to_string(statement_timeout_ms) +
        "ms -c idle_in_transaction_session_timeout=300s";
    const char* keywords[] = {"connect_timeout",
                              "application_name",
                              "keepalives_idle",
                              "keepalives_interval",
                              "keepalives_count",
                              "tcp_user_timeout",
                              "options",
                              "dbname",
                              nullptr};
    const char* values[] = {
        "3", "wareflow", "5", "2", "3", "10000", session_options.c_str(), uri.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = without_trailing_space(conn_ ? PQerrorMessage(conn_) : "out of memory");
      PQfinish(conn_);
      conn_ = nullptr;
      throw Unavailable("cannot connect to the database: " + message);
    }
    // Notices ("relation already exists, skipping") are not errors; libpq
    // would print them on stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~PgConnection() {
    cache_.clear();
    PQfinish(conn_);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Whether the connection still stands, as far as can be told without a
  // round trip: reading what the socket holds notices a server that closed it
  // (a killed or restarted server, a failover).
  bool alive() {
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    PQconsumeInput(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
  }

  // A script of statements without parameters (migrations, BEGIN, COMMIT).
  void run_script(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    check(result, "SQL failed");
    PQclear(result);
  }

  Statement& prepare(std::string_view sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second->in_use()) return it->second->take();
    if (it != cache_.end()) return (new PgStatement(*this, std::string(sql), false))->take();
    auto [inserted, ok] = cache_.emplace(
        std::string(sql), std::make_unique<PgStatement>(*this, std::string(sql), true));
    return inserted->second->take();
  }

  int64_t next_id(std::string_view table, std::string_view column) override {
    if (commit_ordered_ && table == commit_ordered_->table && column == commit_ordered_->column) {
      return -take_id(commit_ordered_->provisional_sequence);
    }
    return take_id(std::string(table) + "_" + std::string(column) + "_seq");
  }

  bool gap_free_ids() const override { return false; }

  // The next value of `sequence`. One at a time, not in cached blocks: lists
  // are ordered newest first by id, and blocks cached by several writer
  // connections would hand out ids out of creation order.
  int64_t take_id(const std::string& sequence) {
    Query q(prepare("SELECT nextval($1::regclass)"));
    q.bind(sequence);
    q.next();
    return q.i64(0);
  }

  void lock(std::string_view kind, int64_t key) override {
    // One 64-bit advisory key from the kind's hash and the whole key (a
    // multiplicative mix, so keys that differ only in high bits differ too).
    // Two things sharing a key would only wait for each other needlessly.
    uint64_t mixed =
        std::hash<std::string_view>{}(kind) ^ (static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL);
    Query q(prepare("SELECT pg_advisory_xact_lock($1)"));
    q.bind(static_cast<int64_t>(mixed));
    q.next();
  }

  std::vector<std::string> trigger_names(std::string_view table) override {
    std::vector<std::string> names;
    Query q(
        prepare("SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal"));
    q.bind(table);
    while (q.next()) names.push_back(q.text(0));
    return names;
  }

  // Runs a prepared statement, preparing it first on this connection when
  // this SQL text has not been prepared with these parameter types yet.
  PGresult* execute(const std::string& sql, const std::vector<Oid>& types,
                    const std::vector<std::string>& values, const std::vector<bool>& nulls) {
    std::string key = sql;
    key.push_back('\0');
    for (Oid type : types) key += std::to_string(type) + ",";
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "w" + std::to_string(prepared_.size() + 1);
      PGresult* made =
          PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data());
      check(made, "SQL prepare failed", &sql);
      PQclear(made);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<const char*> pointers(values.size());
    for (size_t i = 0; i < values.size(); ++i) pointers[i] = nulls[i] ? nullptr : values[i].c_str();
    PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                      pointers.data(), nullptr, nullptr, 0);
    check(result, "SQL failed", &sql);
    return result;
  }

 private:
  // Throws PgError (and frees the result) unless it succeeded.
  void check(PGresult* result, const char* what, const std::string* sql = nullptr) {
    ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message =
        without_trailing_space(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    PQclear(result);
    std::string text = std::string(what) + ": " + message;
    if (sql) text += " in: " + *sql;
    throw PgError(text, sqlstate, means_connection_lost(conn_, sqlstate));
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_ = nullptr;
  std::optional<CommitOrderedKey> commit_ordered_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>, Hash, std::equal_to<>> cache_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL + parameter types -> name
};

void PgStatement::run() {
  result_ = connection_.execute(sql_, types_, values_, nulls_);
  row_ = -1;
}

namespace {

// Serialises `apply_migrations` of processes starting at once (any constant
// that no other application on the database uses).
constexpr int64_t kMigrationLock = 0x5761726566;  // "Waref"

void apply_migrations(PgConnection& connection) {
  connection.run_script("BEGIN");
  try {
    connection.run_script("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")");
    connection.run_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
    for (const Migration& migration : postgres_migrations()) {
      Tx tx(connection, now_ms());
      if (tx.query("SELECT 1 FROM schema_migrations WHERE name = $1", migration.name).next()) {
        continue;
      }
      connection.run_script(migration.sql);
      tx.exec("INSERT INTO schema_migrations (name, applied_at_ms) VALUES ($1, $2)", migration.name,
              tx.now_ms());
    }
    connection.run_script("COMMIT");
  } catch (...) {
    try {
      connection.run_script("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

// Keys and the texts they are compared as: the SQL orders codes and SKUs by
// their bytes (as SQLite does), which needs a database in the C collation.
void check_database(PgConnection& connection) {
  Tx tx(connection, 0);
  auto q = tx.query(
      "SELECT datcollate, pg_encoding_to_char(encoding) FROM pg_database"
      " WHERE datname = current_database()");
  q.next();
  std::string collate = q.text(0);
  std::string encoding = q.text(1);
  if ((collate != "C" && collate != "POSIX") || encoding != "UTF8") {
    throw std::runtime_error(
        "the database has collation " + collate + " and encoding " + encoding +
        "; Wareflow needs byte order and UTF-8: create it with CREATE DATABASE <name> TEMPLATE "
        "template0 LOCALE 'C' ENCODING 'UTF8'");
  }
}

// One writer connection per process, running small groups. A group holds the
// row locks of all its commands until COMMIT, so big groups in two processes
// wait on each other and deadlock across commands (each deadlock costs the
// server's deadlock_timeout before one command is retried); groups of at most
// 8 keep what a transaction holds short. Several writer connections per
// process were measured too: under mixed traffic (orders, waves, adjustments
// at once) they deadlocked often enough to stall, so the knob stays at one
// (docs/scaling.md).
constexpr int kWriters = 1;
constexpr size_t kMaxGroup = 8;
// How often a command that lost a race is run again before it is answered 503.
constexpr int kMaxAttempts = 6;
// After a failed connection attempt, writes and reads fail at once (503) for
// this long instead of each waiting for its own connection timeout.
constexpr int64_t kReconnectPauseMs = 250;
// After the report replica failed a read, reports go to the primary this long
// before the replica is tried again.
constexpr int64_t kReplicaRetryPauseMs = 5'000;

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseOptions& options) : options_(options) {
    {
      PgConnection first(options_.path, options_.commit_ordered);
      check_database(first);
      apply_migrations(first);
    }
    if (options_.commit_ordered) {
      const CommitOrderedKey& key = *options_.commit_ordered;
      // Number the transaction's provisional keys (negative, in the order
      // they were taken) after the highest committed one. The counter row
      // is locked by this statement, the last before COMMIT, and released
      // only once the commit is visible, so no later transaction can number
      // before us; a transaction without provisional keys leaves it alone.
      // (The repeated `< 0` on the updated table lets the planner find the
      // rows by the key's index instead of scanning the whole log.)
      renumber_sql_ = "WITH pending AS (SELECT " + key.column + " AS provisional, row_number() " +
                      "OVER (ORDER BY " + key.column + " DESC) AS rank FROM " + key.table +
                      " WHERE " + key.column + " < 0), counter AS (UPDATE " + key.counter +
                      " SET last = last + (SELECT count(*) FROM pending) WHERE EXISTS (SELECT 1 " +
                      "FROM pending) RETURNING last - (SELECT count(*) FROM pending) AS base) " +
                      "UPDATE " + key.table + " SET " + key.column +
                      " = counter.base + pending.rank FROM pending, counter WHERE " + key.table +
                      "." + key.column + " < 0 AND " + key.table + "." + key.column +
                      " = pending.provisional";
    }
    for (int i = 0; i < kWriters; ++i) writers_.emplace_back([this] { run_writer(); });
  }

  ~PostgresDatabase() override { close(); }

  void write_async(WriteFn fn, DoneFn done) override {
    queue_.push(std::move(fn), std::move(done));
  }

  void read(const std::function<void(Tx&)>& fn) override { read_on(primary_, fn); }

  void read_reports(const std::function<void(Tx&)>& fn) override {
    if (replica_.uri.empty() || now_ms() < replica_.retry_after_ms.load()) return read(fn);
    try {
      read_on(replica_, fn);
      return;
    } catch (const Unavailable&) {
      // Unreachable, or connections refused: fn ran on no snapshot.
    } catch (const PgError&) {
      // A hot standby cancels a read that conflicts with replay (40001) and
      // refuses what it cannot serve; the primary can.
    }
    replica_.retry_after_ms = now_ms() + kReplicaRetryPauseMs;
    read(fn);
  }

  void close() override {
    if (!queue_.stop()) return;
    for (std::thread& writer : writers_) writer.join();
  }

  int64_t commands_committed() const override { return commands_committed_; }
  int64_t groups_committed() const override { return groups_committed_; }
  size_t queue_depth() const override { return queue_.size(); }
  // Every visible commit is durable: COMMIT answers after the flush (and the
  // synchronous standby), and others see it only then.
  int64_t durable_mark() const override { return INT64_MAX; }

 private:
  int64_t clock_now() const { return options_.clock ? options_.clock() : now_ms(); }

  // Where reads go: the primary (also the writer's server), or the report
  // replica; each with its idle connections and its pause after a failed
  // connection attempt.
  struct ReadTarget {
    std::string uri;
    ConnectionPool<PgConnection>& pool;
    std::atomic<int64_t>& retry_after_ms;
  };

  void read_on(ReadTarget& target, const std::function<void(Tx&)>& fn) {
    std::unique_ptr<PgConnection> connection = take_reader(target);
    try {
      try {
        connection->run_script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      } catch (const PgError& e) {
        // An idle connection to a server that is gone: nothing has run yet,
        // so once more on a new connection (which may fail: then 503).
        if (!e.connection_lost()) throw;
        target.pool.clear();
        connection = connect(target);
        connection->run_script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      {
        Tx tx(*connection, clock_now());
        fn(tx);
      }
      connection->run_script("COMMIT");
    } catch (const PgError& e) {
      if (e.connection_lost()) {
        target.pool.clear();
        target.retry_after_ms = now_ms() + kReconnectPauseMs;
        throw Unavailable(e.what());
      }
      rollback_and_return(target, std::move(connection));
      if (e.sqlstate() == "57014" && options_.read_timeout_ms > 0) {
        throw ReadTimeout(read_timeout_message(options_.read_timeout_ms));
      }
      throw;
    } catch (...) {
      rollback_and_return(target, std::move(connection));
      throw;
    }
    target.pool.give_back(std::move(connection));
  }

  void connection_failed() { reconnect_after_ms_ = now_ms() + kReconnectPauseMs; }

  // The writer's connection.
  std::unique_ptr<PgConnection> connect() { return connect(primary_, kStatementTimeoutMs); }

  // A reader's connection: its statements have the read budget.
  std::unique_ptr<PgConnection> connect(ReadTarget& target) {
    return connect(target,
                   options_.read_timeout_ms > 0 ? options_.read_timeout_ms : kStatementTimeoutMs);
  }

  std::unique_ptr<PgConnection> connect(ReadTarget& target, int64_t statement_timeout_ms) {
    if (now_ms() < target.retry_after_ms.load()) {
      throw Unavailable("the database is unreachable; retrying shortly");
    }
    try {
      return std::make_unique<PgConnection>(target.uri, options_.commit_ordered,
                                            statement_timeout_ms);
    } catch (const Unavailable&) {
      target.retry_after_ms = now_ms() + kReconnectPauseMs;
      throw;
    }
  }

  std::unique_ptr<PgConnection> take_reader(ReadTarget& target) {
    while (auto connection = target.pool.take_idle()) {
      if (connection->alive()) return connection;
    }
    return connect(target);
  }

  void rollback_and_return(ReadTarget& target, std::unique_ptr<PgConnection> connection) {
    try {
      connection->run_script("ROLLBACK");
      target.pool.give_back(std::move(connection));
    } catch (...) {
      // A connection that cannot roll back is dropped.
    }
  }

  // One writer thread: its own connection, groups taken from the shared queue.
  void run_writer() {
    std::unique_ptr<PgConnection> connection;
    std::minstd_rand jitter(static_cast<unsigned>(
        now_ms() ^ static_cast<int64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id()))));
    size_t max_group = std::min(options_.max_group, kMaxGroup);
    for (;;) {
      std::vector<Command> group = queue_.take(max_group);
      if (group.empty()) break;  // stopping, and nothing left to do
      // Commands before `settled` are committed or finally failed. A part of
      // the group that lost its connection before COMMIT wrote nothing: run
      // it once more on a new connection (a failover takes a few seconds).
      size_t settled = 0;
      for (int attempt = 0; attempt < 2; ++attempt) {
        if (!run_group(connection, group, settled, jitter)) break;
        for (size_t i = settled; i < group.size(); ++i) group[i].error = nullptr;
      }
      for (Command& command : group) command.done(command.error);
    }
  }

  // Runs group[settled..] in as few transactions as it can on the writer's
  // `connection` (made or made again here), moving `settled` past what
  // committed. Returns true when the connection was lost before a COMMIT
  // (group[settled..] wrote nothing; the caller may run it again).
  bool run_group(std::unique_ptr<PgConnection>& connection, std::vector<Command>& group,
                 size_t& settled, std::minstd_rand& jitter) {
    auto fail_rest = [&group, &settled](std::exception_ptr error) {
      for (size_t i = settled; i < group.size(); ++i) {
        if (!group[i].error) group[i].error = error;
      }
    };
    try {
      if (!connection || !connection->alive()) {
        connection.reset();
        connection = connect();
      }
    } catch (...) {
      fail_rest(std::current_exception());
      return false;
    }
    PgConnection& c = *connection;
    while (settled < group.size()) {
      // Each round trip costs the one writer thread time, so statements that
      // need no answer in between travel together: BEGIN with the first
      // savepoint, a RELEASE with the next SAVEPOINT, the renumbering with
      // COMMIT (a savepoint that is never released ends with the COMMIT).
      size_t ran = settled;
      bool split = false;
      try {
        c.run_script("BEGIN; SAVEPOINT command");
        for (size_t i = settled; i < group.size(); ++i) {
          if (!run_command(c, group[i], jitter, i == settled, i + 1 == group.size())) {
            split = true;
            break;
          }
          ran = i + 1;
        }
      } catch (const PgError& e) {
        abandon_transaction(connection, e);
        fail_rest(std::make_exception_ptr(Unavailable(e.what())));
        return e.connection_lost();
      }
      try {
        auto commit_started = std::chrono::steady_clock::now();
        c.run_script(renumber_sql_.empty() ? std::string("COMMIT") : renumber_sql_ + "; COMMIT");
        writer_metrics_.commit_seconds.observe(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_started)
                .count());
        writer_metrics_.group_size.observe(static_cast<double>(ran - settled));
        ++groups_committed_;
        commands_committed_ += static_cast<int64_t>(ran - settled);
        settled = ran;
      } catch (const PgError& e) {
        // Lost on the way to or during COMMIT, the outcome is unknown:
        // clients retry with their idempotency keys, and a retried capture
        // is answered from what committed. Refused otherwise: nothing was
        // written.
        abandon_transaction(connection, e);
        fail_rest(std::make_exception_ptr(Unavailable(e.what())));
        return false;
      }
      if (split) backoff(1, jitter);
    }
    return false;
  }

  // After `error` ended the writer's transaction: a lost connection is
  // dropped (with the readers, which went to the same server), otherwise the
  // transaction is rolled back, or the connection dropped if it cannot be.
  void abandon_transaction(std::unique_ptr<PgConnection>& connection, const PgError& error) {
    if (error.connection_lost()) {
      connection.reset();
      readers_.clear();
      connection_failed();
      return;
    }
    try {
      connection->run_script("ROLLBACK");
    } catch (...) {
      connection.reset();
    }
  }

  // Jittered exponential backoff: 1-2 ms, 2-4 ms, ... so two processes that
  // deadlocked do not collide again in step.
  static void backoff(int attempt, std::minstd_rand& jitter) {
    int64_t base_us = 1000LL << (attempt - 1);
    std::this_thread::sleep_for(std::chrono::microseconds(
        base_us + static_cast<int64_t>(jitter() % static_cast<unsigned>(base_us))));
  }

  // One command inside the savepoint `command`, which is open on entry and
  // open again for the next command on return (unless this is the last);
  // run again after a lost race. Returns false, with the command rolled back
  // and not run, when it lost a race while earlier commands of the
  // transaction hold their locks: the other transaction most likely waits
  // for one of those, so running it again here would lose again. The caller
  // commits what ran and starts the command in a transaction of its own.
  // Throws PgError only when the connection is lost (the whole transaction
  // is then lost). ROLLBACK TO keeps the savepoint.
  bool run_command(PgConnection& c, Command& command, std::minstd_rand& jitter, bool first,
                   bool last) {
    for (int attempt = 1;; ++attempt) {
      try {
        Tx tx(c, clock_now());
        command.fn(tx);
        if (!last) c.run_script("RELEASE command; SAVEPOINT command");
        return true;
      } catch (const PgError& e) {
        if (e.connection_lost()) throw;
        c.run_script("ROLLBACK TO command");
        if (!e.worth_retrying()) {
          command.error = std::current_exception();
          return true;
        }
        if (!first) return false;
        if (attempt == kMaxAttempts) {
          command.error = std::make_exception_ptr(
              Unavailable(std::string("the command lost to concurrent writers: ") + e.what()));
          return true;
        }
        backoff(attempt, jitter);
      } catch (...) {
        command.error = std::current_exception();
        c.run_script("ROLLBACK TO command");
        return true;
      }
    }
  }

  DatabaseOptions options_;
  std::string renumber_sql_;
  std::atomic<int64_t> reconnect_after_ms_{0};
  std::vector<std::thread> writers_;
  CommandQueue queue_;
  std::atomic<int64_t> commands_committed_{0};
  std::atomic<int64_t> groups_committed_{0};
  ConnectionPool<PgConnection> readers_{static_cast<size_t>(options_.reader_connections)};
  ConnectionPool<PgConnection> report_readers_{static_cast<size_t>(options_.reader_connections)};
  std::atomic<int64_t> replica_retry_after_ms_{0};
  ReadTarget primary_{options_.path, readers_, reconnect_after_ms_};
  ReadTarget replica_{options_.report_replica, report_readers_, replica_retry_after_ms_};
};

}  // namespace

std::unique_ptr<Database> open_postgres(const DatabaseOptions& options) {
  return std::make_unique<PostgresDatabase>(options);
}

// ---- databases on a server --------------------------------------------------

std::string postgres_uri_for(const std::string& server_uri, const std::string& name) {
  size_t scheme = server_uri.find("://");
  size_t start = server_uri.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = server_uri.find('?');
  std::string rest = query == std::string::npos ? "" : server_uri.substr(query);
  std::string head = server_uri.substr(0, std::min(start, query));
  return head + "/" + name + rest;
}

namespace {

// Database names are made here from letters, digits and '_' only, so quoting
// them as identifiers is enough.
std::string quoted_name(const std::string& name) {
  for (char ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') {
      throw std::invalid_argument("database names are letters, digits and _: " + name);
    }
  }
  return "\"" + name + "\"";
}

std::string schema_template_name() {
  std::string all;
  for (const Migration& migration : postgres_migrations()) all += migration.name + migration.sql;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(all));
  return std::string("wareflow_template_") + hex;
}

bool database_exists(PgConnection& server, const std::string& name) {
  Tx tx(server, 0);
  return tx.query("SELECT 1 FROM pg_database WHERE datname = $1", name).next();
}

}  // namespace

std::string create_postgres_database(const std::string& server_uri, const std::string& name) {
  PgConnection server(server_uri, std::nullopt);
  std::string template_name = schema_template_name();
  // One process makes the template; the others wait for it here.
  server.run_script("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")");
  try {
    if (!database_exists(server, template_name)) {
      server.run_script("CREATE DATABASE " + quoted_name(template_name) +
                        " TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'");
      PgConnection fresh(postgres_uri_for(server_uri, template_name), std::nullopt);
      check_database(fresh);
      apply_migrations(fresh);
    }
  } catch (...) {
    server.run_script("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
    throw;
  }
  server.run_script("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
  server.run_script("CREATE DATABASE " + quoted_name(name) + " TEMPLATE " +
                    quoted_name(template_name));
  return postgres_uri_for(server_uri, name);
}

void drop_postgres_database(const std::string& server_uri, const std::string& name) {
  PgConnection server(server_uri, std::nullopt);
  server.run_script("DROP DATABASE IF EXISTS " + quoted_name(name) + " WITH (FORCE)");
}

}  // namespace wareflow::store
