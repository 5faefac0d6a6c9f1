// Schema migrations: numbered SQL files under migrations/<dialect>/, embedded
// in the binary at build time and applied in name order, each once, in one
// transaction together with its record in schema_migrations.
#pragma once

#include <string>
#include <vector>

namespace wareflow::store {

struct Migration {
  std::string name;  // "0001_init.sql"
  std::string sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace wareflow::store
