// Facts about the running application for QML: version and where user data lives.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString dataLocation READ dataLocation CONSTANT)

public:
    explicit AppInfo(QObject* parent = nullptr);

    static QString version();
    // Folder of the user's conversations and models (QStandardPaths::AppDataLocation).
    static QString dataLocation();
};
