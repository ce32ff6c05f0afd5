#include "statement.h"

#include "sqliteerror.h"

#include <cmath>
#include <sqlite3.h>
#include <utility>

namespace hearth::storage {

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql, bool persistent) {
    sqlite3_stmt* stmt = nullptr;
    const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
    const int rc =
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &stmt, nullptr);
    if (rc != SQLITE_OK || stmt == nullptr) {
        sqlite3_finalize(stmt);
        return Error{describe_sqlite_failure(db)};
    }
    return Statement(db, stmt);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
        bind_error_ = std::move(other.bind_error_);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
    note_bind(sqlite3_bind_int64(stmt_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (!std::isfinite(value)) {
        return bind(index, nullptr);
    }
    note_bind(sqlite3_bind_double(stmt_, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    // SQLITE_TRANSIENT: SQLite copies the bytes, so the caller's string may go away. An empty
    // view may have no data pointer, which SQLite would store as NULL rather than ''.
    const char* bytes = text.data() != nullptr ? text.data() : "";
    note_bind(sqlite3_bind_text64(stmt_, index, bytes, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
              index);
    return *this;
}

Statement& Statement::bind_in_place(int index, std::string_view text) {
    const char* bytes = text.data() != nullptr ? text.data() : "";
    note_bind(sqlite3_bind_text64(stmt_, index, bytes, text.size(), SQLITE_STATIC, SQLITE_UTF8),
              index);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    note_bind(sqlite3_bind_null(stmt_, index), index);
    return *this;
}

void Statement::note_bind(int rc, int index) {
    if (rc != SQLITE_OK && !bind_error_) {
        bind_error_ = error("cannot bind parameter " + std::to_string(index));
    }
}

Result<bool> Statement::step() {
    if (bind_error_) {
        Error e = *bind_error_;
        reset();
        return e;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    Error e{describe_sqlite_failure(db_)};
    sqlite3_reset(stmt_);
    return e;
}

Result<void> Statement::run() {
    Result<bool> row = step();
    reset();
    if (!row) {
        return row.error();
    }
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bind_error_.reset();
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* bytes = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column); // after _text: the UTF-8 length
    if (bytes == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
}

std::optional<int64_t> Statement::optional_integer(int column) const {
    return is_null(column) ? std::nullopt : std::optional<int64_t>(integer(column));
}

std::optional<double> Statement::optional_real(int column) const {
    return is_null(column) ? std::nullopt : std::optional<double>(real(column));
}

std::optional<std::string> Statement::optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::string>(text(column));
}

std::string_view Statement::sql() const {
    const char* text = sqlite3_sql(stmt_);
    return text ? std::string_view(text) : std::string_view();
}

Error Statement::error(std::string_view what) const {
    return Error{std::string(what) + ": " + describe_sqlite_failure(db_)};
}

} // namespace hearth::storage
