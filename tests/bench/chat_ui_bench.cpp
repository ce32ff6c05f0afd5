// Chat window benchmark (issue 8): what a user feels, measured on the real window.
//
//   chat_ui_bench [--app PATH] [--tokens N] [--messages N] [--runs N]
//
// 1. Cold start: `hearth --first-frame` run --runs times (default 3) as a new process each;
//    its own report of the first frame, and the process's wall time.
// 2. Streaming: an answer of --tokens (default 2000) Markdown tokens (prose, lists, code)
//    appended the way the worker delivers them, one update every 33 ms (4 tokens each, i.e.
//    120 tokens/s), with the window following the end. For each update, the time from
//    handing the text to the model until the frame showing it is on screen (GUI-thread work:
//    block splitting, layout, highlighting, rendering), as p50, p99 and max. Baseline in the
//    same run: the same number of frames with nothing changed (a bare repaint).
// 3. Memory: the resident set before and after opening a conversation of --messages
//    (default 10000) messages, and how long opening it takes until the next frame. Baseline:
//    the same for a conversation of 2 messages.
//
// Prints one JSON object on stdout; never fails on timing.
#include "chatcontroller.h"
#include "conversationstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> v) {
    if (v.empty()) {
        return {};
    }
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    return {at(0.5), at(0.99), v.back()};
}

double rssMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return -1;
}

// Tokens of a long, realistic answer: paragraphs, a list and a code block, repeated.
QStringList answerTokens(int count) {
    const QString unit = QStringLiteral(
        "Here is how the parts fit together . The reader takes the file , checks the header "
        "and then maps each tensor .\n\n- First , open the file .\n- Then , read the keys .\n"
        "- Finally , check the sizes .\n\n```cpp\nint add ( int a , int b ) {\n    return a + "
        "b ;\n}\n```\n\n");
    const QStringList words = unit.split(QLatin1Char(' '));
    QStringList tokens;
    for (int i = 0; tokens.size() < count; ++i) {
        tokens << words[i % words.size()] + QLatin1Char(' ');
    }
    return tokens;
}

// Counts the window's frames, to wait for the one that shows a change.
class FrameCounter {
public:
    explicit FrameCounter(QQuickWindow* window) : window_(window) {
        QObject::connect(window, &QQuickWindow::frameSwapped, window, [this] { ++frames_; });
    }

    // Runs `change`, then waits for the frame that shows it; returns the milliseconds.
    double frameAfter(const std::function<void()>& change) {
        const int before = frames_;
        QElapsedTimer t;
        t.start();
        change();
        window_->update();
        if (!QTest::qWaitFor([&] { return frames_ > before; }, 5000)) {
            return -1;
        }
        return double(t.nsecsElapsed()) / 1e6;
    }

private:
    QQuickWindow* window_;
    int frames_ = 0;
};

QJsonObject json(const Percentiles& p) {
    return {{"p50_ms", p.p50}, {"p99_ms", p.p99}, {"max_ms", p.max}};
}

QJsonObject coldStart(const QString& app, int runs) {
    std::vector<double> first_frame, process;
    for (int i = 0; i < runs; ++i) {
        QProcess hearth;
        QElapsedTimer t;
        t.start();
        hearth.start(app, {QStringLiteral("--first-frame")});
        if (!hearth.waitForFinished(60000) || hearth.exitCode() != 0) {
            return {{"error", QString::fromUtf8(hearth.readAllStandardError())}};
        }
        process.push_back(double(t.elapsed()));
        // "first frame after 177 ms"
        const QByteArray out = hearth.readAllStandardOutput();
        first_frame.push_back(
            out.mid(out.indexOf("after") + 5).trimmed().split(' ').first().toDouble());
    }
    return {{"first_frame", json(percentiles(first_frame))},
            {"process_until_quit", json(percentiles(process))}};
}

QJsonObject streaming(FrameCounter& frames, ChatController* chat, int count) {
    chat->newChat();
    MessageListModel* messages = chat->messages();
    std::vector<double> idle, stream;
    for (int i = 0; i < count / 4; ++i) {
        idle.push_back(frames.frameAfter([] {}));
    }
    messages->appendPending();
    const QStringList tokens = answerTokens(count);
    QElapsedTimer pace;
    pace.start();
    for (int i = 0; i < tokens.size(); i += 4) {
        // One update per 33 ms, as the worker batches them.
        QTest::qWait(int(std::max<qint64>(0, 33 * (i / 4) - pace.elapsed())));
        const QString delta = tokens.mid(i, 4).join(QString());
        stream.push_back(frames.frameAfter([&] { messages->appendToLast({}, delta); }));
    }
    return {{"tokens", count},
            {"updates", int(stream.size())},
            {"update_to_frame", json(percentiles(stream))},
            {"baseline_bare_frame", json(percentiles(idle))}};
}

QJsonObject opening(FrameCounter& frames, ChatController* chat, qint64 conversation) {
    chat->newChat();
    (void)frames.frameAfter([] {});
    const double before = rssMiB();
    const double ms = frames.frameAfter([&] { chat->openConversation(conversation); });
    (void)frames.frameAfter([] {}); // let the view settle at the end
    return {{"messages", chat->messages()->count()},
            {"open_to_frame_ms", ms},
            {"rss_before_mib", before},
            {"rss_after_mib", rssMiB()},
            {"rss_added_mib", rssMiB() - before}};
}

// Writes a conversation of `count` messages (alternating question and answer, each a few
// lines of Markdown) and returns its id.
qint64 makeConversation(hearth::storage::ConversationStore& store, int count) {
    auto c = store.create_conversation({"Long conversation"});
    std::optional<int64_t> parent;
    for (int i = 0; i < count; ++i) {
        const bool user = i % 2 == 0;
        const std::string text =
            user ? "Question " + std::to_string(i) + ": how does this part work?"
                 : "Answer " + std::to_string(i) +
                       ": it reads the header first.\n\n- one\n- two\n\n```cpp\nint x = " +
                       std::to_string(i) + ";\n```\n";
        auto m = store.add_message(
            c->id, parent, user ? hearth::storage::Role::User : hearth::storage::Role::Assistant,
            text);
        parent = m->id;
    }
    return c->id;
}

int value(const QStringList& args, const QString& name, int fallback) {
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

} // namespace

int main(int argc, char** argv) {
    QTemporaryDir home;
    for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
        qputenv(name, QFile::encodeName(home.filePath(QString::fromLatin1(name))));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qputenv("QT_QUICK_BACKEND", "software");
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Hearth"));
    const QStringList args = app.arguments();
    const int tokens = value(args, "--tokens", 2000);
    const int count = value(args, "--messages", 10000);
    const int runs = value(args, "--runs", 3);
    const qsizetype appAt = args.indexOf("--app");

    QJsonObject result;
    if (appAt >= 0 && appAt + 1 < args.size()) {
        result["cold_start"] = coldStart(args[appAt + 1], runs);
    }

    QDir().mkpath(home.filePath("XDG_DATA_HOME/Hearth"));
    qint64 large = 0, small = 0;
    {
        auto store = hearth::storage::ConversationStore::open(
            home.filePath("XDG_DATA_HOME/Hearth/conversations.db").toStdString());
        if (!store) {
            std::fprintf(stderr, "chat_ui_bench: %s\n", store.error().message.c_str());
            return 1;
        }
        small = makeConversation(*store, 2);
        large = makeConversation(*store, count);
    }

    QQmlApplicationEngine engine;
    engine.loadFromModule("Hearth.Ui", "Main");
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
    auto* chat = engine.singletonInstance<ChatController*>("Hearth.Core", "ChatController");
    if (window == nullptr || chat == nullptr || !QTest::qWaitForWindowExposed(window)) {
        std::fprintf(stderr, "chat_ui_bench: the window did not open\n");
        return 1;
    }
    FrameCounter frames(window);
    result["streaming"] = streaming(frames, chat, tokens);
    result["open_small"] = opening(frames, chat, small);
    result["open_large"] = opening(frames, chat, large);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
