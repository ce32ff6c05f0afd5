// Document search in the real main window (offscreen) with the real engine, extractor and
// index: a folder with a PDF (made here with QPdfWriter) and a note becomes a collection, the
// conversation header turns it on, a question about page 2 of the PDF is answered with that
// page listed under the answer, and clicking the source opens the PDF in Hearth's viewer at
// page 2. A question the documents do not answer says that no sources were found. A
// Markdown diary cited for a passage far down opens in Hearth's text viewer scrolled to
// that passage, which is marked, also at 200 % text size; Esc closes it.
#include "answersources.h"
#include "appinfo.h"
#include "chatcontroller.h"
#include "conversationstore.h"
#include "windowtest.h"

#include <QAccessible>
#include <QPainter>
#include <QPdfWriter>
#include <QQuickTextDocument>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
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
        // 150 lines of filler, the passage, then more filler: it is far below the top.
        QFile diary(docs_ + QStringLiteral("/diary.md"));
        QVERIFY(diary.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 150; ++i) {
            diary.write(QStringLiteral("Day %1 was quiet and uneventful.\n").arg(i).toUtf8());
        }
        // Long enough (390 words) for a whole chunk of the index to lie inside it, so that
        // what the model reads of the best chunk (cut to the tiny model's budget) is in it.
        for (int i = 1; i <= 30; ++i) {
            diary.write(QStringLiteral("Note %1: the piano tuner needs the keys, which are under "
                                       "the blue flowerpot.\n")
                            .arg(i)
                            .toUtf8());
        }
        for (int i = 151; i <= 200; ++i) {
            diary.write(QStringLiteral("Day %1 was quiet and uneventful.\n").arg(i).toUtf8());
        }
        diary.close();
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
        QCOMPARE(WindowTest::cell(collections, 0, CollectionManager::FilesRole).toInt(), 3);
        QCOMPARE(WindowTest::cell(collections, 0, CollectionManager::PagesRole).toInt(), 5);
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

    void aTextSourceOpensInHearthAtThePassage() {
        chat_->collections()->setEnabled(uuid_, true);
        chat_->newChat();
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        QVERIFY(chat_->send(QStringLiteral("Where are the keys for the piano tuner?")));
        QVERIFY(finished.wait(kWait));
        QQuickItem* button = nullptr;
        QTRY_VERIFY((button = sourceButton(QStringLiteral("diary.md"))) != nullptr);
        // Its description (and tooltip) is the passage the model read, as far as 200
        // characters (tst_qml's Sources case checks the cut of a longer one).
        const QString tip =
            QAccessible::queryAccessibleInterface(button)->text(QAccessible::Description);
        QVERIFY2(tip.contains(QLatin1String("the piano tuner needs the keys")), qPrintable(tip));
        QVERIFY(tip.size() <= 201);
        w_.click(button);
        QTRY_VERIFY(w_.shows("textSourceViewer"));
        checkPassageInView();
        // A screen reader is told what it reads.
        QAccessibleInterface* text = QAccessible::queryAccessibleInterface(w_.item("sourceText"));
        QVERIFY(text);
        QCOMPARE(text->text(QAccessible::Name), QStringLiteral("Text of diary.md"));
        QVERIFY(w_.item("openSourceExternally")->isVisible());
        QVERIFY(!w_.shows("sourceNotice")); // the file is as it was indexed
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("textSourceViewer"));

        // At 200 % text the passage is still brought into view, the buttons still shown.
        QObject* theme = w_.singleton<QObject>("Hearth.Ui", "Theme");
        theme->setProperty("fontScale", 2.0);
        w_.click(sourceButton(QStringLiteral("diary.md")));
        QTRY_VERIFY(w_.shows("textSourceViewer"));
        checkPassageInView();
        QQuickItem* viewer = w_.item("textSourceViewer");
        QQuickItem* external = w_.item("openSourceExternally");
        const QRectF buttonBox =
            external->mapRectToItem(viewer, QRectF(0, 0, external->width(), external->height()));
        QVERIFY2(QRectF(0, 0, viewer->width(), viewer->height()).contains(buttonBox),
                 "the button to open the file elsewhere is cut off at 200 %");
        w_.click(w_.item("closeTextSourceViewer"));
        QTRY_VERIFY(!w_.shows("textSourceViewer"));
        theme->setProperty("fontScale", 1.0);

        // Gone since it was indexed: the viewer says so.
        QVERIFY(QFile::rename(docs_ + QStringLiteral("/diary.md"),
                              docs_ + QStringLiteral("/diary-old.md")));
        // (The list was made while the file was there, so its button still opens it.)
        w_.click(sourceButton(QStringLiteral("diary.md")));
        QTRY_VERIFY(w_.shows("sourceNotice"));
        QVERIFY(w_.item("sourceNotice")->property("text").toString().contains("diary.md"));
        QVERIFY(!w_.item("openSourceExternally")->isVisible());
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("textSourceViewer"));
        QVERIFY(QFile::rename(docs_ + QStringLiteral("/diary-old.md"),
                              docs_ + QStringLiteral("/diary.md")));
    }

    // By keyboard alone: Tab reaches the source, Space opens the viewer at the passage with
    // the focus inside it, Esc closes it and the focus is back in the window.
    void theTextSourceOpensByKeyboard() {
        QQuickItem* button = nullptr;
        QTRY_VERIFY((button = sourceButton(QStringLiteral("diary.md"))) != nullptr);
        w_.item("composerInput")->forceActiveFocus();
        for (int i = 0; i < 80 && w_.window()->activeFocusItem() != button; ++i) {
            w_.key(Qt::Key_Backtab);
        }
        QVERIFY2(w_.window()->activeFocusItem() == button,
                 "Shift+Tab from the composer never reaches the source");
        w_.key(Qt::Key_Space);
        QTRY_VERIFY(w_.shows("textSourceViewer"));
        checkPassageInView();
        QQuickItem* focused = w_.window()->activeFocusItem();
        QVERIFY(focused);
        QVERIFY2(w_.item("textSourceViewer")->isAncestorOf(focused),
                 qPrintable(focused->objectName()));
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("textSourceViewer"));
        QVERIFY(w_.window()->activeFocusItem() != nullptr);
    }

private:
    // The visible source button whose text names `file`, or null.
    QQuickItem* sourceButton(const QString& file) {
        for (QQuickItem* i : WindowTest::descendants(w_.window()->contentItem())) {
            if (i->objectName() == QLatin1String("sourceButton") && i->isVisible() &&
                i->property("text").toString().contains(file)) {
                return i;
            }
        }
        return nullptr;
    }

    // The viewer shows the diary scrolled down to the passage, whose first line lies inside
    // the viewport, and the passage is marked (a background on its text).
    void checkPassageInView() {
        QQuickItem* area = w_.item("sourceText");
        QQuickItem* view = w_.item("sourceTextView");
        QTRY_VERIFY(area->property("text").toString().contains(QLatin1String("piano tuner")));
        QObject* marker = w_.object("passageHighlighter");
        QVERIFY(marker);
        const int start = marker->property("start").toInt();
        const int length = marker->property("length").toInt();
        const QString text = area->property("text").toString();
        QVERIFY2(length > 0, "the passage was not found");
        QVERIFY2(text.mid(start, length).contains(QLatin1String("the piano tuner needs the keys")),
                 qPrintable(text.mid(start, length)));
        QVERIFY(start > 40 * 33); // not the top of the file: some 40 lines down at least
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        QTRY_VERIFY(view->property("contentY").toDouble() > 0);
        QRectF at;
        QVERIFY(QMetaObject::invokeMethod(area, "positionToRectangle", Q_RETURN_ARG(QRectF, at),
                                          Q_ARG(int, start)));
        const double top = view->property("contentY").toDouble();
        const double bottom = top + view->height();
        QVERIFY2(at.top() >= top && at.bottom() <= bottom,
                 qPrintable(QStringLiteral("passage at %1-%2, viewport %3-%4")
                                .arg(at.top())
                                .arg(at.bottom())
                                .arg(top)
                                .arg(bottom)));
        auto* document = area->property("textDocument").value<QQuickTextDocument*>();
        QVERIFY(document);
        const QTextBlock block = document->textDocument()->findBlock(start);
        const int offset = start - block.position();
        bool marked = false;
        for (const QTextLayout::FormatRange& r : block.layout()->formats()) {
            marked = marked || (r.format.hasProperty(QTextFormat::BackgroundBrush) &&
                                r.start <= offset && offset < r.start + r.length);
        }
        QVERIFY2(marked, "the passage has no background");
    }

    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
    QString docs_;
    QString uuid_;
};

QTEST_MAIN(TestDocumentSources)
#include "tst_document_sources.moc"
