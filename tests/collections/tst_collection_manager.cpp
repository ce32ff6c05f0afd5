// CollectionManager, the Settings' list of collections: adding a folder indexes it on the
// worker thread with progress, a file added to the folder is picked up by the watcher, a
// change the watcher cannot see (a file rewritten in place) by the periodic pass, renaming
// and removing are kept in the settings, and a folder that disappears is reported, not a
// crash. The model runs under QAbstractItemModelTester.
#include "collectionmanager.h"
#include "collectiontest.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hearth::collections;
using collectiontest::writeFile;

class TestCollectionManager : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }
    QString path(const QString& name) const { return dir_.filePath(name); }
    static QVariant cell(const CollectionManager& m, int row, int role) {
        return m.data(m.index(row), role);
    }
    static Extractor extractor() {
        return [](const QString& p, const std::atomic<bool>& c) {
            return collectiontest::readPages(p, c);
        };
    }

private slots:
    void addWatchRenameRemove() {
        writeFile(path("docs/a.txt"), QStringLiteral("herons nest in the alder carr"));
        writeFile(path("docs/sub/b.md"), QStringLiteral("otters fish at dawn"));
        QSettings settings(path("settings.ini"), QSettings::IniFormat);
        QString uuid;
        {
            CollectionManager manager(&settings);
            QAbstractItemModelTester tester(&manager,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            manager.start(path("index.db"), extractor());
            QSignalSpy passes(&manager, &CollectionManager::passFinished);
            QSignalSpy indexing(&manager, &CollectionManager::indexingChanged);
            QVERIFY(manager.add(path("missing")).isEmpty());
            uuid = manager.add(QUrl::fromLocalFile(path("docs")).toString());
            QVERIFY(!uuid.isEmpty());
            QCOMPARE(manager.count(), 1);
            QCOMPARE(cell(manager, 0, CollectionManager::NameRole).toString(),
                     QStringLiteral("docs"));
            QVERIFY(manager.indexing());
            QVERIFY(passes.wait(10000));
            QVERIFY(!manager.indexing());
            QCOMPARE(cell(manager, 0, CollectionManager::FilesRole).toInt(), 2);
            QCOMPARE(
                cell(manager, 0, CollectionManager::StateRole).value<CollectionManager::State>(),
                CollectionManager::State::Idle);
            auto found = manager.retrieve(QStringLiteral("where do otters fish"), {uuid}, 500);
            QVERIFY(found && found->size() == 1);
            QVERIFY(found->front().path.endsWith(QLatin1String("sub/b.md")));

            // A new file in a sub-folder: the watcher notices, one pass follows.
            passes.clear();
            writeFile(path("docs/sub/c.txt"), QStringLiteral("kingfishers dive"));
            QVERIFY(passes.wait(10000));
            QCOMPARE(cell(manager, 0, CollectionManager::FilesRole).toInt(), 3);

            // Rewritten in place: no folder change; the periodic pass finds it.
            manager.setRescanInterval(300);
            passes.clear();
            QTest::qWait(20);
            writeFile(path("docs/a.txt"), QStringLiteral("herons left for the estuary"));
            QTRY_VERIFY_WITH_TIMEOUT(
                manager.retrieve(QStringLiteral("estuary"), {uuid}, 500).value().size() == 1,
                10000);

            manager.rename(uuid, QStringLiteral("  Nature notes "));
            QCOMPARE(cell(manager, 0, CollectionManager::NameRole).toString(),
                     QStringLiteral("Nature notes"));
            manager.setEnabled(uuid, true);
            QCOMPARE(manager.enabled(), QStringList{uuid});
            QCOMPARE(manager.namesOf({uuid, QStringLiteral("gone")}),
                     QStringList{QStringLiteral("Nature notes")});
        }
        // Kept in the settings: a new manager (the next start) has it.
        CollectionManager again(&settings);
        QCOMPARE(again.count(), 1);
        QCOMPARE(cell(again, 0, CollectionManager::NameRole).toString(),
                 QStringLiteral("Nature notes"));
        again.start(path("index.db"), extractor());
        // The folder disappears: the pass reports it.
        QVERIFY(QDir(path("docs")).removeRecursively());
        QSignalSpy passes(&again, &CollectionManager::passFinished);
        again.reindex(uuid);
        QTRY_COMPARE_WITH_TIMEOUT(
            cell(again, 0, CollectionManager::StateRole).value<CollectionManager::State>(),
            CollectionManager::State::Failed, 10000);
        QVERIFY(
            cell(again, 0, CollectionManager::ErrorRole).toString().contains("cannot be found"));
        // Removed: gone from the list, the settings and the index.
        again.remove(uuid);
        QCOMPARE(again.count(), 0);
        QTRY_VERIFY(again.retrieve(QStringLiteral("otters"), {uuid}, 500).value().isEmpty());
        CollectionManager third(&settings);
        QCOMPARE(third.count(), 0);
    }

    void cancelStopsAPass() {
        for (int i = 0; i < 40; ++i) {
            writeFile(path("many/n%1.txt").arg(i), QStringLiteral("note %1").arg(i));
        }
        QSettings settings(path("cancel.ini"), QSettings::IniFormat);
        CollectionManager manager(&settings);
        // Slow reads, so that the pass is still running when it is cancelled.
        manager.start(path("cancel.db"), [](const QString& p, const std::atomic<bool>& c) {
            QThread::msleep(50);
            return collectiontest::readPages(p, c);
        });
        QSignalSpy passes(&manager, &CollectionManager::passFinished);
        const QString uuid = manager.add(path("many"));
        QTRY_VERIFY(cell(manager, 0, CollectionManager::FilesDoneRole).toInt() > 0);
        QCOMPARE(cell(manager, 0, CollectionManager::FilesTotalRole).toInt(), 40);
        manager.cancel(uuid);
        QVERIFY(passes.wait(10000));
        QVERIFY(passes.first().at(1).value<IndexSummary>().cancelled);
        QVERIFY(cell(manager, 0, CollectionManager::FilesRole).toInt() < 40);
    }
};

QTEST_GUILESS_MAIN(TestCollectionManager)
#include "tst_collection_manager.moc"
