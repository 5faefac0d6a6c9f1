// Databases on a PostgreSQL server, for set-up scripts and tests: making a new
// one in the collation and encoding the store requires, and dropping it.
#pragma once

#include <string>

namespace wareflow::store {

// `server_uri` names any database on the server (".../postgres"). Creates the
// database `name` (C collation, UTF-8) with every migration applied and
// returns its URI. Copies a template kept on the server per schema version,
// made on first use, so a test's fresh database costs one file copy.
std::string create_postgres_database(const std::string& server_uri, const std::string& name);
// Drops it, closing any connection still open to it. No error if absent.
void drop_postgres_database(const std::string& server_uri, const std::string& name);
// `server_uri` with its database name replaced by `name`.
std::string postgres_uri_for(const std::string& server_uri, const std::string& name);

}  // namespace wareflow::store
