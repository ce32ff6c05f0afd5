#include "database.h"

#include <sqlite3.h>
#include <utility>

namespace hearth::storage {

namespace {
constexpr int kBusyTimeoutMs = 5000;
}

Result<Database> Database::open(const std::string& path) {
    Database db;
    db.path_ = path;
    int rc =
        sqlite3_open_v2(path.c_str(), &db.db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        return db.error("cannot open the conversation database");
    }
    sqlite3_extended_result_codes(db.db_, 1);
    sqlite3_busy_timeout(db.db_, kBusyTimeoutMs);
    Result<std::string> mode = db.pragma("journal_mode=WAL");
    if (!mode) {
        return mode.error();
    }
    if (*mode != "wal") {
        return Error{"the conversation database " + path + " cannot use write-ahead logging"};
    }
    if (Result<void> r = db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"); !r) {
        return r.error();
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

Database::~Database() {
    sqlite3_close_v2(db_);
}

Result<void> Database::exec(std::string_view sql) {
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return error("database statement failed");
    }
    return {};
}

Result<std::string> Database::pragma(std::string_view name) {
    std::string sql = "PRAGMA " + std::string(name);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        return error("cannot read " + sql);
    }
    std::string value;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        if (const unsigned char* text = sqlite3_column_text(stmt, 0)) {
            value = reinterpret_cast<const char*>(text);
        }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return error("cannot read " + sql);
    }
    return value;
}

Error Database::error(std::string_view what) const {
    std::string detail = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return Error{std::string(what) + " (" + path_ + "): " + detail};
}

} // namespace hearth::storage
