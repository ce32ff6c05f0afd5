// The main window used as a new user tries it, mostly with the keyboard alone (offscreen, the
// real engine): offline, the welcome card's download fails within seconds and offers Retry
// and importing a file; after importing a model from there the typing goes to the composer
// (not to the hidden import button); Tab moves through the window, never into the text;
// conversations and search hits are reached and opened with the arrow keys and Enter;
// Ctrl+PgDown / Ctrl+PgUp switch conversations; the inline edit box sends with Enter; an
// answer cut off at the length limit says so; Ctrl+Q quits. The functions run in order.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "modelhub.h"
#include "windowtest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString& kQwen3 = WindowTest::kQwen3;
constexpr int kWait = 60000;

} // namespace

class TestKeyboard : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QSettings settings = WindowTest::settings();
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 4);
        settings.sync();
        // Two earlier conversations, written the way the app writes them.
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        auto store = hearth::storage::ConversationStore::open(
            (AppInfo::dataLocation() + "/conversations.db").toStdString());
        QVERIFY(store);
        for (const char* question : {"Where do penguins live?", "What do koalas eat?"}) {
            auto c = store->create_conversation({question});
            QVERIFY(c);
            auto q = store->add_message(c->id, std::nullopt, hearth::storage::Role::User, question);
            QVERIFY(q);
            QVERIFY(store->add_message(c->id, q->id, hearth::storage::Role::Assistant,
                                       "Somewhere far away."));
            ids_ << c->id;
        }
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        hub_ = w_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        w_.window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(w_.window()));
    }

    void cleanupTestCase() { w_.close(); }

    void cleanup() {
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    // Without a network the welcome card's download fails within seconds and the card says
    // so, with Retry and the way to use a file instead (every catalog address here points at
    // a local port nobody listens on).
    void theWelcomeCardOfflineOffersRetryAndImport() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        QFile builtIn(QStringLiteral(":/hearth/catalog.json"));
        QVERIFY(builtIn.open(QIODevice::ReadOnly));
        QJsonObject catalog = QJsonDocument::fromJson(builtIn.readAll()).object();
        QJsonArray models = catalog["models"].toArray();
        for (QJsonValueRef model : models) {
            QJsonObject m = model.toObject();
            QJsonArray files = m["files"].toArray();
            for (QJsonValueRef file : files) {
                QJsonObject f = file.toObject();
                const QString name = QUrl(f["url"].toString()).fileName();
                f["url"] = QString("https://127.0.0.1:%1/%2").arg(port).arg(name);
                file = f;
            }
            m["files"] = files;
            model = m;
        }
        catalog["models"] = models;
        const QString path = home_.filePath("offline-catalog.json");
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(catalog).toJson());
        out.close();
        QVERIFY(hub_->catalog()->load(path));

        QTRY_VERIFY(w_.shows("firstRun"));
        w_.click(w_.item("downloadRecommended"));
        QQuickItem* retry = nullptr; // shown once the download gave up
        QTRY_VERIFY_WITH_TIMEOUT(w_.shows("retryRecommended"), 15000);
        retry = w_.item("retryRecommended");
        QVERIFY(w_.shows("importInstead"));
        QVERIFY2(w_.item("firstRunStatus")->property("text").toString().contains("offline"),
                 qPrintable(w_.item("firstRunStatus")->property("text").toString()));
        w_.click(retry);
        QTRY_VERIFY(!w_.shows("retryRecommended")); // trying again
        QTRY_VERIFY_WITH_TIMEOUT(w_.shows("retryRecommended"), 15000);
        for (int row = hub_->downloads()->count() - 1; row >= 0; --row) {
            hub_->downloads()->cancel(
                hub_->downloads()
                    ->data(hub_->downloads()->index(row), DownloadManager::FileNameRole)
                    .toString());
        }
        QTRY_VERIFY(w_.shows("downloadRecommended"));
    }

    // Importing from the first-run page hides it; the focus its button had must not stay
    // there, where the next Space reopened the file dialog and the letters were lost.
    void typingAfterAnImportGoesToTheComposer() {
        QTRY_VERIFY(w_.item("firstRun")->isVisible());
        QQuickItem* import = w_.item("importModel");
        import->forceActiveFocus(Qt::TabFocusReason);
        QVERIFY(import->hasActiveFocus());
        hub_->library()->importFile(kQwen3, false); // what the file dialog does
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QTRY_VERIFY(!w_.item("firstRun")->isVisible());
        w_.type("hi there");
        QTRY_COMPARE(w_.item("composerInput")->property("text").toString(), QString("hi there"));
        QVERIFY(!w_.object("importDialog")->property("visible").toBool());
    }

    // Tab goes round the window: sidebar, header, composer; it never types a tab character,
    // and whatever has the focus shows it.
    void tabMovesThroughTheWindow() {
        QQuickItem* input = w_.item("composerInput");
        input->forceActiveFocus(Qt::TabFocusReason);
        QStringList order;
        for (int i = 0; i < 40; ++i) {
            w_.key(Qt::Key_Tab);
            QQuickItem* focused = w_.window()->activeFocusItem();
            QVERIFY(focused);
            const QString name = w_.focusedName();
            QVERIFY2(focused->isVisible() && focused->opacity() > 0, qPrintable(name));
            // A control rings itself (visualFocus); the row of a list with the focus is
            // ringed by the list's delegate (keyboardCurrent).
            const QVariant ring = focused->property("visualFocus");
            QVERIFY2(!ring.isValid() || ring.toBool() ||
                         focused->property("keyboardCurrent").toBool(),
                     qPrintable(name + " shows no focus"));
            order << name;
            if (focused == input) {
                break;
            }
        }
        QCOMPARE(input->property("text").toString(), QString("hi there"));
        const QStringList expected{"newChatButton", "searchField",  "conversationList",
                                   "modelsNav",     "settingsNav",  "modelPicker",
                                   "personaPicker", "composerInput"};
        qsizetype at = 0;
        for (const QString& name : expected) {
            at = order.indexOf(name, at);
            QVERIFY2(at >= 0, qPrintable(name + " not reached in order: " + order.join(", ")));
        }
        QCOMPARE(order.last(), QString("composerInput"));
        QVERIFY2(order.size() < 20, qPrintable(order.join(", "))); // no stop in every row
        w_.key(Qt::Key_Backtab);
        QVERIFY(!input->hasActiveFocus());
        input->setProperty("text", QString());
    }

    void conversationsOpenWithTheKeyboard() {
        QQuickItem* list = w_.item("conversationList");
        list->forceActiveFocus(Qt::TabFocusReason);
        QTRY_COMPARE(list->property("currentIndex").toInt(), 0);
        const qint64 second = chat_->conversations()->idAt(1);
        w_.key(Qt::Key_Down);
        QCOMPARE(list->property("currentIndex").toInt(), 1);
        w_.key(Qt::Key_Return);
        QTRY_COMPARE(chat_->currentConversation(), second);
        // Shift+F10 opens the conversation's menu, Escape closes it.
        w_.key(Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY(w_.shows("renameAction"));
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(!w_.shows("renameAction"));
        // Ctrl+PgUp and Ctrl+PgDown go to the neighbours in the list.
        w_.key(Qt::Key_PageUp, Qt::ControlModifier);
        QTRY_COMPARE(chat_->currentConversation(), chat_->conversations()->idAt(0));
        w_.key(Qt::Key_PageDown, Qt::ControlModifier);
        QTRY_COMPARE(chat_->currentConversation(), second);
    }

    void searchHitsOpenWithTheKeyboard() {
        w_.key(Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(w_.item("searchField")->hasActiveFocus());
        w_.type("penguins");
        QQuickItem* results = w_.item("searchResults");
        QTRY_COMPARE(results->property("count").toInt(), 1);
        w_.key(Qt::Key_Down);
        QTRY_VERIFY(results->hasActiveFocus());
        QCOMPARE(results->property("currentIndex").toInt(), 0);
        w_.key(Qt::Key_Return);
        QTRY_COMPARE(chat_->currentConversation(), ids_.at(0));
        w_.key(Qt::Key_Up); // from the first hit back to the field
        QTRY_VERIFY(w_.item("searchField")->hasActiveFocus());
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(w_.item("conversationList")->isVisible());
    }

    // The edit box works like the composer: Shift+Enter is a new line, Enter sends. The
    // answer stops at the length limit (4 tokens here) and says so.
    void theEditBoxSendsWithEnterAndACutOffIsMarked() {
        QTRY_COMPARE(chat_->messages()->count(), 2);
        QQuickItem* edit = nullptr;
        QTRY_VERIFY((edit = child(row(0), "editMessage")) != nullptr);
        w_.click(edit);
        QQuickItem* editor = nullptr;
        QTRY_VERIFY((editor = child(row(0), "editText")) != nullptr && editor->isVisible());
        QTRY_VERIFY(editor->hasActiveFocus());
        w_.type(" Tell");
        w_.key(Qt::Key_Return, Qt::ShiftModifier);
        w_.type("me");
        QCOMPARE(editor->property("text").toString(), QString("Where do penguins live? Tell\nme"));
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        w_.key(Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QCOMPARE(WindowTest::cell(chat_->messages(), 0, MessageListModel::ContentRole).toString(),
                 QString("Where do penguins live? Tell\nme"));
        QCOMPARE(WindowTest::cell(chat_->messages(), 0, MessageListModel::SiblingCountRole).toInt(),
                 2);
        QCOMPARE(WindowTest::cell(chat_->messages(), 1, MessageListModel::CutOffRole).toString(),
                 QString("length"));
        QTRY_VERIFY(child(row(1), "messageStatus") && child(row(1), "messageStatus")->isVisible());
        QCOMPARE(child(row(1), "messageStatus")->property("text").toString(),
                 QString("Cut off at the longest answer allowed (Settings, Generation)."));
    }

    void ctrlQQuits() {
        QSignalSpy quit(w_.engine(), &QQmlEngine::quit);
        w_.key(Qt::Key_Q, Qt::ControlModifier);
        QCOMPARE(quit.count(), 1);
    }

private:
    // The visible delegate of the chat list at `index` (matched by message id too: a
    // delegate waiting in the view's reuse pool keeps its old index).
    QQuickItem* row(int index) const {
        const QVariant id = WindowTest::cell(chat_->messages(), index, MessageListModel::IdRole);
        for (QQuickItem* i : WindowTest::descendants(w_.item("messageList"))) {
            if (i->isVisible() && i->property("siblingCount").isValid() &&
                i->property("index").toInt() == index && i->property("messageId") == id) {
                return i;
            }
        }
        return nullptr;
    }

    static QQuickItem* child(QQuickItem* parent, const char* name) {
        for (QQuickItem* i : WindowTest::descendants(parent)) {
            if (i->objectName() == QLatin1String(name)) {
                return i;
            }
        }
        return nullptr;
    }

    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
    ModelHub* hub_ = nullptr;
    QList<qint64> ids_;
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
