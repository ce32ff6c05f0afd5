// Attachments in the real main window (offscreen, the tiny Qwen3 model on the CPU): a file
// pasted into the composer (the clipboard path a user takes; the paperclip's dialog and a
// drop, tested too, call the same ComposerAttachments::addFiles) shows as a chip with its name,
// pages and the model's token count, and counts in the context meter; a long pasted text becomes an
// attachment too, refused with the numbers when it is longer than the model's context; a
// chip can be removed before sending; sending stores the file with the question and shows
// it as a chip on it, which opens the stored text; search finds the file's words. A long
// conversation opens with its files deferred (looked up for the rows shown), and the chips
// on screen are there, at its end and around a message shown from the middle. A PDF that
// needs a password (encrypted by qpdf) is refused with that reason.
#include "appinfo.h"
#include "chatcontroller.h"
#include "conversationstore.h"
#include "pdffixtures.h"
#include "windowtest.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

using namespace Qt::StringLiterals;

namespace {

constexpr int kWait = 60000;

} // namespace

class TestAttachmentsWindow : public QObject {
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
        settings.setValue("generation/maxTokens", 8);
        settings.sync();
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        w_.window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(w_.window()));
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
    }

    void cleanupTestCase() { w_.close(); }

    void cleanup() {
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    void pastedFileBecomesAChip() {
        QFile file(home_.filePath("ferries.md"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# Ferries\n\nSundays: 10:30 only.\n");
        file.close();
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(file.fileName())});
        QGuiApplication::clipboard()->setMimeData(mime);
        const QString before = w_.item("contextLabel")->property("text").toString();
        w_.click(w_.item("composerInput"));
        w_.key(Qt::Key_V, Qt::ControlModifier);
        ComposerAttachments* files = chat_->attachments();
        QTRY_COMPARE(files->count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!files->busy(), kWait);
        QVERIFY(!files->estimated()); // counted by the loaded model
        QVERIFY(w_.shows("composerChips"));
        QTRY_COMPARE(w_.item("chipName")->property("text").toString(), u"ferries.md"_s);
        const QString details = w_.item("chipDetails")->property("text").toString();
        // "1 page · 32 tokens" (the plural form comes from the English translation, which
        // this test does not install).
        const int tokens = files->index(0).data(ComposerAttachments::TokensRole).toInt();
        QVERIFY2(details.startsWith(u"1 page"_s) && details.endsWith(u" · %1 tokens"_s.arg(tokens)),
                 qPrintable(details));
        // Nothing was pasted into the text itself; the meter counts the file.
        QCOMPARE(w_.item("composerInput")->property("text").toString(), QString());
        QTRY_VERIFY(w_.item("contextLabel")->property("text").toString() != before);
        QCOMPARE(files->totalTokens(), tokens);
        QCOMPARE(w_.item("contextLabel")->property("text").toString(),
                 u"%1 / 256"_s.arg(chat_->contextUsed() + tokens));
    }

    void longPastedTextIsAnAttachmentAndRefusedWhenTooLong() {
        // 4,400 characters: an attachment, not text in the field; and for the tiny model's
        // 256-token context too long, which the notice says with the numbers.
        const QString longText = u"All work and no play. "_s.repeated(200);
        QGuiApplication::clipboard()->setText(longText);
        w_.key(Qt::Key_V, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(chat_->notice().contains(u"Pasted text.txt"_s), kWait);
        QVERIFY2(chat_->notice().contains(u"256"_s), qPrintable(chat_->notice()));
        QTRY_VERIFY(w_.shows("notice"));
        QCOMPARE(chat_->attachments()->count(), 1);
        QCOMPARE(w_.item("composerInput")->property("text").toString(), QString());
        chat_->dismissNotice();
        // A short text is pasted as usual.
        QGuiApplication::clipboard()->setText(u"Which one on Sunday?"_s);
        w_.key(Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(w_.item("composerInput")->property("text").toString(),
                     u"Which one on Sunday?"_s);
    }

    void aChipCanBeRemoved() {
        // The same file again, dropped on the composer as a file manager drops it.
        ComposerAttachments* files = chat_->attachments();
        dropOn(w_.item("composerInput"), QUrl::fromLocalFile(home_.filePath("ferries.md")));
        QTRY_COMPARE(files->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!files->busy(), kWait);
        QList<QQuickItem*> removes;
        for (QQuickItem* i : WindowTest::descendants(w_.window()->contentItem())) {
            if (i->objectName() == u"chipRemove"_s && i->isVisible()) {
                removes << i;
            }
        }
        QCOMPARE(removes.size(), 2);
        w_.click(removes[1]);
        QTRY_COMPARE(files->count(), 1);
        w_.item("composerInput")->forceActiveFocus();
    }

    void sendingStoresAndShowsTheFiles() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        w_.key(Qt::Key_Return);
        QTRY_COMPARE(chat_->messages()->count(), 2);
        QCOMPARE(chat_->attachments()->count(), 0);
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        const QVariantList shown =
            WindowTest::cell(chat_->messages(), 0, MessageListModel::AttachmentsRole).toList();
        QCOMPARE(shown.size(), 1);
        QTRY_VERIFY(w_.shows("messageChips"));
        auto store = hearth::storage::ConversationStore::open(chat_->databasePath().toStdString());
        QVERIFY(store);
        auto path = store->active_path(chat_->currentConversation());
        QVERIFY(path && path->size() == 2);
        QCOMPARE(path->at(0).content, std::string("Which one on Sunday?"));
        QCOMPARE(path->at(0).attachments.size(), size_t(1));
        QCOMPARE(path->at(0).attachments[0].file_name, std::string("ferries.md"));
        QVERIFY(path->at(0).attachments[0].tokens.value_or(0) > 5);
        // The model read the file: the prompt holds more than the question.
        QVERIFY(path->at(1).provenance->prompt_tokens.value_or(0) >
                path->at(0).attachments[0].tokens.value_or(0));

        // A click on the chip shows what the model read.
        QQuickItem* chips = w_.item("messageChips");
        QQuickItem* chip = nullptr;
        for (QQuickItem* i : WindowTest::descendants(chips)) {
            if (i->inherits("QQuickAbstractButton")) {
                chip = i;
                break;
            }
        }
        w_.click(chip);
        QTRY_VERIFY(w_.shows("viewerText"));
        QCOMPARE(w_.item("viewerTitle")->property("text").toString(), u"ferries.md"_s);
        QCOMPARE(w_.item("viewerText")->property("text").toString(),
                 u"# Ferries\n\nSundays: 10:30 only.\n"_s);
        QVERIFY(w_.shows("openOriginal")); // the file is still there
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("viewerText"));
    }

    void searchFindsTheFile() {
        chat_->search(u"Sundays"_s);
        QCOMPARE(chat_->searchResults().size(), 1);
        const QVariantMap hit = chat_->searchResults().first().toMap();
        QCOMPARE(hit["attachment"].toString(), u"ferries.md"_s);
        QVERIFY(hit["snippet"].toString().contains(u"<b>Sundays</b>"_s));
        chat_->search({});
    }

    void aLongConversationShowsTheChipsOnScreen() {
        using namespace hearth::storage;
        auto store = ConversationStore::open(chat_->databasePath().toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"Timetables", {}, {}, {}});
        QVERIFY(c);
        std::optional<int64_t> parent;
        int64_t middle = 0;
        constexpr int kTurns = 150;
        for (int t = 0; t < kTurns; ++t) {
            NewAttachment file;
            file.info.file_name = "turn-" + std::to_string(t) + ".md";
            file.info.kind = AttachmentKind::Markdown;
            file.pages = {"Timetable " + std::to_string(t)};
            auto q = store->add_message(c->id, parent, Role::User, "Which ferry?", {},
                                        std::vector<NewAttachment>{file});
            QVERIFY(q);
            middle = t == kTurns / 2 ? q->id : middle;
            auto a = store->add_message(c->id, q->id, Role::Assistant, "The first one.");
            QVERIFY(a);
            parent = a->id;
        }
        chat_->openConversation(c->id);
        QCOMPARE(chat_->messages()->count(), 2 * kTurns);
        QTRY_VERIFY(chipShown("turn-149.md"));
        QVERIFY(!chipShown("turn-75.md")); // far above the end: no delegate
        chat_->openMessage(c->id, middle);
        QTRY_VERIFY(chipShown("turn-75.md"));
    }

    void aLockedPdfIsRefusedWithTheReason() {
        QString why;
        const QByteArray locked =
            encryptedPdf(pdfWithPages({u"Private words"_s}), u"secret"_s, PdfCipher::Aes256, &why);
        if (locked.isEmpty()) {
            QSKIP(qPrintable(u"no password-protected PDF to test: "_s + why));
        }
        QFile file(home_.filePath("locked.pdf"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(locked);
        file.close();
        ComposerAttachments* files = chat_->attachments();
        const int before = files->count();
        chat_->dismissNotice();
        dropOn(w_.item("composerInput"), QUrl::fromLocalFile(file.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(!chat_->notice().isEmpty(), kWait);
        QCOMPARE(chat_->notice(), u"This PDF is protected by a password: locked.pdf. Save a copy "
                                  "without the password and try again."_s);
        QTRY_VERIFY(w_.shows("notice"));
        QTRY_COMPARE(files->count(), before); // no chip for it
        QVERIFY(!files->busy());
        chat_->dismissNotice();
    }

private:
    // Whether a chip named `name` is on a message delegate that exists and is visible.
    bool chipShown(const QString& name) const {
        for (QQuickItem* i : WindowTest::descendants(w_.window()->contentItem())) {
            if (i->objectName() == u"chipName"_s && i->isVisible() &&
                i->property("text").toString() == name) {
                return true;
            }
        }
        return false;
    }

    // A drag from another application entering the window over `target` and dropped there.
    void dropOn(QQuickItem* target, const QUrl& url) {
        QMimeData mime;
        mime.setUrls({url});
        const QPoint at = target->mapToScene({target->width() / 2, target->height() / 2}).toPoint();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w_.window(), &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w_.window(), &move);
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w_.window(), &drop);
    }

    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
};

QTEST_MAIN(TestAttachmentsWindow)
#include "tst_attachments_window.moc"
