// The migration steps of the document index (indexdatabase.h).
#pragma once

#include "migrations.h"

#include <span>

namespace hearth::collections {

std::span<const storage::Migration> indexMigrations();

} // namespace hearth::collections
