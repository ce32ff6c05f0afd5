// ReasoningSplitter: thinking and answer from streamed output, whatever the piece
// boundaries (every split into two and three pieces, and byte by byte).
#include "text/reasoning.h"

#include <QTest>

using namespace hearth;

namespace {

struct Split {
    std::string thinking, answer;
};

Split run(ThinkingStart start, const std::vector<std::string>& pieces,
          const ReasoningTags& tags = {}) {
    ReasoningSplitter splitter(start, tags);
    Split out;
    for (const std::string& p : pieces) {
        const ReasoningDelta d = splitter.push(p);
        out.thinking += d.thinking;
        out.answer += d.answer;
    }
    const ReasoningDelta d = splitter.finish();
    out.thinking += d.thinking;
    out.answer += d.answer;
    return out;
}

} // namespace

class TestReasoning : public QObject {
    Q_OBJECT

private slots:
    void splits_data() {
        QTest::addColumn<int>("start");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("thinking");
        QTest::addColumn<QString>("answer");
        const int may = int(ThinkingStart::MayOpen), inside = int(ThinkingStart::Inside),
                  closed = int(ThinkingStart::Closed);
        QTest::newRow("qwen3 thinks") << may << "<think>\nI reason.\n</think>\n\nThe answer."
                                      << "I reason." << "The answer.";
        QTest::newRow("no think block") << may << "Just an answer <think> later is text"
                                        << "" << "Just an answer <think> later is text";
        QTest::newRow("space before tag") << may << "  \n<think>x</think>y" << "x" << "y";
        QTest::newRow("r1 starts inside") << inside << "Let me see.\n</think>\n\nFour."
                                          << "Let me see." << "Four.";
        QTest::newRow("never closed") << inside << "still thinking\n" << "still thinking" << "";
        QTest::newRow("closed in prompt") << closed << "<think>not thinking</think> x" << ""
                                          << "<think>not thinking</think> x";
        QTest::newRow("partial open tag") << may << "<thi" << "" << "<thi";
        QTest::newRow("lookalike tags") << may << "<think>a < b </thinking> c</think>d"
                                        << "a < b </thinking> c" << "d";
        QTest::newRow("empty answer") << inside << "x</think>" << "x" << "";
        QTest::newRow("non-ascii")
            << may << "<think>日本 😀\n</think>答え ✓" << "日本 😀" << "答え ✓";
        QTest::newRow("nothing") << may << "" << "" << "";
        QTest::newRow("empty thinking") << may << "<think>\n\n</think>\n\nHi" << "" << "Hi";
        QTest::newRow("partial close at end") << inside << "a \n</th" << "a \n</th" << "";
        QTest::newRow("second block is answer") << may << "<think>a</think>b<think>c</think>"
                                                << "a" << "b<think>c</think>";
        QTest::newRow("inner spaces kept") << inside << "one\n\ntwo  \n</think>  three\n\nfour "
                                           << "one\n\ntwo" << "three\n\nfour ";
    }

    void splits() { check_every_split(ReasoningTags{}); }

    // Other models' markup: Seed-OSS (budget notes hidden), Hunyuan (answer wrapper dropped),
    // Ministral 3 reasoning ([THINK]); the markers of their templates choose the tags.
    void splitsOtherMarkup_data() {
        QTest::addColumn<QString>("markers");
        QTest::addColumn<int>("start");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("thinking");
        QTest::addColumn<QString>("answer");
        const int may = int(ThinkingStart::MayOpen), closed = int(ThinkingStart::Closed);
        const QString seed = "<seed:think>", hy = "<｜hy_Assistant｜>", mistral = "[THINK]";
        QTest::newRow("seed thinks")
            << seed << may
            << "<seed:think>Add them.\n<seed:cot_budget_reflect>I have used 3 tokens, and "
               "there are 509 tokens remaining.</seed:cot_budget_reflect>\nTwo and two is "
               "four.</seed:think>\n\n2 + 2 = 4."
            << "Add them.\nTwo and two is four." << "2 + 2 = 4.";
        QTest::newRow("seed note unfinished")
            << seed << may << "<seed:think>a <seed:cot_budget_reflect>I have used" << "a" << "";
        QTest::newRow("seed budget zero") << seed << closed << "Four." << "" << "Four.";
        QTest::newRow("seed plain think is text")
            << seed << may << "<think>x</think>y" << "" << "<think>x</think>y";
        QTest::newRow("hunyuan thinks")
            << hy << may << "<think>\nSum.\n</think>\n<answer>\n2 + 2 = 4.\n</answer>"
            << "Sum." << "2 + 2 = 4.";
        QTest::newRow("hunyuan fast mode")
            << hy << closed << "<answer>\nFour.\n</answer>" << "" << "Four.";
        QTest::newRow("hunyuan answer unfinished")
            << hy << closed << "<answer>Fo  ur  " << "" << "Fo  ur  ";
        QTest::newRow("hunyuan keeps inner text")
            << hy << closed << "<answer>a <b> c\n\nd</answer>" << "" << "a <b> c\n\nd";
        QTest::newRow("ministral thinks")
            << mistral << may << "[THINK]Sum.[/THINK]Four." << "Sum." << "Four.";
    }

    void splitsOtherMarkup() {
        QFETCH(QString, markers);
        check_every_split(ReasoningTags::for_markers(markers.toStdString()));
    }

    void tagsFromMarkers() {
        QCOMPARE(ReasoningTags::for_markers("{{ '<seed:think>' }}").hidden_open,
                 std::string("<seed:cot_budget_reflect>"));
        QCOMPARE(ReasoningTags::for_markers("<｜hy_Assistant｜>").answer_close,
                 std::string("</answer>"));
        QCOMPARE(ReasoningTags::for_markers("{{- '<|extra_0|>' }}").answer_open,
                 std::string("<answer>"));
        QCOMPARE(ReasoningTags::for_markers("[INST][THINK]").close, std::string("[/THINK]"));
        const ReasoningTags plain = ReasoningTags::for_markers("<|im_start|>");
        QCOMPARE(plain.open, std::string("<think>"));
        QCOMPARE(plain.texts(), (std::vector<std::string>{"<think>", "</think>"}));
    }

private:
    void check_every_split(const ReasoningTags& tags) {
        QFETCH(int, start);
        QFETCH(QString, output);
        QFETCH(QString, thinking);
        QFETCH(QString, answer);
        const std::string text = output.toStdString();
        const auto check = [&](const std::vector<std::string>& pieces, const char* how) {
            const Split s = run(ThinkingStart(start), pieces, tags);
            QVERIFY2(s.thinking == thinking.toStdString() && s.answer == answer.toStdString(),
                     qPrintable(QString("%1: thinking \"%2\", answer \"%3\"")
                                    .arg(how, QString::fromStdString(s.thinking),
                                         QString::fromStdString(s.answer))));
        };
        check({text}, "whole");
        std::vector<std::string> bytes;
        for (char c : text) {
            bytes.emplace_back(1, c);
        }
        check(bytes, "byte by byte");
        for (size_t i = 0; i <= text.size(); ++i) {
            check({text.substr(0, i), text.substr(i)}, "two pieces");
            for (size_t j = i; j <= text.size() && text.size() < 64; ++j) {
                check({text.substr(0, i), text.substr(i, j - i), text.substr(j)}, "three pieces");
            }
        }
    }

private slots:
    // Text reaches the caller as soon as it is certain: thinking before the closing tag
    // arrives, held back only where a tag might start.
    void streamsEarly() {
        ReasoningSplitter s(ThinkingStart::MayOpen);
        QCOMPARE(s.push("<th").thinking, std::string());
        QVERIFY(!s.thinking());
        QCOMPARE(s.push("ink>Hello ").thinking, std::string("Hello"));
        QVERIFY(s.thinking());
        QCOMPARE(s.push("world </").thinking, std::string(" world"));
        const ReasoningDelta d = s.push("think> Done");
        QCOMPARE(d.thinking, std::string());
        QCOMPARE(d.answer, std::string("Done"));
        QVERIFY(!s.thinking());
    }

    // finish() starts the splitter anew, in its initial state.
    void finishResets() {
        ReasoningSplitter s(ThinkingStart::Inside);
        QCOMPARE(s.push("a</think>b").answer, std::string("b"));
        s.finish();
        QVERIFY(s.thinking());
        QCOMPARE(s.push("c</think>d").thinking, std::string("c"));
    }

    // Other tag pairs (e.g. a model with <reasoning> tags).
    void customTags() {
        ReasoningSplitter s(ThinkingStart::MayOpen,
                            ReasoningTags{.open = "<reasoning>", .close = "</reasoning>"});
        const ReasoningDelta d = s.push("<reasoning>r</reasoning>a");
        QCOMPARE(d.thinking, std::string("r"));
        QCOMPARE(d.answer, std::string("a"));
    }
};

QTEST_GUILESS_MAIN(TestReasoning)
#include "tst_reasoning.moc"
