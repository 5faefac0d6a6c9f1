#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "store/backends.h"
#include "store/command_queue.h"
#include "store/database.h"
#include "store/migrations.h"

namespace wareflow::store {

class Connection;

// A prepared sqlite3 statement. Cached ones live in the connection's cache and
// are reset on release; one-off ones (a statement nested in a loop over itself)
// delete themselves.
class SqliteStatement final : public Statement {
 public:
  SqliteStatement(Connection& connection, sqlite3_stmt* stmt, bool cached)
      : connection_(connection), stmt_(stmt), cached_(cached) {
    // Parameters are written $1..$N; SQLite numbers named parameters in order
    // of first appearance, so $N is looked up by name once per statement.
    for (int n = 1; n <= sqlite3_bind_parameter_count(stmt); ++n) {
      std::string name = "$" + std::to_string(n);
      params_.push_back(sqlite3_bind_parameter_index(stmt, name.c_str()));
    }
  }
  ~SqliteStatement() { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool in_use() const { return in_use_; }
  SqliteStatement& take() {
    in_use_ = true;
    next_param_ = 1;
    return *this;
  }

  void bind_integer(int64_t value) override { sqlite3_bind_int64(stmt_, param_index(), value); }
  void bind_real(double value) override { sqlite3_bind_double(stmt_, param_index(), value); }
  void bind_text(std::string_view value) override {
    sqlite3_bind_text(stmt_, param_index(), value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void bind_null(ValueType) override { sqlite3_bind_null(stmt_, param_index()); }

  bool next() override;
  int64_t exec() override;

  int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const override {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

  void release() override {
    if (!cached_) {
      delete this;
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    in_use_ = false;
  }

 private:
  int param_index() {
    int n = next_param_++;
    int index = n <= static_cast<int>(params_.size()) ? params_[static_cast<size_t>(n - 1)] : 0;
    if (index == 0) throw std::runtime_error("SQL has no parameter $" + std::to_string(n));
    return index;
  }

  Connection& connection_;
  sqlite3_stmt* stmt_;
  bool cached_;
  bool in_use_ = false;
  std::vector<int> params_;  // params_[n - 1]: SQLite's index of $n
  int next_param_ = 1;
};

// One sqlite3 handle and its prepared statements. Not thread-safe: each is
// used by one thread at a time (the writer, or a reader taken from the pool).
class Connection final : public Session {
 public:
  Connection(const std::string& path, bool create, const std::string& vfs) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, vfs.empty() ? nullptr : vfs.c_str()) !=
        SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    // Small pages: order capture touches many rows on different pages, and the
    // WAL writes whole pages, so smaller pages mean fewer bytes per commit.
    // (Takes effect only when the file is created.)
    // synchronous=NORMAL: a commit appends to the WAL without fsync; the
    // database's syncer thread makes each commit group durable with one
    // fdatasync of the WAL before anyone is answered (see run_syncer).
    exec_script(
        "PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
        "foreign_keys=ON;"
        "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
  }
  ~Connection() {
    cache_.clear();
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec_script(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("SQL failed: " + message);
    }
  }

  Statement& prepare(std::string_view sql) override {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second->in_use()) return it->second->take();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQL prepare failed: ") + sqlite3_errmsg(db_) +
                               " in: " + std::string(sql));
    }
    if (it != cache_.end()) return (new SqliteStatement(*this, stmt, false))->take();
    auto [inserted, ok] =
        cache_.emplace(std::string(sql), std::make_unique<SqliteStatement>(*this, stmt, true));
    return inserted->second->take();
  }

  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* handle() { return db_; }

  // MAX(id) + 1, read once per table and transaction and then counted up in
  // memory. Inside a write transaction this is race-free, even against
  // another process (the CLI), because the transaction holds the write lock.
  // forget_ids() must be called when a transaction or savepoint ends in a
  // rollback, so ids stay gap-free (the ledger's I5 check relies on it).
  int64_t next_id(std::string_view table, std::string_view column) override {
    auto it = next_ids_.find(table);
    if (it == next_ids_.end()) {
      std::string sql =
          "SELECT COALESCE(MAX(" + std::string(column) + "), 0) + 1 FROM " + std::string(table);
      Query q(prepare(sql));
      q.next();
      it = next_ids_.emplace(std::string(table), q.i64(0)).first;
    }
    return it->second++;
  }
  void forget_ids() { next_ids_.clear(); }
  // Whether a transaction is open: SQLite ends one on its own after some
  // errors (disk full, I/O error, out of memory), whatever savepoints say.
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  bool gap_free_ids() const override { return true; }
  void lock(std::string_view, int64_t) override {}

  std::vector<std::string> trigger_names(std::string_view table) override {
    std::vector<std::string> names;
    Query q(prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1"));
    q.bind(table);
    while (q.next()) names.push_back(q.text(0));
    return names;
  }

  // Runs a statement without rows through the statement cache.
  void run(std::string_view sql) { Query(prepare(sql)).exec(); }

  // A read's time budget: from now on a statement still running at
  // `deadline` stops with SQLITE_INTERRUPT (the handler looks at the clock
  // every 1,000 virtual machine steps); nullopt removes the budget, which
  // must happen before the ROLLBACK that follows an interrupt.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    deadline_ = deadline;
    interrupted_ = false;
    if (deadline) {
      sqlite3_progress_handler(db_, 1000, &Connection::stop_past_deadline, this);
    } else {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    }
  }
  // Whether the budget stopped a statement since set_deadline.
  bool interrupted() const { return interrupted_; }

 private:
  static int stop_past_deadline(void* self) {
    auto* connection = static_cast<Connection*>(self);
    if (std::chrono::steady_clock::now() < *connection->deadline_) return 0;
    connection->interrupted_ = true;
    return 1;
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, Hash, std::equal_to<>> cache_;
  std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> next_ids_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  bool interrupted_ = false;
};

bool SqliteStatement::next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_.fail("SQL step failed");
}

int64_t SqliteStatement::exec() {
  int rc = sqlite3_step(stmt_);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  if (rc != SQLITE_DONE) connection_.fail("SQL exec failed");
  return sqlite3_changes(connection_.handle());
}

// ---- SqliteDatabase ----------------------------------------------------

namespace {

void apply_migrations(Connection& connection) {
  connection.exec_script("BEGIN IMMEDIATE");
  try {
    connection.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
    for (const Migration& migration : sqlite_migrations()) {
      Tx tx(connection, now_ms());
      if (tx.query("SELECT 1 FROM schema_migrations WHERE name = $1", migration.name).next()) {
        continue;
      }
      connection.exec_script(migration.sql);
      tx.exec("INSERT INTO schema_migrations (name, applied_at_ms) VALUES ($1, $2)", migration.name,
              tx.now_ms());
    }
    connection.exec_script("COMMIT");
  } catch (...) {
    connection.exec_script("ROLLBACK");
    throw;
  }
}

// The syncer's own handle on the WAL, opened through the same VFS as the
// connections: its xSync is the fdatasync that makes commits durable, so a VFS
// that simulates power loss (the tests') sees exactly that sync. Opened with
// CREATE like SQLite's own WAL handles, so its first sync also syncs the
// directory, and a WAL file created since the database opened cannot lose its
// directory entry once a commit in it was answered.
class WalSyncHandle {
 public:
  WalSyncHandle(const std::string& db_path, const std::string& vfs_name)
      : vfs_(sqlite3_vfs_find(vfs_name.empty() ? nullptr : vfs_name.c_str())) {
    if (!vfs_) throw std::runtime_error("unknown SQLite VFS " + vfs_name);
    if (db_path == ":memory:") return;
    // The name SQLite gives the WAL: the database's full path (symbolic
    // links resolved) + "-wal". The open file keeps a pointer to it.
    std::vector<char> full(static_cast<size_t>(vfs_->mxPathname) + 1, '\0');
    int rc = vfs_->xFullPathname(vfs_, db_path.c_str(), vfs_->mxPathname + 1, full.data());
    if ((rc & 0xff) != SQLITE_OK) {  // SQLITE_OK_SYMLINK is fine
      throw std::runtime_error("cannot resolve the path of " + db_path);
    }
    path_ = std::string(full.data()) + "-wal";
    file_.assign(static_cast<size_t>(vfs_->szOsFile), 0);
  }
  ~WalSyncHandle() { close(); }
  WalSyncHandle(const WalSyncHandle&) = delete;
  WalSyncHandle& operator=(const WalSyncHandle&) = delete;

  std::exception_ptr sync() {
    int rc = SQLITE_OK;
    if (!open_) {
      rc = vfs_->xOpen(vfs_, path_.c_str(), file(),
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_WAL, nullptr);
      open_ = rc == SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = file()->pMethods->xSync(file(), SQLITE_SYNC_NORMAL);
    if (rc == SQLITE_OK) return nullptr;
    return std::make_exception_ptr(
        std::runtime_error(std::string("cannot sync the write-ahead log: ") + sqlite3_errstr(rc)));
  }

  void close() {
    if (open_) file()->pMethods->xClose(file());
    open_ = false;
  }

 private:
  sqlite3_file* file() { return reinterpret_cast<sqlite3_file*>(file_.data()); }

  sqlite3_vfs* vfs_;
  std::string path_;
  std::vector<char> file_;  // the VFS's sqlite3_file (new[] aligns it for any type)
  bool open_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const DatabaseOptions& options)
      : options_(options),
        writer_connection_(options.path, options.create_if_missing, options.sqlite_vfs),
        wal_(options.path, options.sqlite_vfs) {
    apply_migrations(writer_connection_);
    // Checkpoints copy the WAL back into the database file and fsync it. Done
    // by the committing writer they would stall every ~1,000 pages; a
    // background thread runs them instead, passively, so the writer only
    // appends to the WAL.
    writer_connection_.exec_script("PRAGMA wal_autocheckpoint=0");
    durable_mark_ = read_mark(writer_connection_);
    writer_ = std::thread([this] { run_writer(); });
    syncer_ = std::thread([this] { run_syncer(); });
    if (options_.path != ":memory:") checkpointer_ = std::thread([this] { run_checkpointer(); });
  }

  ~SqliteDatabase() override { close(); }

  void write_async(WriteFn fn, DoneFn done) override {
    queue_.push(std::move(fn), std::move(done));
  }

  void read(const std::function<void(Tx&)>& fn) override {
    std::unique_ptr<Connection> connection = take_reader();
    struct Return {
      SqliteDatabase* self;
      std::unique_ptr<Connection>& connection;
      ~Return() { self->give_back_reader(std::move(connection)); }
    } give_back{this, connection};
    connection->exec_script("BEGIN");
    if (options_.read_timeout_ms > 0) {
      connection->set_deadline(std::chrono::steady_clock::now() +
                               std::chrono::milliseconds(options_.read_timeout_ms));
    }
    bool timed_out = false;
    try {
      Tx tx(*connection, clock_now());
      fn(tx);
      // A read that caught the interrupt and went on holds partial rows.
      timed_out = connection->interrupted();
      connection->set_deadline(std::nullopt);
      if (!timed_out) connection->exec_script("COMMIT");
    } catch (...) {
      timed_out = connection->interrupted();
      connection->set_deadline(std::nullopt);
      connection->exec_script("ROLLBACK");
      if (!timed_out) throw;
    }
    if (timed_out) {
      if (connection->in_transaction()) connection->exec_script("ROLLBACK");
      throw ReadTimeout(read_timeout_message(options_.read_timeout_ms));
    }
  }

  void close() override {
    if (!queue_.stop()) return;
    if (writer_.joinable()) writer_.join();
    if (syncer_.joinable()) syncer_.join();
    wal_.close();
    {
      std::lock_guard lock(checkpoint_mutex_);
      checkpoint_stop_ = true;
    }
    checkpoint_wake_.notify_one();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  int64_t commands_committed() const override { return commands_committed_; }
  int64_t durable_mark() const override { return durable_mark_; }
  int64_t groups_committed() const override { return groups_committed_; }
  size_t queue_depth() const override { return queue_.size(); }

 private:
  std::unique_ptr<Connection> take_reader() {
    auto connection = readers_.take_idle();
    return connection ? std::move(connection)
                      : std::make_unique<Connection>(options_.path, false, options_.sqlite_vfs);
  }

  void give_back_reader(std::unique_ptr<Connection> connection) {
    readers_.give_back(std::move(connection));
  }

  void run_checkpointer() {
    Connection connection(options_.path, false, options_.sqlite_vfs);
    connection.exec_script("PRAGMA journal_size_limit=67108864");
    std::unique_lock lock(checkpoint_mutex_);
    for (;;) {
      checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(200));
      bool stop = checkpoint_stop_;
      lock.unlock();
      refresh_durable_mark(connection);
      try {
        // PASSIVE never blocks the writer or readers; TRUNCATE at the end
        // leaves a small file behind.
        connection.exec_script(stop ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                    : "PRAGMA wal_checkpoint(PASSIVE)");
      } catch (const std::exception&) {
        // Busy: the next round catches up.
      }
      lock.lock();
      if (stop) return;
    }
  }

  // While this process has nothing in flight, everything committed is
  // durable (other processes, like the CLI, answer only after their own
  // fsync), so the durable mark may move up to what is committed.
  void refresh_durable_mark(Connection& connection) {
    std::lock_guard lock(sync_mutex_);
    if (writer_busy_ || syncing_ || !unsynced_.empty()) return;
    try {
      int64_t mark = read_mark(connection);
      if (mark > durable_mark_) durable_mark_ = mark;
    } catch (const std::exception&) {
    }
  }

  void run_writer() {
    for (;;) {
      std::vector<Command> group = queue_.take(options_.max_group);
      if (group.empty()) break;  // stopping, and nothing left to do
      writer_metrics_.group_size.observe(static_cast<double>(group.size()));
      {
        std::lock_guard lock(sync_mutex_);
        writer_busy_ = true;
      }
      run_group(group);
      int64_t mark = 0;  // unknown: the durable mark stays where it is
      try {
        mark = read_mark(writer_connection_);
      } catch (const std::exception&) {
        // The commands' outcome stands; the next group's mark catches up.
      }
      {
        std::lock_guard lock(sync_mutex_);
        unsynced_.push_back(Group{std::move(group), mark});
        writer_busy_ = false;
      }
      sync_wake_.notify_one();
    }
    {
      std::lock_guard lock(sync_mutex_);
      writer_done_ = true;
    }
    sync_wake_.notify_one();
  }

  // Outside any transaction: the mark of what is committed.
  int64_t read_mark(Connection& c) {
    if (!options_.durable_mark) return 0;
    Tx tx(c, clock_now());
    return options_.durable_mark(tx);
  }

  // Group commit, pipelined: while the writer runs the next group, this thread
  // makes the committed ones durable with one fdatasync of the WAL and only
  // then answers their callers. An acknowledged write is therefore on disk
  // even after a power failure. (What a reader sees may run up to one fsync
  // ahead of what is durable; the event feed is capped at the durable mark.)
  void run_syncer() {
    for (;;) {
      std::deque<Group> groups;
      bool done;
      {
        std::unique_lock lock(sync_mutex_);
        sync_wake_.wait(lock, [this] { return writer_done_ || !unsynced_.empty(); });
        groups.swap(unsynced_);
        done = writer_done_ && groups.empty();
        syncing_ = !groups.empty();
      }
      if (done) return;
      auto sync_started = std::chrono::steady_clock::now();
      std::exception_ptr sync_error = sync_wal();
      writer_metrics_.commit_seconds.observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - sync_started).count());
      {
        // The mark moves before anyone is answered, so a caller that reads
        // the feed right after its answer finds its own events.
        std::lock_guard lock(sync_mutex_);
        if (!sync_error && groups.back().mark > durable_mark_) {
          durable_mark_ = groups.back().mark;
        }
        syncing_ = false;
      }
      for (Group& g : groups) {
        for (Command& command : g.commands) {
          command.done(command.error ? command.error : sync_error);
        }
      }
    }
  }

  std::exception_ptr sync_wal() {
    if (options_.path == ":memory:") return nullptr;
    return wal_.sync();
  }

  // One transaction for the whole group; a savepoint per command.
  void run_group(std::vector<Command>& group) {
    Connection& c = writer_connection_;
    c.forget_ids();  // another process may have written since the last group
    try {
      c.run("BEGIN IMMEDIATE");
    } catch (...) {
      for (Command& command : group) command.error = std::current_exception();
      return;
    }
    for (Command& command : group) {
      try {
        c.run("SAVEPOINT command");
      } catch (...) {
        return abandon_group(group, std::current_exception());
      }
      try {
        Tx tx(c, clock_now());
        command.fn(tx);
        c.run("RELEASE command");
      } catch (...) {
        command.error = std::current_exception();
        c.forget_ids();
        try {
          c.run("ROLLBACK TO command");
          c.run("RELEASE command");
        } catch (...) {
          // Checked below.
        }
        // SQLite rolled the whole transaction back: the commands before
        // this one are undone too, and a SAVEPOINT now would begin a new
        // transaction that the next commands would commit on their own.
        if (!c.in_transaction()) return abandon_group(group, command.error);
      }
    }
    try {
      c.run("COMMIT");
      ++groups_committed_;
      commands_committed_ += static_cast<int64_t>(group.size());
    } catch (...) {
      abandon_group(group, std::current_exception());
    }
  }

  // The group's transaction failed as a whole: nothing of it is written, and
  // every command that has no error of its own gets `error`.
  void abandon_group(std::vector<Command>& group, std::exception_ptr error) {
    Connection& c = writer_connection_;
    c.forget_ids();
    if (c.in_transaction()) {
      try {
        c.exec_script("ROLLBACK");
      } catch (...) {
        // Nothing more to undo with.
      }
    }
    for (Command& command : group) {
      if (!command.error) command.error = error;
    }
  }

  DatabaseOptions options_;
  int64_t clock_now() const { return options_.clock ? options_.clock() : now_ms(); }
  Connection writer_connection_;
  WalSyncHandle wal_;
  struct Group {
    std::vector<Command> commands;
    int64_t mark;  // DatabaseOptions::durable_mark once this group is durable
  };

  std::thread writer_;
  std::thread syncer_;
  std::thread checkpointer_;
  std::mutex sync_mutex_;
  std::condition_variable sync_wake_;
  std::deque<Group> unsynced_;
  bool writer_done_ = false;
  bool writer_busy_ = false;  // a group is between BEGIN and its hand-over to the syncer
  bool syncing_ = false;      // the syncer holds groups that are not yet durable
  std::atomic<int64_t> durable_mark_{0};
  CommandQueue queue_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool checkpoint_stop_ = false;  // set once the writer has finished
  std::atomic<int64_t> commands_committed_{0};
  std::atomic<int64_t> groups_committed_{0};
  ConnectionPool<Connection> readers_{static_cast<size_t>(options_.reader_connections)};
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const DatabaseOptions& options) {
  // Memory statistics take a global mutex on every allocation; we do not use them.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace wareflow::store
