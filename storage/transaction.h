// A write transaction: BEGIN IMMEDIATE takes the write lock up front, so a transaction never
// fails half-way because another connection wrote first (busy_timeout waits instead).
// Rolls back in its destructor unless commit() succeeded, so an early return or an error
// leaves the database exactly as it was.
#pragma once

#include "result.h"

struct sqlite3;

namespace hearth::storage {

class Database;

class Transaction {
public:
    enum class Kind {
        Immediate, // writes: takes the write lock at once
        Deferred,  // reads: one consistent snapshot for several statements
    };

    static Result<Transaction> begin(Database& db, Kind kind = Kind::Immediate);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Result<void> commit();
    // Rolls back now; the destructor then does nothing.
    void rollback();
    bool active() const { return db_ != nullptr; }

private:
    explicit Transaction(Database* db) : db_(db) {}

    Database* db_ = nullptr;
};

} // namespace hearth::storage
