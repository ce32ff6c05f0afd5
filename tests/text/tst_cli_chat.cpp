// hearth-cli's chat mode end to end with the tiny models: the prompt fed for each turn is
// exactly the tokenization of the chat template's rendering of the conversation so far
// (the model's own template for tiny-qwen3, the reported ChatML fallback for the tiny llama,
// which has none), the KV cache is reused across turns, and end of input ends the chat.
#include "template_fixtures.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

struct Run {
    int exit_code = -1;
    QString out, err;
};

Run cli(const QStringList& args, const QByteArray& input, bool close_input = true) {
    QProcess p;
    p.start(HEARTH_CLI, args);
    p.write(input);
    if (close_input) {
        p.closeWriteChannel();
    }
    Run r;
    if (p.waitForFinished(120000)) {
        r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    } else {
        p.kill();
        p.waitForFinished();
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// What --verbose-prompt printed for one turn.
struct Turn {
    std::string prompt;
    std::vector<Token> tokens;
    size_t reused = 0, total = 0;
    QJsonObject reply;
};

std::optional<Turn> turn(const QString& err, int n) {
    const QString head = QString("hearth-cli: turn %1 ").arg(n);
    Turn t;
    int found = 0;
    for (const QString& line : err.split('\n')) {
        if (!line.startsWith(head)) {
            continue;
        }
        const QString rest = line.mid(head.size());
        if (rest.startsWith("prompt: ")) {
            const QJsonDocument doc = QJsonDocument::fromJson(("[" + rest.mid(8) + "]").toUtf8());
            t.prompt = to_std(doc.array()[0].toString());
            ++found;
        } else if (rest.startsWith("tokens: ")) {
            for (const QString& id : rest.mid(8).split(' ', Qt::SkipEmptyParts)) {
                t.tokens.push_back(Token(id.toInt()));
            }
            ++found;
        } else if (const auto m =
                       QRegularExpression("^reused (\\d+) of (\\d+) prompt tokens$").match(rest);
                   m.hasMatch()) {
            t.reused = m.captured(1).toULong();
            t.total = m.captured(2).toULong();
            ++found;
        } else if (rest.startsWith("reply: ")) {
            t.reply = QJsonDocument::fromJson(rest.mid(7).toUtf8()).object();
            ++found;
        }
    }
    return found == 4 ? std::optional<Turn>(t) : std::nullopt;
}

QString tiny(const char* file) {
    return QStringLiteral(HEARTH_MODELS_DIR "/tiny/") + file;
}

} // namespace

class TestCliChat : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(tiny("tiny-qwen3-Q8_0.gguf")) ||
            !QFile::exists(tiny("tiny-llama-Q8_0.gguf"))) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
    }

    // Two turns each: the tokens fed equal the library's rendering and tokenization of the
    // conversation, with the reply the CLI kept; turn 2 starts from the cached first turn.
    void twoTurnsThroughTheTemplate_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("format_line");
        QTest::newRow("qwen3 template") << "tiny-qwen3-Q8_0.gguf"
                                        << "chat format: the model's own template";
        QTest::newRow("llama fallback")
            << "tiny-llama-Q8_0.gguf"
            << "chat format: built-in ChatML (the model has no chat template)";
    }

    void twoTurnsThroughTheTemplate() {
        QFETCH(QString, model);
        QFETCH(QString, format_line);
        const Run r = cli({"--model", tiny(qPrintable(model)), "--temp", "0", "-n", "6", "-t", "2",
                           "--system", "Be brief.", "-p", "Hello there", "-i", "--verbose-prompt"},
                          "\nWhat now? Ünïcode ✓\n");
        QVERIFY2(r.exit_code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(format_line), qPrintable(r.err));
        const std::optional<Turn> t1 = turn(r.err, 1), t2 = turn(r.err, 2);
        QVERIFY2(t1 && t2, qPrintable(r.err));
        QVERIFY(!turn(r.err, 3)); // the empty line is not a turn

        Result<gguf::File> file = gguf::File::open(to_std(tiny(qPrintable(model))));
        QVERIFY(file.ok());
        Result<Tokenizer> tokenizer = Tokenizer::load(*file);
        QVERIFY(tokenizer.ok());
        const ChatTemplate tmpl = ChatTemplate::from_gguf(*file, *tokenizer);
        ChatRenderOptions options;
        options.enable_thinking = true;
        std::vector<ChatMessage> messages = {{"system", "Be brief.", ""},
                                             {"user", "Hello there", ""}};
        const auto check = [&](const Turn& t) {
            const RenderedChat chat = tmpl.render(messages, options);
            QCOMPARE(QString::fromStdString(t.prompt), QString::fromStdString(chat.text));
            QCOMPARE(t.tokens, tokenizer->encode(chat.text, tokenizer->add_bos_by_default(), true));
            QCOMPARE(t.total, t.tokens.size());
        };
        check(*t1);
        QCOMPARE(t1->reused, size_t(0));
        messages.push_back({"assistant", to_std(t1->reply["content"].toString()),
                            to_std(t1->reply["reasoning_content"].toString())});
        messages.push_back({"user", "What now? Ünïcode ✓", ""});
        check(*t2);
        QVERIFY2(t2->reused >= t1->tokens.size() && t2->reused < t2->tokens.size(),
                 qPrintable(
                     QString("reused %1, first prompt %2").arg(t2->reused).arg(t1->tokens.size())));
        // The replies are what stdout shows, one per turn (thinking would add quoted lines).
        QVERIFY(t1->reply["reasoning_content"].toString().isEmpty() &&
                t2->reply["reasoning_content"].toString().isEmpty());
        QCOMPARE(r.out,
                 t1->reply["content"].toString() + "\n" + t2->reply["content"].toString() + "\n");
    }

    void endOfInputAtOnce() {
        const Run r = cli({"--model", tiny("tiny-qwen3-Q8_0.gguf"), "-i", "-t", "2"}, "");
        QCOMPARE(r.exit_code, 0);
        QCOMPARE(r.out, QString());
        QVERIFY2(!r.err.contains("turn 1"), qPrintable(r.err));
    }

    // Without -i, --prompt is one turn: stdin is never read (here it stays open).
    void singleTurnDoesNotReadStdin() {
        const Run r = cli({"--model", tiny("tiny-qwen3-Q8_0.gguf"), "-p", "Hi", "-n", "3", "-t",
                           "2", "--temp", "0"},
                          "", false);
        QVERIFY2(r.exit_code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("turn 1: prompt tokens:") && !r.err.contains("turn 2"),
                 qPrintable(r.err));
    }

    // --reasoning-effort: low, medium or high exactly; other values are refused with the
    // reason, and a model whose template has no reasoning effort says it is ignored.
    void reasoningEffortOption() {
        const QString model = tiny("tiny-qwen3-Q8_0.gguf");
        for (const char* bad : {"max", "High", ""}) {
            const Run r = cli({"--model", model, "-p", "Hi", "--reasoning-effort", bad}, "");
            QCOMPARE(r.exit_code, 2);
            QVERIFY2(r.err.contains(QStringLiteral("--reasoning-effort: must be low, medium or "
                                                   "high, not ") +
                                    QLatin1String(bad)),
                     qPrintable(r.err));
        }
        const Run missing = cli({"--model", model, "-p", "Hi", "--reasoning-effort"}, "");
        QCOMPARE(missing.exit_code, 2);
        QVERIFY2(missing.err.contains("--reasoning-effort: needs a value"),
                 qPrintable(missing.err));
        const Run help = cli({"--help"}, "");
        QVERIFY((help.out + help.err).contains("--reasoning-effort low|medium|high"));
        for (const char* effort : {"low", "medium", "high"}) {
            const Run r = cli({"--model", model, "-p", "Hi", "-n", "2", "-t", "2", "--temp", "0",
                               "--reasoning-effort", effort},
                              "");
            QVERIFY2(r.exit_code == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains("--reasoning-effort is ignored"), qPrintable(r.err));
        }
    }

    void promptOrInteractiveRequired() {
        const Run r = cli({"--model", tiny("tiny-qwen3-Q8_0.gguf")}, "");
        QCOMPARE(r.exit_code, 2);
        QVERIFY(r.err.contains("--prompt is required"));
    }
};

QTEST_GUILESS_MAIN(TestCliChat)
#include "tst_cli_chat.moc"
