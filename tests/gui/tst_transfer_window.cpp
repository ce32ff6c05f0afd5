// Export and import in the real window (offscreen), driven as a user does: the export dialog
// opened from the chat header writes a PDF of every branch (checked with pdftotext, from
// poppler) and a Markdown file of the shown branch; Settings → Storage imports a Hearth
// archive with a report (new, skipped as already there, failed with the reason), refuses a
// damaged archive without changing anything, and an export all shows its progress.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "jsonarchive.h"
#include "transfers.h"
#include "windowtest.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

using namespace hearth::storage;

namespace {

constexpr int kWait = 30000;

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files, QDir::Name);
}

// Scrolls the page that holds `item` so that the item is in the window.
void scrollTo(QQuickItem* item) {
    for (QQuickItem* p = item ? item->parentItem() : nullptr; p; p = p->parentItem()) {
        if (p->inherits("QQuickFlickable")) {
            const double top = item->mapToItem(p, {0, 0}).y() + p->property("contentY").toDouble();
            p->setProperty("contentY", std::max(0.0, top - 100));
            return;
        }
    }
}

} // namespace

class TestTransferWindow : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    WindowTest w_;
    int64_t chat_ = 0;
    QString archive_; // a Hearth archive of another database, made with the command line's code

    ChatController* chat() { return w_.singleton<ChatController>("Hearth.Core", "ChatController"); }

private slots:
    void initTestCase() {
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        {
            auto store = ConversationStore::open(
                (AppInfo::dataLocation() + "/conversations.db").toStdString());
            QVERIFY(store);
            auto c = store->create_conversation({"Branches 分支"});
            QVERIFY(c);
            chat_ = c->id;
            auto q = store->add_message(c->id, std::nullopt, Role::User, "你好 question");
            QVERIFY(q);
            QVERIFY(store->add_message(c->id, q->id, Role::Assistant, "OLD-ANSWER"));
            QVERIFY(store->add_message(c->id, q->id, Role::Assistant,
                                       "NEW-ANSWER\n\n```python\nprint(42)\n```"));
        }
        {
            // The archive to import: one conversation new to the window's database.
            auto other = ConversationStore::open(home_.filePath("other.db").toStdString());
            QVERIFY(other);
            auto c = other->create_conversation({"Imported 导入"});
            QVERIFY(c);
            QVERIFY(other->add_message(c->id, std::nullopt, Role::User, "from elsewhere"));
            QFile out(home_.filePath("archive.json"));
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(export_json(*other, {}, out, 1'700'000'000'000));
            archive_ = out.fileName();
        }
        QVERIFY(w_.open());
    }

    void exportDialogWritesAPdfOfEveryBranch() {
        chat()->openConversation(chat_);
        w_.click(w_.item("headerExport"));
        QTRY_VERIFY(w_.shows("exportButton"));
        QObject* dialog = w_.object("exportDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->property("format").toInt(), int(Export::Markdown));
        // PDF from the format box, all branches, into a folder typed in.
        QQuickItem* formats = w_.item("exportFormat");
        QVERIFY(QMetaObject::invokeMethod(formats, "activated", Q_ARG(int, 2)));
        QCOMPARE(dialog->property("format").toInt(), int(Export::Pdf));
        w_.click(w_.item("exportAllBranches"));
        QCOMPARE(dialog->property("scope").toInt(), int(Export::AllBranches));
        const QString folder = home_.filePath("pdf");
        w_.item("exportFolder")->setProperty("text", folder);
        QTRY_VERIFY(w_.item("exportTarget")->property("text").toString().endsWith(".pdf"));
        w_.click(w_.item("exportButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!w_.shows("exportButton"), kWait); // closes when done
        QTRY_VERIFY(chat()->notice().startsWith("Exported to"));
        const QStringList files = filesIn(folder);
        QCOMPARE(files.size(), 1);
        QVERIFY(files[0].endsWith(".pdf"));
        if (QStandardPaths::findExecutable("pdftotext").isEmpty()) {
            QSKIP("pdftotext (poppler-utils) is not installed");
        }
        QProcess pdftotext;
        pdftotext.start("pdftotext", {QDir(folder).filePath(files[0]), "-"});
        QVERIFY(pdftotext.waitForFinished(kWait));
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(text.contains("OLD-ANSWER") && text.contains("NEW-ANSWER"), qPrintable(text));
        QVERIFY(text.contains("Answer, version 2 of 2"));
        QVERIFY(text.contains("print(42)"));
        QVERIFY(text.contains("你好 question"));
        QVERIFY(w_.takeWarnings().isEmpty());
    }

    void exportDialogShownBranchAsMarkdown() {
        w_.key(Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(w_.shows("exportButton"));
        w_.click(w_.item("exportShownBranch"));
        const QString folder = home_.filePath("md");
        w_.item("exportFolder")->setProperty("text", folder);
        w_.click(w_.item("exportButton"));
        QTRY_VERIFY_WITH_TIMEOUT(filesIn(folder).size() == 1, kWait);
        QFile md(QDir(folder).filePath(filesIn(folder)[0]));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains("NEW-ANSWER"));
        QVERIFY(!text.contains("OLD-ANSWER")); // the shown branch only
    }

    void importFromSettingsReportsWhatItDid() {
        w_.key(Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(w_.shows("importArchive"));
        Transfers* transfers = chat()->transfers();
        QSignalSpy progress(transfers, &Transfers::progressChanged);
        QObject* picker = w_.object("archiveDialog");
        QVERIFY(picker);
        // The file dialog's answer, as the user would pick it.
        picker->setProperty("selectedFile", QUrl::fromLocalFile(archive_));
        QVERIFY(QMetaObject::invokeMethod(picker, "accepted"));
        QTRY_VERIFY_WITH_TIMEOUT(transfers->importOutcome() == Transfers::Imported, kWait);
        QVERIFY(progress.count() >= 2); // started, and done
        QCOMPARE(transfers->importAdded(), 1);
        QTRY_VERIFY(w_.shows("importReport"));
        QVERIFY(w_.item("importReport")->property("text").toString().startsWith("1 new"));
        QTRY_COMPARE(chat()->conversations()->rowCount(), 2); // the list shows it

        // Again: nothing new, the conversation is skipped as already there.
        QVERIFY(transfers->importArchive(archive_));
        QTRY_VERIFY_WITH_TIMEOUT(transfers->activity() == Transfers::Idle, kWait);
        QCOMPARE(transfers->importAdded(), 0);
        QCOMPARE(transfers->importSkipped(), 1);
        QVERIFY(transfers->importFailures().isEmpty());

        // A conversation holding a message this database has in another one: left out, and
        // named with the reason.
        QFile in(archive_);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
        QJsonArray conversations = root["conversations"].toArray();
        QJsonObject copy = conversations[0].toObject();
        copy["id"] = "30000000-0000-4000-8000-000000000003";
        copy["title"] = "A copy";
        root["conversations"] = QJsonArray{copy};
        QFile conflicting(home_.filePath("conflicting.json"));
        QVERIFY(conflicting.open(QIODevice::WriteOnly));
        conflicting.write(QJsonDocument(root).toJson());
        conflicting.close();
        QVERIFY(transfers->importArchive(conflicting.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(transfers->activity() == Transfers::Idle, kWait);
        QCOMPARE(transfers->importOutcome(), Transfers::Imported);
        QCOMPARE(transfers->importFailures().size(), 1);
        QTRY_VERIFY(w_.shows("importFailure"));
        const QString failure = w_.item("importFailure")->property("text").toString();
        QVERIFY2(failure.startsWith("A copy: ") && failure.contains("another conversation"),
                 qPrintable(failure));
        QVERIFY(w_.item("importReport")->property("text").toString().endsWith("1 failed"));
        QCOMPARE(chat()->conversations()->rowCount(), 2);
        // For a look: build/<preset>/test-output/settings-import-report.png.
        scrollTo(w_.item("importReport"));
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        QVERIFY(
            w_.grab().save(QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/settings-import-report.png")));
    }

    void aDamagedArchiveIsRefusedWhole() {
        QFile whole(archive_);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray data = whole.readAll();
        QFile damaged(home_.filePath("damaged.json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(data.left(data.size() / 2)); // cut off half-way
        damaged.close();
        Transfers* transfers = chat()->transfers();
        QVERIFY(transfers->importArchive(damaged.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(transfers->importOutcome() == Transfers::Refused, kWait);
        QVERIFY(!transfers->importError().isEmpty());
        QTRY_VERIFY(w_.item("importReport")
                        ->property("text")
                        .toString()
                        .startsWith("Nothing was imported"));
        QCOMPARE(chat()->conversations()->rowCount(), 2);
        QVERIFY(w_.takeWarnings().isEmpty());
    }

    void exportAllFromSettings() {
        scrollTo(w_.item("exportAll"));
        w_.click(w_.item("exportAll"));
        QTRY_VERIFY(w_.shows("exportButton"));
        QObject* dialog = w_.object("exportAllDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->property("format").toInt(), int(Export::Json));
        QVERIFY(!w_.shows("exportAllBranches")); // the archive keeps every branch anyway
        const QString folder = home_.filePath("all");
        w_.item("exportFolder")->setProperty("text", folder);
        QSignalSpy progress(chat()->transfers(), &Transfers::progressChanged);
        w_.click(w_.item("exportButton"));
        QTRY_VERIFY_WITH_TIMEOUT(filesIn(folder) == QStringList{"hearth-conversations.json"},
                                 kWait);
        QTRY_VERIFY(chat()->transfers()->activity() == Transfers::Idle);
        QVERIFY(progress.count() >= 1);
        QVERIFY(w_.takeWarnings().isEmpty());
    }

    // Cancel, pressed before the worker gets going (the buttons' handlers run at once, the
    // job starts from the event loop): an import of 600 messages stops at its first check
    // (256) and writes nothing; an export stops before its first file.
    void cancelStopsAnImportAndAnExport() {
        {
            auto big = ConversationStore::open(home_.filePath("big.db").toStdString());
            QVERIFY(big);
            auto c = big->create_conversation({"big"});
            QVERIFY(c);
            std::optional<int64_t> parent;
            for (int i = 0; i < 600; ++i) {
                auto m = big->add_message(c->id, parent, Role::User, "message");
                QVERIFY(m);
                parent = m->id;
            }
            QFile out(home_.filePath("big.json"));
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(export_json(*big, {}, out, 1'700'000'000'000));
        }
        Transfers* transfers = chat()->transfers();
        const int before = chat()->conversations()->rowCount();
        QVERIFY(transfers->importArchive(home_.filePath("big.json")));
        QVERIFY(w_.shows("importProgress"));
        QVERIFY(QMetaObject::invokeMethod(w_.item("cancelImport"), "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(transfers->importOutcome() == Transfers::Cancelled, kWait);
        QTRY_VERIFY(w_.item("importReport")
                        ->property("text")
                        .toString()
                        .startsWith("The import was cancelled"));
        QCOMPARE(chat()->conversations()->rowCount(), before);

        scrollTo(w_.item("exportAll"));
        w_.click(w_.item("exportAll"));
        QTRY_VERIFY(w_.shows("exportButton"));
        QVERIFY(QMetaObject::invokeMethod(w_.item("exportFormat"), "activated", Q_ARG(int, 2)));
        const QString folder = home_.filePath("cancelled");
        w_.item("exportFolder")->setProperty("text", folder);
        QVERIFY(QMetaObject::invokeMethod(w_.item("exportButton"), "clicked"));
        QVERIFY(w_.shows("exportProgress"));
        QVERIFY(QMetaObject::invokeMethod(w_.item("exportCancel"), "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(chat()->notice() == "The export was cancelled.", kWait);
        QTRY_VERIFY(!w_.shows("exportButton")); // the dialog closed
        QVERIFY(filesIn(folder).isEmpty());
        QVERIFY(w_.takeWarnings().isEmpty());
    }

    void cleanupTestCase() { w_.close(); }
};

QTEST_MAIN(TestTransferWindow)
#include "tst_transfer_window.moc"
