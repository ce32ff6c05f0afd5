// Facts about the running application for QML: version, where user data and settings live.
#pragma once

#include <QObject>
#include <QSettings>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString dataLocation READ dataLocation CONSTANT)
    Q_PROPERTY(QUrl settingsUrl READ settingsUrl CONSTANT)

public:
    explicit AppInfo(QObject* parent = nullptr);

    static QString version();
    // Folder of the user's conversations and models (QStandardPaths::AppDataLocation).
    static QString dataLocation();
    // The settings file (QSettings INI): QStandardPaths::AppConfigLocation + "/settings.ini"
    // (~/.config/Hearth/settings.ini; $XDG_CONFIG_HOME is respected). Shared by the C++
    // parts (see settings()) and QML's Settings (settingsUrl).
    static QString settingsFile();
    static QUrl settingsUrl() { return QUrl::fromLocalFile(settingsFile()); }
    // A QSettings on `file`, or on settingsFile() when empty.
    static QSettings* settings(const QString& file, QObject* parent);
};
