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

QString AppInfo::settingsFile() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/settings.ini");
}

QSettings* AppInfo::settings(const QString& file, QObject* parent) {
    return new QSettings(file.isEmpty() ? settingsFile() : file, QSettings::IniFormat, parent);
}
