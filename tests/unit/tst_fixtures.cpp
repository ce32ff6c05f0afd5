// The shared test models are what the engine tests compare against, so check that the copy
// found through HEARTH_MODELS_DIR is complete and unaltered: every file listed with its size
// and SHA-256 in the folder's README must match.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestFixtures : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        dir_ = QDir(QStringLiteral(HEARTH_MODELS_DIR));
        if (!dir_.exists("README.md")) {
            QSKIP(qPrintable("test models not found at " + dir_.path() +
                             " (configure with -DHEARTH_MODELS_DIR=<folder>)"));
        }
    }

    void listedFilesMatchTheirHashes() {
        QFile readme(dir_.filePath("README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString text = QString::fromUtf8(readme.readAll());
        // Rows of the "File list" table: | `path` | 1,234 | `sha256` |
        static const QRegularExpression row(
            QStringLiteral(R"(^\| `([^`*]+)` \| ([0-9,]+) \| `([0-9a-f]{64})` \|$)"),
            QRegularExpression::MultilineOption);
        int checked = 0;
        for (const auto& match : row.globalMatch(text)) {
            const QString path = dir_.filePath(match.captured(1));
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable("missing " + path));
            QCOMPARE(file.size(), match.captured(2).remove(',').toLongLong());
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QVERIFY(hash.addData(&file));
            QCOMPARE(hash.result().toHex(), match.captured(3).toLatin1());
            ++checked;
        }
        // 6 tiny llamas + 27 vocab files + 2 scripts are listed today.
        QVERIFY2(checked >= 35, qPrintable(QString::number(checked)));
    }

private:
    QDir dir_;
};

QTEST_GUILESS_MAIN(TestFixtures)
#include "tst_fixtures.moc"
