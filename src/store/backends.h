// Inside the store: the two backends Database::open chooses between.
#pragma once

#include <memory>

#include "store/database.h"

namespace wareflow::store {

// An SQLite file (created when allowed), its migrations applied.
std::unique_ptr<Database> open_sqlite(const DatabaseOptions& options);
// A PostgreSQL database named by a libpq URI, its migrations applied.
std::unique_ptr<Database> open_postgres(const DatabaseOptions& options);

}  // namespace wareflow::store
