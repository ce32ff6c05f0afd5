// Read aloud in the real window (offscreen, flite; where there is no audio device the engine
// fails to play: then it is given up and the buttons go away by themselves): the
// button on an answer reads it without its code, in its language, turns into Stop, and
// stops with Esc or a second press, all from the keyboard; one answer speaks at a time;
// without a speech engine the button is not there. No step may hang.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "readaloud.h"
#include "windowtest.h"

#include <QTextToSpeech>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString kAnswer =
    QStringLiteral("Here is **the code**:\n\n```python\nprint('hello')\n```\n\nThat is all for the "
                   "[manual](https://example.org).");
const QString kChinese = QStringLiteral("这是一个简单的答案。\n\n```\nx = 1\n```");

} // namespace

class TestReadAloud : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QTextToSpeech::availableEngines().contains(QStringLiteral("flite"))) {
            QSKIP("the flite speech engine is not installed");
        }
        {
            const QTextToSpeech probe(QStringLiteral("flite"));
            audio_ = probe.errorReason() == QTextToSpeech::ErrorReason::NoError;
        }
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        auto store = hearth::storage::ConversationStore::open(
            (AppInfo::dataLocation() + "/conversations.db").toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"Greetings"});
        QVERIFY(c);
        qint64 parent = 0;
        for (const QString& answer : {kAnswer, kChinese}) {
            auto q = store->add_message(c->id,
                                        parent > 0 ? std::optional<int64_t>(parent) : std::nullopt,
                                        hearth::storage::Role::User, "Say something");
            QVERIFY(q);
            auto a = store->add_message(c->id, q->id, hearth::storage::Role::Assistant,
                                        answer.toStdString());
            QVERIFY(a);
            answers_ << a->id;
            parent = a->id;
        }
        conversation_ = c->id;
        qputenv("HEARTH_SPEECH_ENGINE", "flite");
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        reader_ = w_.singleton<ReadAloud>("Hearth.Core", "ReadAloud");
        w_.window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(w_.window()));
        chat_->openConversation(conversation_);
    }

    // (The window is never closed: Qt 6.8's flite plugin can crash when destroyed while its
    // thread still synthesises (seen here without an audio device), so it lives until the
    // process ends.)

    void cleanup() {
        if (reader_ != nullptr) {
            reader_->stop();
            // flite ends the phrase it plays (it cannot be stopped safely); the window may
            // close only after that.
            QTRY_VERIFY_WITH_TIMEOUT(!reader_->busy(), 20000);
        }
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    // Space on the focused button reads the first answer: its words without the code, in
    // English; the button turns into Stop while it speaks; Esc stops it.
    void theButtonReadsAnAnswerAndEscStopsIt() {
        QTRY_VERIFY(reader_->available());
        QCOMPARE(reader_->engine(), QStringLiteral("flite"));
        QQuickItem* button = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((button = w_.item("readAloud")) != nullptr && button->isVisible(),
                                 10000);
        QCOMPARE(button->property("tip").toString(), QStringLiteral("Read aloud"));
        button->forceActiveFocus(Qt::TabFocusReason);
        w_.key(Qt::Key_Space);
        QCOMPARE(reader_->lastText(),
                 QStringLiteral("Here is the code:\nCode omitted.\nThat is all for the manual."));
        QCOMPARE(reader_->lastLanguage(), QStringLiteral("en"));
        // Either it speaks (then the button says Stop until Esc) or the engine could not
        // play (no audio device): then it is given up and the buttons go away.
        if (reader_->speakingId() == answers_[0]) {
            QCOMPARE(button->property("tip").toString(), QStringLiteral("Stop reading"));
            w_.key(Qt::Key_Escape);
            QTRY_COMPARE_WITH_TIMEOUT(reader_->speakingId(), qint64(0), 10000);
            QTRY_COMPARE(button->property("tip").toString(), QStringLiteral("Read aloud"));
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!reader_->available(), 10000);
            QCOMPARE(reader_->speakingId(), qint64(0));
            QTRY_VERIFY(!w_.shows("readAloud"));
        }
    }

    // The same button stops what it started; another answer's button takes over (one
    // answer speaks at a time), in that answer's language.
    void oneAnswerAtATime() {
        // Qt 6.8's flite, asked for more after it failed to play, crashes in its thread.
        if (!audio_ || !reader_->available()) {
            QSKIP("flite cannot play here (no audio device)");
        }
        reader_->toggle(answers_[0], kAnswer);
        const bool speaks = reader_->speakingId() == answers_[0];
        reader_->toggle(answers_[1], kChinese);
        QCOMPARE(reader_->lastLanguage(), QStringLiteral("zh"));
        QCOMPARE(reader_->lastText(), QStringLiteral("这是一个简单的答案。\nCode omitted."));
        QVERIFY(reader_->speakingId() == answers_[1] || reader_->speakingId() == 0);
        if (speaks && reader_->speakingId() == answers_[1]) {
            reader_->toggle(answers_[1], kChinese); // the same button again: stop
            QCOMPARE(reader_->speakingId(), qint64(0));
        }
        QTRY_COMPARE_WITH_TIMEOUT(reader_->speakingId(), qint64(0), 10000);
    }

    // Without any speech engine the answers carry no read-aloud button (and nothing fails):
    // a second window whose QML engine found no speech engine.
    void withoutAnEngineTheButtonIsHidden() {
        qputenv("HEARTH_SPEECH_ENGINE", "none");
        WindowTest plain;
        QVERIFY(plain.open());
        auto* chat = plain.singleton<ChatController>("Hearth.Core", "ChatController");
        auto* reader = plain.singleton<ReadAloud>("Hearth.Core", "ReadAloud");
        chat->openConversation(conversation_);
        QTRY_VERIFY(plain.shows("copyMessage"));
        QTest::qWait(200); // the engine is chosen on a later turn of the event loop
        QVERIFY(!reader->available());
        QVERIFY(plain.item("readAloud") != nullptr);
        QVERIFY(!plain.shows("readAloud"));
        reader->toggle(answers_[0], kAnswer); // a stray call does nothing
        QCOMPARE(reader->speakingId(), qint64(0));
        QVERIFY(plain.takeWarnings().isEmpty());
        plain.close();
    }

private:
    QTemporaryDir home_;
    WindowTest& w_ = *new WindowTest; // never deleted: see initTestCase's end
    ChatController* chat_ = nullptr;
    ReadAloud* reader_ = nullptr;
    qint64 conversation_ = 0;
    QList<qint64> answers_;
    bool audio_ = false; // flite found an audio device
};

QTEST_MAIN(TestReadAloud)
#include "tst_read_aloud.moc"
