// Copying text to the system clipboard from QML (code blocks, messages as Markdown).
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class Clipboard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit Clipboard(QObject* parent = nullptr) : QObject(parent) {}

    Q_INVOKABLE void copy(const QString& text);
    Q_INVOKABLE QString text() const;
};
