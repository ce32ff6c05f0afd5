#include "sqliteerror.h"

#include <cerrno>
#include <sqlite3.h>

namespace hearth::storage {

namespace {

// What an operating-system error means for the file; empty for the ones without a
// specific sentence.
std::string_view system_problem(int system_errno) {
    switch (system_errno) {
    case ENOSPC:
    case EDQUOT:
        return "the disk is full: free some space and try again";
    case EROFS:
        return "the disk or folder is read-only";
    case EACCES:
    case EPERM:
        return "Hearth is not allowed to use the file or its folder (check their permissions)";
    case ENOENT:
    case ENOTDIR:
        return "the folder does not exist";
    case EISDIR:
        return "the path is a folder, not a file";
    case EFBIG:
        return "the file has reached the largest size this system allows";
    case EIO:
        return "the disk reported a read or write error (it may be failing or was removed)";
    default:
        return {};
    }
}

} // namespace

std::string describe_sqlite_failure(int code, int system_errno, std::string_view sqlite_message) {
    const int primary = code & 0xFF;
    if (primary == SQLITE_FULL) {
        return "the disk is full: free some space and try again";
    }
    if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) {
        if (const std::string_view words = system_problem(system_errno); !words.empty()) {
            return std::string(words);
        }
    }
    switch (primary) {
    case SQLITE_IOERR:
        return "the disk reported a read or write error (it may be failing or was removed)";
    case SQLITE_CANTOPEN:
        return "the file cannot be opened";
    case SQLITE_READONLY:
        if (code == SQLITE_READONLY_DBMOVED) {
            return "the file was moved or deleted while Hearth had it open";
        }
        return "the file or its folder is read-only";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PROTOCOL:
        return "another program is using the file (another Hearth, or a backup or sync tool): "
               "close it and try again";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "the file is damaged or is not a Hearth conversation database";
    case SQLITE_NOMEM:
        return "there is not enough memory";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "Hearth is not allowed to use the file or its folder (check their permissions)";
    case SQLITE_NOLFS:
    case SQLITE_TOOBIG:
        return "the data is larger than this system can store";
    default:
        return "an internal database error (SQLite: " + std::string(sqlite_message) + ")";
    }
}

std::string describe_sqlite_failure(sqlite3* db) {
    if (db == nullptr) {
        return describe_sqlite_failure(SQLITE_NOMEM, 0, "out of memory");
    }
    return describe_sqlite_failure(sqlite3_extended_errcode(db), sqlite3_system_errno(db),
                                   sqlite3_errmsg(db));
}

} // namespace hearth::storage
