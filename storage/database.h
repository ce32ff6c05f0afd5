// The conversation database: one SQLite file, opened in WAL mode with foreign keys on and a
// busy timeout, so a crash never corrupts it and a second reader never fails at once.
// Thin RAII over the sqlite3 C API; schema and queries come with the conversation store.
#pragma once

#include "result.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace hearth::storage {

class Database {
public:
    static Result<Database> open(const std::string& path);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs one or more statements that return no rows.
    Result<void> exec(std::string_view sql);
    // The value of `PRAGMA name` as text (first column of the first row).
    Result<std::string> pragma(std::string_view name);

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

private:
    Database() = default;
    Error error(std::string_view what) const;

    sqlite3* db_ = nullptr;
    std::string path_;
};

} // namespace hearth::storage
