// What both backends share: choosing one by the path, and the blocking write.
#include "store/database.h"

#include <future>
#include <stdexcept>

#include "store/backends.h"

namespace wareflow::store {

bool is_postgres_uri(std::string_view path) {
  return path.starts_with("postgresql://") || path.starts_with("postgres://");
}

std::unique_ptr<Database> Database::open(const DatabaseOptions& options) {
  if (!options.report_replica.empty()) {
    // A replica of an SQLite file is not a thing; a replica given as a file
    // path would be a second, unrelated database.
    if (!is_postgres_uri(options.path) || !is_postgres_uri(options.report_replica)) {
      throw std::invalid_argument(
          "a report replica needs PostgreSQL: both the database and the replica as "
          "postgresql:// URIs");
    }
  }
  return is_postgres_uri(options.path) ? open_postgres(options) : open_sqlite(options);
}

void Database::write(const WriteFn& fn) {
  std::promise<void> finished;
  auto future = finished.get_future();
  write_async(fn, [&finished](std::exception_ptr error) {
    if (error) {
      finished.set_exception(error);
    } else {
      finished.set_value();
    }
  });
  future.get();
}

std::string read_timeout_message(int64_t read_timeout_ms) {
  return "the read ran longer than the server allows (" + std::to_string(read_timeout_ms) +
         " ms) and was stopped; ask for less (a shorter period, a filter, a smaller page)";
}

}  // namespace wareflow::store
