#include "screenshot.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>

namespace {
// Time after the first frame for fonts, images and layouts to settle.
constexpr int kSettleMs = 400;
} // namespace

Screenshot::Screenshot(QQuickWindow* window, QString path, QObject* parent)
    : QObject(parent), window_(window), path_(std::move(path)) {
    connect(
        window_, &QQuickWindow::frameSwapped, this,
        [this] { QTimer::singleShot(kSettleMs, this, &Screenshot::capture); },
        Qt::SingleShotConnection);
}

void Screenshot::capture() {
    const QImage image = window_->grabWindow();
    const bool saved = !image.isNull() && image.save(path_, "PNG");
    if (!saved) {
        std::fprintf(stderr, "hearth: could not write the screenshot to %s\n", qPrintable(path_));
    }
    QCoreApplication::exit(saved ? 0 : 1);
}
