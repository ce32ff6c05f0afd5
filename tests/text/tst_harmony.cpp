// HarmonyParser (gpt-oss's channels): thinking, answer and tool-call notes from streamed
// output, whatever the piece boundaries (every split into two and three pieces, byte by
// byte); ReplySplitter's choice between harmony and reasoning tags by the chat template.
#include "template_fixtures.h"
#include "text/chat_template.h"
#include "text/harmony.h"
#include "text/reply_splitter.h"

#include <QTest>

using namespace hearth;
using namespace hearth::test;

namespace {

struct Split {
    std::string thinking, answer;
};

std::string note(std::string_view tool) {
    return "[tool " + std::string(tool) + "]";
}

Split run(const std::vector<std::string>& pieces) {
    HarmonyParser parser(note);
    Split out;
    for (const std::string& p : pieces) {
        const ReasoningDelta d = parser.push(p);
        out.thinking += d.thinking;
        out.answer += d.answer;
    }
    const ReasoningDelta d = parser.finish();
    out.thinking += d.thinking;
    out.answer += d.answer;
    return out;
}

// A recorded gpt-oss reply (after the generation prompt "<|start|>assistant"), as the
// detokenizer prints it: the harmony control tokens as text, the stop token <|return|> not
// at all.
const std::string kRecorded =
    "<|channel|>analysis<|message|>The user asks: \"What is 2 + 2?\" Simple arithmetic: 4. "
    "Answer briefly.<|end|><|start|>assistant<|channel|>final<|message|>2 + 2 = **4**.";

} // namespace

class TestHarmony : public QObject {
    Q_OBJECT

private slots:
    void parses_data() {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("thinking");
        QTest::addColumn<QString>("answer");
        QTest::newRow("recorded") << QString::fromStdString(kRecorded)
                                  << "The user asks: \"What is 2 + 2?\" Simple arithmetic: 4. "
                                     "Answer briefly."
                                  << "2 + 2 = **4**.";
        QTest::newRow("return ends")
            << "<|channel|>analysis<|message|>a<|end|><|start|>assistant<|channel|>final"
               "<|message|>b<|return|><|start|>assistant<|channel|>final<|message|>ignored"
            << "a" << "b";
        QTest::newRow("no final: ends after analysis")
            << "<|channel|>analysis<|message|>Still thinking.<|end|>" << "Still thinking." << "";
        QTest::newRow("cut off in analysis")
            << "<|channel|>analysis<|message|>Half a thou" << "Half a thou" << "";
        QTest::newRow("cut off in a header")
            << "<|channel|>analysis<|message|>x<|end|><|start|>assistant<|chan" << "x" << "";
        QTest::newRow("cut off in final")
            << "<|channel|>analysis<|message|>x<|end|><|start|>assistant<|channel|>final"
               "<|message|>The ans"
            << "x" << "The ans";
        QTest::newRow("final only") << "<|channel|>final<|message|>Hi!" << "" << "Hi!";
        QTest::newRow("tool call")
            << "<|channel|>analysis<|message|>Need the weather.<|end|><|start|>assistant"
               "<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>"
               "{\"city\":\"Berlin\"}<|call|>"
            << "Need the weather." << "[tool get_weather]";
        QTest::newRow("recipient before channel")
            << "<|channel|>analysis<|message|>Look it up.<|end|><|start|>assistant "
               "to=functions.lookup<|channel|>commentary json<|message|>{}<|call|>"
            << "Look it up." << "[tool lookup]";
        QTest::newRow("tool in analysis")
            << "<|channel|>analysis to=python<|message|>print(1)<|call|>" << "" << "[tool python]";
        QTest::newRow("preamble then final")
            << "<|channel|>commentary<|message|>Let me check.<|end|><|start|>assistant"
               "<|channel|>final<|message|>Done."
            << "" << "[tool ]\n\nDone.";
        QTest::newRow("analysis messages joined")
            << "<|channel|>analysis<|message|>One.<|end|><|start|>assistant<|channel|>analysis"
               "<|message|>Two.<|end|><|start|>assistant<|channel|>final<|message|>Three."
            << "One.\n\nTwo." << "Three.";
        QTest::newRow("whitespace trimmed")
            << "<|channel|>analysis<|message|>\n  think  \n<|end|>\n<|start|>assistant"
               "<|channel|>final<|message|>\n answer \n"
            << "think" << "answer";
        QTest::newRow("inner whitespace kept")
            << "<|channel|>analysis<|message|>a \n b<|end|>" << "a \n b" << "";
        QTest::newRow("plain text") << "Hello there, no markup." << ""
                                    << "Hello there, no markup.";
        QTest::newRow("lookalike markers")
            << "<|channel|>final<|message|>a <|en b <| c <|start" << "" << "a <|en b <| c <|start";
        QTest::newRow("non-ascii")
            << "<|channel|>analysis<|message|>日本 😀<|end|><|start|>assistant<|channel|>final"
               "<|message|>答え ✓"
            << "日本 😀" << "答え ✓";
        QTest::newRow("nothing") << "" << "" << "";
    }

    // Whole, byte by byte, and at every split into two and three pieces.
    void parses() {
        QFETCH(QString, output);
        QFETCH(QString, thinking);
        QFETCH(QString, answer);
        const std::string text = output.toStdString();
        const auto check = [&](const std::vector<std::string>& pieces, const char* how) {
            const Split s = run(pieces);
            if (s.thinking != thinking.toStdString() || s.answer != answer.toStdString()) {
                QString pieces_text;
                for (const std::string& p : pieces) {
                    pieces_text += QStringLiteral("[%1]").arg(QString::fromStdString(p));
                }
                QFAIL(qPrintable(QStringLiteral("%1 %2: thinking '%3' answer '%4'")
                                     .arg(QLatin1String(how), pieces_text,
                                          QString::fromStdString(s.thinking),
                                          QString::fromStdString(s.answer))));
            }
        };
        check({text}, "whole");
        std::vector<std::string> bytes;
        for (char c : text) {
            bytes.emplace_back(1, c);
        }
        check(bytes, "bytes");
        for (size_t i = 0; i <= text.size(); ++i) {
            check({text.substr(0, i), text.substr(i)}, "two");
            for (size_t j = i; j <= text.size(); j += 3) {
                check({text.substr(0, i), text.substr(i, j - i), text.substr(j)}, "three");
            }
        }
    }

    // Nothing is shown before it is certain: a marker's first bytes wait for the next piece.
    void holdsBackPartialMarkers() {
        HarmonyParser p;
        ReasoningDelta d = p.push("<|channel|>analysis<|message|>abc<|e");
        QCOMPARE(d.thinking, std::string("abc"));
        QVERIFY(p.thinking());
        d = p.push("nd|><|start|>assistant<|channel|>final<|message|>x");
        QCOMPARE(d.thinking, std::string());
        QCOMPARE(d.answer, std::string("x"));
        QVERIFY(!p.thinking());
    }

    // Without a note function a tool call leaves nothing; finish() starts anew.
    void noNoteAndReset() {
        HarmonyParser p;
        ReasoningDelta d = p.push("<|channel|>commentary to=functions.f<|message|>{}<|call|>");
        QCOMPARE(d.answer, std::string());
        d = p.finish();
        QCOMPARE(d.answer, std::string());
        d = p.push("<|channel|>final<|message|>again");
        QCOMPARE(d.answer, std::string("again"));
    }

    // The official gpt-oss template (and a gpt-oss vocabulary) select harmony; others tags.
    void templateChoosesTheFormat() {
        const std::optional<std::string> harmony =
            read_text(templates_dir() + QStringLiteral("/openai-gpt-oss-120b.jinja"));
        const std::optional<std::string> qwen =
            read_text(templates_dir() + QStringLiteral("/Qwen-Qwen3-0.6B.jinja"));
        QVERIFY(harmony && qwen);
        const ChatTemplate oss = ChatTemplate::from_source(*harmony, "<|startoftext|>", "");
        QVERIFY(oss.reply_format() == ReplyFormat::Harmony);
        QVERIFY(oss.takes_reasoning_effort());
        const ChatTemplate q = ChatTemplate::from_source(*qwen, "", "<|im_end|>");
        QVERIFY(q.reply_format() == ReplyFormat::ThinkTags);
        QVERIFY(!q.takes_reasoning_effort());

        ReplySplitter a = oss.reply_splitter(ThinkingStart::MayOpen, note);
        ReasoningDelta d = a.push(kRecorded);
        QCOMPARE(d.answer, std::string("2 + 2 = **4**."));
        ReplySplitter b = q.reply_splitter(ThinkingStart::MayOpen);
        d = b.push("<think>r</think>a");
        QCOMPARE(d.thinking, std::string("r"));
        QCOMPARE(d.answer, std::string("a"));
    }

    // The template's reasoning effort, the system prompt as the developer message, past
    // thinking never given back.
    void renderedPrompt() {
        const std::optional<std::string> source =
            read_text(templates_dir() + QStringLiteral("/openai-gpt-oss-120b.jinja"));
        QVERIFY(source);
        const ChatTemplate oss = ChatTemplate::from_source(*source, "<|startoftext|>", "");
        const std::vector<ChatMessage> messages = {{"system", "Be brief.", ""},
                                                   {"user", "2+2?", ""},
                                                   {"assistant", "4.", "SECRET CHAIN OF THOUGHT"},
                                                   {"user", "Times 3?", ""}};
        ChatRenderOptions options;
        options.clock = golden_time;
        const RenderedChat medium = oss.render(messages, options);
        QVERIFY(medium.format == ChatFormat::Template);
        QVERIFY(medium.text.find("Reasoning: medium\n") != std::string::npos);
        QVERIFY(medium.text.find("<|start|>developer<|message|># Instructions\n\nBe brief.") !=
                std::string::npos);
        QVERIFY(medium.text.find("<|start|>assistant<|channel|>final<|message|>4.<|end|>") !=
                std::string::npos);
        QVERIFY(medium.text.find("SECRET") == std::string::npos);
        QVERIFY(medium.text.ends_with("<|start|>assistant"));
        for (ReasoningEffort e : {ReasoningEffort::Low, ReasoningEffort::High}) {
            options.reasoning_effort = e;
            const RenderedChat r = oss.render(messages, options);
            QVERIFY(r.text.find("Reasoning: " + std::string(reasoning_effort_name(e)) + "\n") !=
                    std::string::npos);
        }
    }

    void effortNames() {
        QVERIFY(parse_reasoning_effort("low") == ReasoningEffort::Low);
        QVERIFY(parse_reasoning_effort("medium") == ReasoningEffort::Medium);
        QVERIFY(parse_reasoning_effort("high") == ReasoningEffort::High);
        QVERIFY(!parse_reasoning_effort("High"));
        QVERIFY(!parse_reasoning_effort(""));
        QVERIFY(!parse_reasoning_effort("max"));
    }
};

QTEST_GUILESS_MAIN(TestHarmony)
#include "tst_harmony.moc"
