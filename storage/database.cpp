#include "database.h"

#include <filesystem>
#include <sqlite3.h>
#include <utility>

namespace hearth::storage {

namespace {

constexpr int kBusyTimeoutMs = 5000;

// "file:" URI of a path: every byte but unreserved ones and '/' percent-encoded.
std::string file_uri(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[u >> 4];
            uri += kHex[u & 15];
        }
    }
    return uri;
}

// Reads user_version through a read-only connection, which can neither write to the file
// nor checkpoint a WAL left by another program into it. Without a WAL file beside it the
// database is opened as immutable, which creates no -wal or -shm files either.
// nullopt: no file there yet.
Result<std::optional<int>> peek_user_version(const std::string& path) {
    std::error_code ignored;
    const bool has_wal = std::filesystem::exists(path + "-wal", ignored);
    const std::string uri = file_uri(path) + (has_wal ? "" : "?immutable=1");
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(uri.c_str(), &db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
    if (rc == SQLITE_CANTOPEN) {
        sqlite3_close_v2(db);
        return std::optional<int>();
    }
    std::string message;
    int version = 0;
    sqlite3_stmt* stmt = nullptr;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, kBusyTimeoutMs);
        rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
        }
    }
    if (rc != SQLITE_ROW) {
        message = db ? sqlite3_errmsg(db) : "out of memory";
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    if (!message.empty()) {
        return Error{"cannot open the conversation database (" + path + "): " + message};
    }
    return std::optional<int>(version);
}

} // namespace

Result<Database> Database::open(const std::string& path, int newest_schema) {
    if (newest_schema >= 0) {
        Result<std::optional<int>> version = peek_user_version(path);
        if (!version) {
            return version.error();
        }
        if (*version && **version > newest_schema) {
            return Error{"the conversation database " + path + " was written by a newer Hearth " +
                         "(schema version " + std::to_string(**version) +
                         "; this version reads up to " + std::to_string(newest_schema) +
                         "). It was left untouched: update Hearth to open it."};
        }
    }
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
    // synchronous=NORMAL in WAL mode: a commit survives a crash of the app (the kill test
    // checks it); only a power cut can lose the last commits, never corrupt the file.
    if (Result<void> r = db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"); !r) {
        return r.error();
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)),
      checkpoint_holds_(std::exchange(other.checkpoint_holds_, 0)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.clear();
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        checkpoint_holds_ = std::exchange(other.checkpoint_holds_, 0);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Database::~Database() {
    cache_.clear();
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
    Result<Statement> stmt = prepare("PRAGMA " + std::string(name));
    if (!stmt) {
        return stmt.error();
    }
    Result<bool> row = stmt->step();
    if (!row) {
        return row.error();
    }
    return *row ? stmt->text(0) : std::string();
}

Result<int> Database::user_version() {
    Result<std::string> text = pragma("user_version");
    if (!text) {
        return text.error();
    }
    return std::stoi(*text); // SQLite always answers with a decimal integer
}

Result<Statement*> Database::cached(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
        Result<Statement> stmt = Statement::prepare(db_, sql, true);
        if (!stmt) {
            return stmt.error();
        }
        it = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(stmt).value()))
                 .first;
    }
    it->second->reset();
    return it->second.get();
}

Result<Statement> Database::prepare(std::string_view sql) {
    return Statement::prepare(db_, sql);
}

int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}

int64_t Database::changes() const {
    return sqlite3_changes64(db_);
}

void Database::hold_wal_checkpoints() {
    if (checkpoint_holds_++ == 0) {
        // Failing only costs the steadiness it is for; nothing to report.
        (void)exec("PRAGMA wal_autocheckpoint = 0");
    }
}

void Database::release_wal_checkpoints() {
    if (checkpoint_holds_ > 0 && --checkpoint_holds_ == 0) {
        // 1000 pages is SQLite's default. PASSIVE: never waits for readers.
        (void)exec("PRAGMA wal_autocheckpoint = 1000; PRAGMA wal_checkpoint(PASSIVE);");
    }
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

Error Database::error(std::string_view what) const {
    std::string detail = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return Error{std::string(what) + " (" + path_ + "): " + detail};
}

} // namespace hearth::storage
