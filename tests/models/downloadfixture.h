// Shared set-up of the download tests: a DownloadManager on a fresh models folder, trusting
// the test server's certificate only, with short retry delays and timeouts, and always
// watched by QAbstractItemModelTester.
#pragma once

#include "downloadmanager.h"
#include "testhttpsserver.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <memory>

// How long a test waits for a download event before it fails.
inline constexpr int kDownloadTimeoutMs = 15000;

inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct DownloadFixture {
    std::unique_ptr<DownloadManager> manager;
    std::unique_ptr<QAbstractItemModelTester> tester;

    DownloadFixture(const TestHttpsServer& server, const QString& folder) {
        manager = std::make_unique<DownloadManager>();
        manager->setSslConfiguration(server.clientSslConfiguration());
        manager->setRetryPolicy(20, 200, 3);
        manager->setTransferTimeout(3000);
        manager->setFreeSpaceProvider([](const QString&) { return qint64(1) << 40; });
        tester = std::make_unique<QAbstractItemModelTester>(
            manager.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        manager->setModelsFolder(folder);
    }
    ~DownloadFixture() {
        tester.reset(); // before the model it watches
        manager.reset();
    }
    DownloadManager* operator->() const { return manager.get(); }

    QVariant role(const QString& fileName, int role) const {
        return manager->data(manager->index(manager->indexOf(fileName)), role);
    }
};

inline QByteArray sha256Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Deterministic pseudo-random bytes: a "model file" whose every byte matters to the hash.
inline QByteArray testPayload(qsizetype size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i < size; ++i) {
        data[i] = char(generator.generate() & 0xff);
    }
    return data;
}

inline DownloadManager::Request testRequest(const QUrl& url, const QByteArray& body,
                                            bool withHash = true) {
    DownloadManager::Request request;
    request.url = url;
    request.catalogId = QStringLiteral("test-model");
    request.size = body.size();
    request.sha256 = withHash ? sha256Hex(body) : QByteArray();
    return request;
}

// Files left in a folder (not recursing), for "nothing was left behind" checks.
inline QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}
