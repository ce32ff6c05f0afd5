#include "databasepath.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

QString defaultDatabasePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/conversations.db");
}

hearth::Result<QString> resolveDatabasePath(const QString& override, bool create) {
    const QString path = override.isEmpty() ? defaultDatabasePath() : override;
    const QFileInfo info(path);
    if (create) {
        if (!QDir().mkpath(info.absolutePath())) {
            return hearth::Error{"cannot create the folder " + info.absolutePath().toStdString()};
        }
    } else if (!info.exists()) {
        return hearth::Error{"there is no conversation database at " + path.toStdString()};
    }
    return path;
}
