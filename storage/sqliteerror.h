// SQLite's failures in words a user can act on: what happened to their conversations file
// (the disk is full, the folder is read-only, another program holds the file, the file is
// damaged) instead of SQLite's own ("disk I/O error") or the SQL that failed. Failures a
// user cannot cause (a constraint, a misuse) are called internal and keep SQLite's message
// for a bug report.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace hearth::storage {

// `code`: an extended result code; `system_errno`: sqlite3_system_errno() (0 if none).
std::string describe_sqlite_failure(int code, int system_errno, std::string_view sqlite_message);
// The last failure on `db` (a null handle: SQLite could not even allocate one).
std::string describe_sqlite_failure(sqlite3* db);

} // namespace hearth::storage
