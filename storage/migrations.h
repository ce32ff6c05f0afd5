// The schema as data: migration step i (0-based) takes a database from PRAGMA user_version
// i to i + 1. A new database runs every step; an old one the steps it lacks. All pending
// steps run in one transaction, so a crash or error leaves the previous version intact.
// Steps are never edited once released: a change to the schema is a new step, and
// tests/storage/data/schema-v<N>.sql keeps a database of every past version for the
// upgrade tests.
#pragma once

#include "result.h"

#include <span>

namespace hearth::storage {

class Database;

struct Migration {
    const char* summary; // what the step adds, for error messages
    const char* sql;     // one or more statements
};

// The steps of this version of Hearth; their count is the schema version it writes.
std::span<const Migration> schema_migrations();
inline constexpr int kSchemaVersion = 6;

// Brings `db` to version steps.size(). Refuses (and changes nothing in) a database whose
// version is above that.
Result<void> migrate(Database& db, std::span<const Migration> steps);

} // namespace hearth::storage
