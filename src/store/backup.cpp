#include "store/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "store/database.h"

namespace wareflow::store {
namespace {

void backup_sqlite(const std::string& path, const std::string& to) {
  if (!std::filesystem::exists(path)) throw std::runtime_error("no database file " + path);
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  auto close_both = [&] {
    sqlite3_close(source);
    sqlite3_close(target);
  };
  if (sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    std::string message = sqlite3_errmsg(target ? target : source);
    close_both();
    throw std::runtime_error("cannot open the backup's source or target: " + message);
  }
  sqlite3_busy_timeout(source, 10000);
  // All pages in one step: one read transaction, so one consistent snapshot
  // (in WAL mode the writer goes on meanwhile).
  sqlite3_backup* copy = sqlite3_backup_init(target, "main", source, "main");
  int rc = copy ? sqlite3_backup_step(copy, -1) : SQLITE_ERROR;
  if (copy) sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) {
    std::string message = sqlite3_errmsg(target);
    close_both();
    std::filesystem::remove(to);
    throw std::runtime_error("backup failed: " + message);
  }
  close_both();
}

void backup_postgres(const std::string& uri, const std::string& to) {
  std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner", "--file=" + to,
                                   "--dbname=" + uri};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t child = fork();
  if (child < 0) throw std::runtime_error("cannot start pg_dump");
  if (child == 0) {
    execvp("pg_dump", argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::filesystem::remove(to);
    throw std::runtime_error(WIFEXITED(status) && WEXITSTATUS(status) == 127
                                 ? "pg_dump is missing (Debian: postgresql-client-15)"
                                 : "pg_dump failed (its message is above)");
  }
}

}  // namespace

void backup(const std::string& path, const std::string& to) {
  if (std::filesystem::exists(to)) throw std::runtime_error(to + " exists already");
  if (is_postgres_uri(path)) {
    backup_postgres(path, to);
  } else {
    backup_sqlite(path, to);
  }
}

}  // namespace wareflow::store
