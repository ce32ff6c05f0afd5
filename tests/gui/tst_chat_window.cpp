// The real main window (offscreen) with the real engine and a real database, driven the way
// a user drives it: the tiny models are installed (imported by reference), the window loads
// one, a typed message is answered as a stream and stored, Stop ends an answer, regenerate
// and edit add versions that "‹ ›" switches between, the model is switched in the middle of
// the conversation, search opens a message, a deletion is undone, and after a restart
// everything is still there. The test functions run in order and share one database.
#include "appinfo.h"
#include "chatcontroller.h"
#include "conversationstore.h"
#include "modelhub.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
const QString kLlama = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";
constexpr int kWait = 60000;

QVariant cell(const QAbstractItemModel* model, int row, int role) {
    return model->data(model->index(row, 0), role);
}

} // namespace

class TestChatWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home_.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        QSettings settings(AppInfo::settingsFile(), QSettings::IniFormat);
        settings.setValue("models/imported", QStringList{kQwen3, kLlama});
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 24);
        settings.sync();
        open();
    }

    void cleanupTestCase() { close(); }

    // QML warnings (a binding to something missing, a type error) fail the test they
    // happened in.
    void cleanup() {
        QVERIFY2(warnings_.isEmpty(), qPrintable(warnings_.join('\n')));
        warnings_.clear();
    }

    void loadsAnInstalledModel() {
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QCOMPARE(chat_->models()->path(), kQwen3); // the first installed, nothing chosen before
        QVERIFY(item("composerInput")->isEnabled());
        QVERIFY(item("welcome")->isVisible());
        QVERIFY(!item("firstRun")->isVisible());
        QCOMPARE(item("modelPicker")->property("displayText").toString(), chat_->models()->name());
        QVERIFY(item("deviceLabel")->property("text").toString().startsWith("CPU"));
    }

    void aTypedMessageIsAnsweredAndStored() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        type("Hello there!");
        QTest::keyClick(window_, Qt::Key_Return);
        QTRY_COMPARE(chat_->messages()->count(), 2);
        QVERIFY(item("composerInput")->property("text").toString().isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QCOMPARE(chat_->conversations()->count(), 1);
        QCOMPARE(window_->title(), QString("Hello there! \u2013 Hearth"));

        // The answer shown is the answer stored.
        auto store = hearth::storage::ConversationStore::open(chat_->databasePath().toStdString());
        QVERIFY(store);
        auto path = store->active_path(chat_->currentConversation());
        QVERIFY(path && path->size() == 2);
        QCOMPARE(path->at(0).content, std::string("Hello there!"));
        QCOMPARE(cell(chat_->messages(), 1, MessageListModel::ContentRole).toString(),
                 QString::fromStdString(path->at(1).content));
        QCOMPARE(path->at(1).status, hearth::storage::MessageStatus::Done);
        QVERIFY(row(1) != nullptr);
        QVERIFY(item("contextLabel")->property("text").toString().endsWith("/ 256"));
    }

    void stopEndsTheAnswerAndKeepsIt() {
        QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
            .setValue("generation/maxTokens", 400);
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        type("Tell me a long story");
        click(item("sendButton"));
        QTRY_COMPARE(item("sendButton")->property("text").toString(), QString("Stop"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QVariant text = cell(chat_->messages(), 3, MessageListModel::ContentRole);
                return text.toString().size() +
                           cell(chat_->messages(), 3, MessageListModel::ThinkingRole)
                               .toString()
                               .size() >
                       0;
            },
            kWait));
        click(item("sendButton"));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QCOMPARE(cell(chat_->messages(), 3, MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Stopped));
        QTRY_VERIFY(visibleIn(3, "messageStatus"));
        QCOMPARE(textIn(3, "messageStatus"), QString("Stopped."));
        QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
            .setValue("generation/maxTokens", 24);
    }

    void regenerateAddsAVersionAndArrowsSwitch() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        const qint64 stopped = cell(chat_->messages(), 3, MessageListModel::IdRole).toLongLong();
        clickIn(3, "regenerate");
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QTRY_COMPARE(textIn(3, "siblingPosition"), QString("2/2"));
        QVERIFY(cell(chat_->messages(), 3, MessageListModel::IdRole).toLongLong() != stopped);
        // Both versions answer the same prompt: the stopped answer is not read back.
        const int regenerated = cell(chat_->messages(), 3, MessageListModel::ProvenanceRole)
                                    .toMap()["promptTokens"]
                                    .toInt();
        clickIn(3, "previousSibling");
        QTRY_COMPARE(cell(chat_->messages(), 3, MessageListModel::IdRole).toLongLong(), stopped);
        QTRY_COMPARE(textIn(3, "siblingPosition"), QString("1/2"));
        QCOMPARE(cell(chat_->messages(), 3, MessageListModel::ProvenanceRole)
                     .toMap()["promptTokens"]
                     .toInt(),
                 regenerated);
        clickIn(3, "nextSibling");
        QTRY_COMPARE(textIn(3, "siblingPosition"), QString("2/2"));
    }

    void editingAQuestionMakesABranch() {
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        clickIn(2, "editMessage");
        QQuickItem* editor = nullptr;
        QTRY_VERIFY((editor = child(row(2), "editText")) != nullptr);
        QTRY_VERIFY(editor->isVisible());
        QCOMPARE(editor->property("text").toString(), QString("Tell me a long story"));
        editor->setProperty("text", "Tell me a short story");
        clickIn(2, "editSend");
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QCOMPARE(chat_->messages()->count(), 4);
        QCOMPARE(cell(chat_->messages(), 2, MessageListModel::ContentRole).toString(),
                 QString("Tell me a short story"));
        QTRY_COMPARE(textIn(2, "siblingPosition"), QString("2/2"));
        clickIn(2, "previousSibling"); // the original question, with its answers
        QTRY_COMPARE(cell(chat_->messages(), 2, MessageListModel::ContentRole).toString(),
                     QString("Tell me a long story"));
        QCOMPARE(cell(chat_->messages(), 3, MessageListModel::SiblingCountRole).toInt(), 2);
    }

    void switchingTheModelKeepsTheConversation() {
        QQuickItem* picker = item("modelPicker");
        const int index = hub_->library()->indexOf(kLlama);
        QVERIFY(index >= 0);
        QMetaObject::invokeMethod(picker, "activated", Q_ARG(int, index));
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->path(), kLlama, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QCOMPARE(chat_->messages()->count(), 4);
        // The conversation so far is about 200 tokens with this model's format; with room for
        // a longer answer it no longer fits its 256, and the window says so instead of
        // cutting anything, until the user lets it leave out the oldest turns.
        QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
            .setValue("generation/maxTokens", 64);
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        type("Who are you?");
        QTest::keyClick(window_, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(item("overflowBanner")->isVisible(), kWait);
        QVERIFY(chat_->overflowNeeded() > 256);
        QCOMPARE(chat_->messages()->count(), 5); // the question is kept, unanswered
        QVERIFY(!item("droppedLabel")->isVisible());
        click(item("dropOldest"));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QVERIFY(!item("overflowBanner")->isVisible());
        QTRY_VERIFY(item("droppedLabel")->isVisible());
        QVERIFY(chat_->droppedMessages() >= 2);
        // The header still shows the speed: the label does not push it off the edge.
        QVERIFY(QQuickTest::qWaitForPolish(window_));
        QQuickItem* header = item("chatHeader");
        QQuickItem* device = item("deviceLabel");
        QVERIFY(device->mapToItem(header, {device->width(), 0}).x() <= header->width());
        QVERIFY(device->width() > 0);
        // The turns the model did not read are marked.
        QVERIFY(cell(chat_->messages(), 0, MessageListModel::LeftOutRole).toBool());
        QTRY_VERIFY(visibleIn(0, "messageStatus"));
        QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
            .setValue("generation/maxTokens", 24);
        QCOMPARE(chat_->messages()->count(), 6);
        QCOMPARE(cell(chat_->messages(), 1, MessageListModel::ProvenanceRole).toMap()["modelFile"],
                 QVariant("tiny-qwen3-Q8_0.gguf"));
        QCOMPARE(cell(chat_->messages(), 5, MessageListModel::ProvenanceRole).toMap()["modelFile"],
                 QVariant("tiny-llama-Q8_0.gguf"));
    }

    void searchOpensTheMessage() {
        const qint64 first = chat_->currentConversation();
        click(item("newChatButton"));
        QTRY_COMPARE(chat_->messages()->count(), 0);
        QTest::keyClick(window_, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(item("searchField")->hasActiveFocus());
        keys("short story");
        QTRY_VERIFY(item("searchResults")->isVisible());
        QTRY_COMPARE(item("searchResults")->property("count").toInt(), 1);
        QQuickItem* hit = nullptr;
        QTRY_VERIFY((hit = visibleChildOf(item("searchResults"), "modelData")) != nullptr);
        click(hit);
        QTRY_COMPARE(chat_->currentConversation(), first);
        QTRY_COMPARE(cell(chat_->messages(), 2, MessageListModel::ContentRole).toString(),
                     QString("Tell me a short story")); // the branch with the match is shown
        item("searchField")->setProperty("text", QString());
        QTRY_VERIFY(item("conversationList")->isVisible());
    }

    void deleteCanBeUndone() {
        const int shown = chat_->messages()->count();
        QTRY_VERIFY(item("conversationMenuButton") != nullptr);
        click(item("conversationMenuButton"));
        QQuickItem* remove = nullptr;
        QTRY_VERIFY((remove = item("deleteAction")) != nullptr);
        click(remove);
        QTRY_COMPARE(chat_->conversations()->count(), 0);
        QTRY_VERIFY(item("undoToast")->isVisible());
        QCOMPARE(chat_->messages()->count(), 0);
        click(item("undoDelete"));
        QTRY_COMPARE(chat_->conversations()->count(), 1);
        QVERIFY(!item("undoToast")->isVisible());
        QCOMPARE(chat_->messages()->count(), shown);
    }

    void everythingIsThereAfterARestart() {
        const qint64 conversation = chat_->currentConversation();
        const QString answer = chat_->lastAnswer();
        const int shown = chat_->messages()->count(); // the branch search opened
        QCOMPARE(shown, 4);
        close();
        open();
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QCOMPARE(chat_->models()->path(), kLlama); // the model used last
        QCOMPARE(chat_->conversations()->count(), 1);
        QTRY_VERIFY(visibleChildOf(item("conversationList"), "conversationId") != nullptr);
        click(visibleChildOf(item("conversationList"), "conversationId"));
        QTRY_COMPARE(chat_->currentConversation(), conversation);
        QCOMPARE(chat_->messages()->count(), shown);
        QCOMPARE(chat_->lastAnswer(), answer);
        QCOMPARE(cell(chat_->messages(), 2, MessageListModel::ContentRole).toString(),
                 QString("Tell me a short story"));
    }

private:
    void open() {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        connect(engine_.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError>& list) {
            for (const QQmlError& e : list) {
                warnings_ << e.toString();
            }
        });
        engine_->loadFromModule("Hearth.Ui", "Main");
        QCOMPARE(engine_->rootObjects().size(), 1);
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
        QVERIFY(window_);
        QVERIFY(QTest::qWaitForWindowExposed(window_));
        chat_ = engine_->singletonInstance<ChatController*>("Hearth.Core", "ChatController");
        hub_ = engine_->singletonInstance<ModelHub*>("Hearth.Core", "ModelHub");
        QVERIFY(chat_ && hub_);
    }

    void close() {
        engine_.reset();
        window_ = nullptr;
        chat_ = nullptr;
        hub_ = nullptr;
    }

    QQuickItem* item(const char* name) const {
        if (auto* found = window_->findChild<QQuickItem*>(name)) {
            return found;
        }
        return child(window_->contentItem(), name); // inside a delegate or a popup
    }

    // Every item below `root` in the visual tree (delegates of views are not QObject
    // children of the view, so findChildren does not see them).
    static QList<QQuickItem*> descendants(QQuickItem* root) {
        QList<QQuickItem*> all;
        for (QQuickItem* child : root->childItems()) {
            all << child << descendants(child);
        }
        return all;
    }

    // The visible delegate of the chat list at `index`.
    QQuickItem* row(int index) const {
        // Matched by message id too: a delegate waiting in the view's reuse pool keeps its
        // old index.
        const QVariant id = cell(chat_->messages(), index, MessageListModel::IdRole);
        for (QQuickItem* i : descendants(item("messageList"))) {
            if (i->isVisible() && i->property("siblingCount").isValid() &&
                i->property("index").toInt() == index && i->property("messageId") == id) {
                return i;
            }
        }
        return nullptr;
    }

    // The first visible item under `parent` that has the property `name` (a delegate).
    static QQuickItem* visibleChildOf(QQuickItem* parent, const char* name) {
        for (QQuickItem* i : descendants(parent)) {
            if (i->isVisible() && i->property(name).isValid()) {
                return i;
            }
        }
        return nullptr;
    }

    static QQuickItem* child(QQuickItem* parent, const char* name) {
        if (parent == nullptr) {
            return nullptr; // the row is not there (yet)
        }
        for (QQuickItem* i : descendants(parent)) {
            if (i->objectName() == QLatin1String(name)) {
                return i;
            }
        }
        return nullptr;
    }

    // The text of item `name` in the chat row `index`; empty while that row is not (yet)
    // shown, as between a row's removal and its replacement.
    QString textIn(int index, const char* name) const {
        QQuickItem* item = child(row(index), name);
        return item ? item->property("text").toString() : QString();
    }

    bool visibleIn(int index, const char* name) const {
        QQuickItem* item = child(row(index), name);
        return item && item->isVisible();
    }

    // Clicks item `name` of the chat row `index` once the row shows it.
    void clickIn(int index, const char* name) {
        QQuickItem* target = nullptr;
        QTRY_VERIFY((target = child(row(index), name)) != nullptr);
        click(target);
    }

    void click(QQuickItem* target) {
        QVERIFY(target);
        QTRY_VERIFY(target->isVisible() && target->isEnabled());
        QVERIFY(QQuickTest::qWaitForPolish(window_)); // positions are final after polish
        const QPointF centre = target->mapToScene({target->width() / 2, target->height() / 2});
        QTest::mouseClick(window_, Qt::LeftButton, {}, centre.toPoint());
    }

    void type(const QString& text) {
        QQuickItem* input = item("composerInput");
        input->forceActiveFocus();
        QTRY_VERIFY(input->hasActiveFocus());
        keys(text);
        QTRY_COMPARE(input->property("text").toString(), text);
    }

    // Types `text` as key presses into the focused item (QTest::keyClicks is for widgets).
    void keys(const QString& text) {
        for (const QChar c : text) {
            QTest::keyClick(window_, c.toLatin1());
        }
    }

    QTemporaryDir home_;
    QStringList warnings_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    ChatController* chat_ = nullptr;
    ModelHub* hub_ = nullptr;
};

QTEST_MAIN(TestChatWindow)
#include "tst_chat_window.moc"
