#include "database.h"

#include "sqliteerror.h"

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

// Opens `path` through a read-only connection, which can neither write to the file nor
// checkpoint a WAL left by another program into it. A read-only connection still creates
// -wal and -shm files beside a WAL database (and leaves them); without a log or journal
// beside the file nobody is writing to it, so it is opened as immutable, which creates
// nothing. (A program that starts writing during the read only appends to a new log, which
// an immutable reader does not see: it reads the state of when it opened.)
// `journal_counts`: a rollback journal beside the file also means it is in use (a reader
// that only peeks at the header may ignore one).
int open_read_only_handle(const std::string& path, sqlite3** db, bool journal_counts) {
    std::error_code ignored;
    const bool in_use = std::filesystem::exists(path + "-wal", ignored) ||
                        (journal_counts && std::filesystem::exists(path + "-journal", ignored));
    const std::string uri = file_uri(path) + (in_use ? "?mode=ro" : "?mode=ro&immutable=1");
    return sqlite3_open_v2(uri.c_str(), db,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
}

// Reads user_version without changing anything (see open_read_only_handle).
// nullopt: no file there yet.
Result<std::optional<int>> peek_user_version(const std::string& path) {
    sqlite3* db = nullptr;
    int rc = open_read_only_handle(path, &db, false);
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
        message = describe_sqlite_failure(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    if (!message.empty()) {
        return Error{message + " (" + path + ")"};
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
        return db.open_error();
    }
    sqlite3_extended_result_codes(db.db_, 1);
    sqlite3_busy_timeout(db.db_, kBusyTimeoutMs);
    Result<std::string> mode = db.pragma("journal_mode=WAL");
    if (!mode) {
        return Error{mode.error().message + " (" + path + ")"};
    }
    if (*mode != "wal") {
        return Error{"the file system does not support the database's write-ahead log (" + path +
                     ")"};
    }
    // synchronous=NORMAL in WAL mode: a commit survives a crash of the app (the kill test
    // checks it); only a power cut can lose the last commits, never corrupt the file.
    if (Result<void> r = db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"); !r) {
        return Error{r.error().message + " (" + path + ")"};
    }
    return db;
}

Result<Database> Database::open_read_only(const std::string& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) {
        return Error{"there is no conversation database at " + path};
    }
    if (!std::filesystem::is_regular_file(status)) {
        return Error{path + " is not a file"};
    }
    Database db;
    db.path_ = path;
    if (open_read_only_handle(path, &db.db_, true) != SQLITE_OK) {
        return db.open_error();
    }
    sqlite3_extended_result_codes(db.db_, 1);
    sqlite3_busy_timeout(db.db_, kBusyTimeoutMs);
    return db;
}

Result<Database> Database::copy_in_memory() {
    Database copy;
    copy.path_ = path_;
    if (sqlite3_open_v2(":memory:", &copy.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        return copy.open_error();
    }
    sqlite3_extended_result_codes(copy.db_, 1);
    sqlite3_backup* backup = sqlite3_backup_init(copy.db_, "main", db_, "main");
    if (backup == nullptr) {
        return copy.open_error();
    }
    sqlite3_backup_step(backup, -1);
    if (sqlite3_backup_finish(backup) != SQLITE_OK) {
        return copy.open_error();
    }
    if (Result<void> r = copy.exec("PRAGMA foreign_keys=ON"); !r) {
        return r.error();
    }
    return copy;
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
        return Error{describe_sqlite_failure(db_)};
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

Error Database::open_error() const {
    return Error{describe_sqlite_failure(db_) + " (" + path_ + ")"};
}

} // namespace hearth::storage
