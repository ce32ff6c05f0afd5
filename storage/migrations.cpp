#include "migrations.h"

#include "database.h"
#include "transaction.h"

#include <string>

namespace hearth::storage {

Result<void> migrate(Database& db, std::span<const Migration> steps) {
    const int target = static_cast<int>(steps.size());
    // Read the version inside the write transaction: another process upgrading the same
    // file at the same moment is then seen, not raced.
    Result<Transaction> transaction = Transaction::begin(db);
    if (!transaction) {
        return transaction.error();
    }
    Result<int> version = db.user_version();
    if (!version) {
        return version.error();
    }
    if (*version > target) {
        return Error{"the conversation database " + db.path() +
                     " was written by a newer Hearth (schema version " + std::to_string(*version) +
                     "; this version reads up to " + std::to_string(target) +
                     "). It was left untouched: update Hearth to open it."};
    }
    if (*version < 0) {
        return Error{"the conversation database " + db.path() + " has an invalid schema version " +
                     std::to_string(*version)};
    }
    if (*version == target) {
        return {};
    }
    for (int step = *version; step < target; ++step) {
        if (Result<void> r = db.exec(steps[static_cast<size_t>(step)].sql); !r) {
            return Error{"cannot upgrade the conversation database to version " +
                         std::to_string(step + 1) + " (" +
                         steps[static_cast<size_t>(step)].summary + "): " + r.error().message};
        }
    }
    // PRAGMA takes no bound parameters; `target` is a count from this code, not input.
    if (Result<void> r = db.exec("PRAGMA user_version = " + std::to_string(target)); !r) {
        return r.error();
    }
    return transaction->commit();
}

} // namespace hearth::storage
