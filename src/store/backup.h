// Backups of a live database, while servers keep writing to it.
#pragma once

#include <string>

namespace wareflow::store {

// Writes a consistent copy of the database `path` to the file `to` (which must
// not exist yet), without stopping writers.
// SQLite: SQLite's online backup API copies one read snapshot into a new
// database file; restore by using that file as --db.
// PostgreSQL: runs `pg_dump --format=custom` (PostgreSQL's own tool, one
// REPEATABLE READ snapshot); restore with `pg_restore` into a new database
// made with LOCALE 'C' ENCODING 'UTF8' (docs/operations.md).
void backup(const std::string& path, const std::string& to);

}  // namespace wareflow::store
