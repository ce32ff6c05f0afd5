// Renders a window to a PNG once its first frame is on screen, then quits the application
// (exit code 0 when the file was written). Used by `hearth --screenshot FILE` for reviews.
#pragma once

#include <QObject>
#include <QString>

class QQuickWindow;

class Screenshot : public QObject {
    Q_OBJECT

public:
    Screenshot(QQuickWindow* window, QString path, QObject* parent = nullptr);

private:
    void capture();

    QQuickWindow* window_;
    QString path_;
};
