// Where the user's conversations live: QStandardPaths::AppDataLocation + "/conversations.db"
// (~/.local/share/Hearth/conversations.db; $XDG_DATA_HOME is respected). The one place
// that decides it, for the app and the command line alike. Needs the application name
// ("Hearth") set on the QCoreApplication first.
#pragma once

#include "result.h"

#include <QString>

// The default database path (its folder may not exist yet).
QString defaultDatabasePath();

// `override` when given (--db), else the default; with `create`, makes its folder, and
// without it fails when there is no database there yet (nothing to read).
hearth::Result<QString> resolveDatabasePath(const QString& override, bool create);
