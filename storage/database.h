// The conversation database: one SQLite file, opened in WAL mode with foreign keys on and a
// busy timeout, so a crash never corrupts it and a second reader never fails at once.
// Thin RAII over the sqlite3 C API: Database owns the connection and a cache of prepared
// statements (prepare once, reuse for every call); Statement and Transaction do the rest.
#pragma once

#include "result.h"
#include "statement.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace hearth::storage {

class Database {
public:
    // Opens (creating when missing) the database at `path`. When `newest_schema` is given, a
    // file whose PRAGMA user_version is above it is refused before anything is written to
    // it: not even the switch to WAL mode happens.
    static Result<Database> open(const std::string& path, int newest_schema = -1);
    // Opens an existing database for reading only; nothing in or beside the file is created
    // or changed: a rollback-journal database stays one, no -wal or -shm files appear (with
    // no write-ahead log beside it, the file is read as immutable), and a missing file is
    // an Error rather than a new database.
    static Result<Database> open_read_only(const std::string& path);
    // A private copy of this database in memory (e.g. to upgrade an old schema for reading
    // without touching the file).
    Result<Database> copy_in_memory();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs one or more statements that return no rows. For fixed SQL only: values are bound
    // through Statement, never written into the text.
    Result<void> exec(std::string_view sql);
    // The value of `PRAGMA name` as text (first column of the first row).
    Result<std::string> pragma(std::string_view name);
    Result<int> user_version();

    // A statement prepared on first use and kept for the connection's lifetime; it comes
    // back reset with no bindings. Not reentrant: finish with one before asking for the
    // same SQL again.
    Result<Statement*> cached(std::string_view sql);
    // A statement prepared for one use.
    Result<Statement> prepare(std::string_view sql);

    int64_t last_insert_id() const;
    int64_t changes() const; // rows changed by the last INSERT, UPDATE or DELETE
    bool in_transaction() const;

    // While held (counted), a commit never runs the automatic WAL checkpoint, which copies
    // the log into the database file and can take tens of ms; the last release runs a
    // passive one. Streaming answers hold it, so their many small commits stay steady.
    void hold_wal_checkpoints();
    void release_wal_checkpoints();

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

private:
    Database() = default;
    // The last failure, in a user's words, with the path: for failures while opening.
    Error open_error() const;

    sqlite3* db_ = nullptr;
    std::string path_;
    int checkpoint_holds_ = 0;
    // Statements are finalized before the connection closes (see the destructor).
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

} // namespace hearth::storage
