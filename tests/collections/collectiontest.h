// Helpers of the collection tests: files written into a temporary folder, and an extractor
// that reads a text file as pages split at form feeds (so that these tests exercise the
// index, not the document formats, which tests/documents covers).
#pragma once

#include "folderindexer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#define COLLECTION_OK(var, expr)                                                                   \
    auto var = (expr);                                                                             \
    QVERIFY2(var.ok(), var.ok() ? "" : var.error().message.c_str())

namespace collectiontest {

inline void writeFile(const QString& path, const QString& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
}

// Pages separated by "\f"; the title is the file name.
inline hearth::Result<hearth::collections::ExtractedDocument>
readPages(const QString& path, const std::atomic<bool>& = {}) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return hearth::Error{"cannot open " + path.toStdString()};
    }
    hearth::collections::ExtractedDocument doc;
    doc.pages = QString::fromUtf8(file.readAll()).split(QLatin1Char('\f'));
    return doc;
}

} // namespace collectiontest
