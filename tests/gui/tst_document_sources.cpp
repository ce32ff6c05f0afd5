// Document search in the real main window (offscreen) with the real engine, extractor and
// index: a folder with a PDF (made here with QPdfWriter) and a note becomes a collection, the
// conversation header turns it on, a question about page 2 of the PDF is answered with that
// page listed under the answer, and clicking the source opens the PDF in Hearth's viewer at
// page 2. A question the documents do not answer says that no sources were found.
#include "answersources.h"
#include "appinfo.h"
#include "chatcontroller.h"
#include "conversationstore.h"
#include "windowtest.h"

#include <QPainter>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

constexpr int kWait = 60000;

// A PDF of `pages`, one line of text each (a real text layer, as a word processor writes).
void writePdf(const QString& path, const QStringList& pages) {
    QPdfWriter writer(path);
    writer.setTitle(QStringLiteral("Lease agreement"));
    QPainter painter(&writer);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0) {
            writer.newPage();
        }
        painter.drawText(QRect(0, 0, writer.width(), writer.height() / 2), Qt::TextWordWrap,
                         pages[i]);
    }
}

} // namespace

class TestDocumentSources : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(WindowTest::kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QSettings settings = WindowTest::settings();
        settings.setValue("models/imported", QStringList{WindowTest::kQwen3});
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 4);
        settings.sync();
        docs_ = home_.filePath(QStringLiteral("Documents"));
        QVERIFY(QDir().mkpath(docs_));
        writePdf(docs_ + QStringLiteral("/lease.pdf"),
                 {QStringLiteral("Parties to this agreement and the address of the property."),
                  QStringLiteral("The tenant must give three months notice before moving out of "
                                 "the Linden Street flat."),
                  QStringLiteral("Signatures of both parties.")});
        QFile note(docs_ + QStringLiteral("/groceries.txt"));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("Buy apples, oat milk and coffee beans on Saturday.");
        note.close();
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        QVERIFY(chat_);
    }

    void cleanupTestCase() { w_.close(); }

    void cleanup() {
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    void aFolderBecomesACollection() {
        CollectionManager* collections = chat_->collections();
        QSignalSpy passes(collections, &CollectionManager::passFinished);
        uuid_ = collections->add(docs_);
        QVERIFY(!uuid_.isEmpty());
        QVERIFY(passes.wait(kWait));
        QCOMPARE(WindowTest::cell(collections, 0, CollectionManager::FilesRole).toInt(), 2);
        QCOMPARE(WindowTest::cell(collections, 0, CollectionManager::PagesRole).toInt(), 4);
        QCOMPARE(WindowTest::cell(collections, 0, CollectionManager::NameRole).toString(),
                 QStringLiteral("Documents"));
    }

    void theHeaderTurnsItOn() {
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        w_.click(w_.item("collectionsPicker"));
        QTRY_VERIFY(w_.shows("collectionsList"));
        w_.click(w_.item("collectionToggle"));
        QTRY_COMPARE(chat_->collections()->enabled(), QStringList{uuid_});
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("collectionsList"));
    }

    void theAnswerListsItsSourceAndOpensItAtThePage() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        QVERIFY(chat_->send(QStringLiteral("How much notice does the Linden Street tenant give?")));
        QVERIFY(finished.wait(kWait));
        QCOMPARE(chat_->messages()->count(), 2);
        const QVariantMap sources =
            WindowTest::cell(chat_->messages(), 1, MessageListModel::SourcesRole).toMap();
        const QVariantList items = sources.value(QStringLiteral("items")).toList();
        QVERIFY2(!items.isEmpty(), qPrintable(chat_->notice()));
        const QVariantMap first = items.first().toMap();
        QVERIFY(
            first.value(QStringLiteral("path")).toString().endsWith(QLatin1String("lease.pdf")));
        QCOMPARE(first.value(QStringLiteral("page")).toInt(), 2);
        QCOMPARE(sources.value(QStringLiteral("searched")).toString(), QStringLiteral("Documents"));
        // The conversation keeps its collections.
        auto store = hearth::storage::ConversationStore::open(chat_->databasePath().toStdString());
        QVERIFY(store);
        auto kept = hearth::storage::conversation_collections(store->database(),
                                                              chat_->currentConversation());
        QVERIFY(kept);
        QCOMPARE(*kept, std::vector<std::string>{uuid_.toStdString()});

        QQuickItem* button = w_.item("sourceButton");
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        QVERIFY(button->property("text").toString().contains(QLatin1String("page 2")));
        w_.click(button);
        QTRY_VERIFY(w_.shows("sourceViewer"));
        QObject* viewer = w_.item("sourceViewer");
        QTRY_COMPARE_WITH_TIMEOUT(viewer->property("currentPage").toInt(), 1, 10000);
        w_.click(w_.item("closeSourceViewer"));
        QTRY_VERIFY(!w_.shows("sourceViewer"));
    }

    void aQuestionTheDocumentsDoNotAnswerFindsNoSources() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        QVERIFY(chat_->send(QStringLiteral("What is the capital of Freedonia?")));
        QVERIFY(finished.wait(kWait));
        const QVariantMap sources =
            WindowTest::cell(chat_->messages(), 3, MessageListModel::SourcesRole).toMap();
        QCOMPARE(sources.value(QStringLiteral("searched")).toString(), QStringLiteral("Documents"));
        QVERIFY(sources.value(QStringLiteral("items")).toList().isEmpty());
        QTRY_VERIFY(w_.shows("noSourcesLabel"));
        QVERIFY(w_.item("noSourcesLabel")->property("text").toString().contains("Documents"));
    }

    void aNewChatWithoutCollectionsHasNoSources() {
        chat_->collections()->setEnabled(uuid_, false);
        chat_->newChat();
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        QVERIFY(chat_->send(QStringLiteral("Linden Street notice?")));
        QVERIFY(finished.wait(kWait));
        QVERIFY(WindowTest::cell(chat_->messages(), 1, MessageListModel::SourcesRole)
                    .toMap()
                    .isEmpty());
    }

private:
    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
    QString docs_;
    QString uuid_;
};

QTEST_MAIN(TestDocumentSources)
#include "tst_document_sources.moc"
