#include "appinfo.h"

#include <QCoreApplication>
#include <QStandardPaths>

AppInfo::AppInfo(QObject* parent) : QObject(parent) {}

QString AppInfo::version() {
    return QStringLiteral(HEARTH_VERSION);
}

QString AppInfo::dataLocation() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}
