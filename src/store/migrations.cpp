// The migration list itself is generated (cmake/embed_migrations.cmake);
// applying it is in sqlite_database.cpp, next to the connection it needs.
#include "store/migrations.h"
