#include "transaction.h"

#include "database.h"

#include <utility>

namespace hearth::storage {

Result<Transaction> Transaction::begin(Database& db, Kind kind) {
    const char* sql = kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED";
    if (Result<void> r = db.exec(sql); !r) {
        return r.error();
    }
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
    rollback();
}

Result<void> Transaction::commit() {
    if (db_ == nullptr) {
        return Error{"the transaction was already committed or rolled back"};
    }
    if (Result<void> r = db_->exec("COMMIT"); !r) {
        // A failed COMMIT (e.g. SQLITE_BUSY) leaves the transaction open: roll it back so
        // the connection is usable and nothing half-done remains.
        rollback();
        return r.error();
    }
    db_ = nullptr;
    return {};
}

void Transaction::rollback() {
    if (Database* db = std::exchange(db_, nullptr)) {
        // Fails only when SQLite already rolled back by itself (e.g. after SQLITE_FULL);
        // either way no transaction is left open.
        (void)db->exec("ROLLBACK");
    }
}

} // namespace hearth::storage
