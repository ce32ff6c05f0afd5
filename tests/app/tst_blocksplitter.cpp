// Splitting streamed Markdown into prose and code blocks: fences per CommonMark, incomplete
// fences while streaming, nested lists and tables kept as prose, CJK, and the promise that
// appending only changes the last block.
#include "blocksplitter.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = MessageBlock::Kind;

namespace {

MessageBlock prose(const QString& text) {
    return {Kind::Prose, text, {}, false};
}
MessageBlock code(const QString& text, const QString& language, bool closed = true) {
    return {Kind::Code, text, language, closed};
}
MessageBlock math(const QString& latex, bool closed = true) {
    return {Kind::Math, latex, {}, closed};
}

// Feeds `text` in pieces of `step` characters and checks that every update changes only
// blocks from the reported index on, and that finished blocks never change afterwards.
QList<MessageBlock> stream(const QString& text, qsizetype step) {
    BlockSplitter splitter;
    QList<MessageBlock> before;
    for (qsizetype i = 0; i < text.size(); i += step) {
        const qsizetype first = splitter.append(QStringView(text).mid(i, step));
        const QList<MessageBlock>& now = splitter.blocks();
        const qsizetype unchanged = first < 0 ? now.size() : first;
        for (qsizetype b = 0; b < unchanged && b < before.size(); ++b) {
            if (!(now[b] == before[b])) {
                qWarning("block %lld changed but %lld was reported", qlonglong(b),
                         qlonglong(first));
                return {};
            }
        }
        // Every block except the last is final.
        for (qsizetype b = 0; b + 1 < before.size() && b + 1 < now.size(); ++b) {
            if (!(now[b] == before[b])) {
                qWarning("block %lld changed after it was finished", qlonglong(b));
                return {};
            }
        }
        before = now;
    }
    splitter.finish();
    return splitter.blocks();
}

} // namespace

class TestBlockSplitter : public QObject {
    Q_OBJECT

private slots:
    void proseAndCode() {
        const QString text = "Here is a loop:\n\n```python\nfor i in range(3):\n    print(i)\n```\n"
                             "\nThat prints 0, 1, 2.\n";
        const QList<MessageBlock> expected = {
            prose("Here is a loop:\n\n"),
            code("for i in range(3):\n    print(i)", "python"),
            prose("That prints 0, 1, 2.\n"),
        };
        QCOMPARE(BlockSplitter::split(text), expected);
    }

    void streamingGivesTheSameBlocks_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("code") << "Intro\n```cpp\nint main() {}\n```\nOutro";
        QTest::newRow("tilde fence with backticks inside") << "~~~\nuse ``` here\n~~~\ntext\n";
        QTest::newRow("two blocks") << "a\n```\nx\n```\n```js\ny\n```\n";
        QTest::newRow("cjk") << "这是代码：\n```\n打印(\"你好\")\n```\n完成。\n";
        QTest::newRow("table") << "| a | b |\n|---|---|\n| 1 | 2 |\n";
        QTest::newRow("unclosed") << "text\n```rust\nfn main() {\n";
        QTest::newRow("crlf") << "a\r\n```c\r\nx;\r\n```\r\nb\r\n";
        QTest::newRow("display math") << "So\n$$\n\\frac{a}{b}\n$$\nthus\n";
        QTest::newRow("one-line math") << "$$x^2$$\n\\[y\\]\ndone";
        QTest::newRow("unclosed math") << "text\n$$\na+b\n";
    }

    void streamingGivesTheSameBlocks() {
        QFETCH(QString, text);
        const QList<MessageBlock> whole = BlockSplitter::split(text);
        QVERIFY(!whole.isEmpty());
        for (qsizetype step : {1, 2, 3, 7, 64}) {
            QCOMPARE(stream(text, step), whole);
        }
    }

    void incompleteFenceWhileStreaming() {
        BlockSplitter s;
        s.append(u"Result:\n``");
        QCOMPARE(s.blocks(), QList<MessageBlock>{prose("Result:\n``")}); // not yet a fence
        s.append(u"`py");
        QCOMPARE(s.blocks().size(), 1); // still provisional: the fence line is incomplete
        QCOMPARE(s.append(u"\nx = 1"), 0);
        QCOMPARE(s.blocks(), (QList<MessageBlock>{prose("Result:\n"), code("x = 1", "py", false)}));
        QCOMPARE(s.append(u"\n"), 1); // only the code block changes now
        s.append(u"```\n");
        QCOMPARE(s.blocks().last(), code("x = 1", "py", true));
    }

    // Display formulas are blocks of their own, like code; the text is the LaTeX without the
    // delimiters, over one line or several.
    void displayMathBlocks() {
        const QString text = "The sum:\n$$\n\\sum_{i=1}^n i\n= \\frac{n(n+1)}{2}\n$$\nand\n"
                             "\\[ E = mc^2 \\]\n$$x$$\n  $$\\alpha$$\nend\n";
        const QList<MessageBlock> expected = {
            prose("The sum:\n"), math("\\sum_{i=1}^n i\n= \\frac{n(n+1)}{2}"),
            prose("and\n"),      math("E = mc^2"),
            math("x"),           math("\\alpha"),
            prose("end\n")};
        QCOMPARE(BlockSplitter::split(text), expected);
    }

    // Lines that merely contain $$ stay prose (inline formulas), as does math in a list.
    void inlineDisplayMathStaysProse() {
        QCOMPARE(BlockSplitter::split(u"$$a$$ and $$b$$\n"),
                 QList<MessageBlock>{prose("$$a$$ and $$b$$\n")});
        QCOMPARE(BlockSplitter::split(u"Cost $5\n- item\n    $$x$$\n"),
                 QList<MessageBlock>{prose("Cost $5\n- item\n    $$x$$\n")});
    }

    // While a formula streams in it is an open math block (shown as source); the closing
    // delimiter, even when it arrives in pieces, is never part of its text.
    void mathWhileStreaming() {
        BlockSplitter s;
        s.append(u"Area:\n$");
        QCOMPARE(s.blocks(), QList<MessageBlock>{prose("Area:\n$")}); // not yet a formula
        s.append(u"$\n\\pi r");
        QCOMPARE(s.blocks(), (QList<MessageBlock>{prose("Area:\n"), math("\\pi r", false)}));
        QCOMPARE(s.append(u"^2\n"), 1); // only the math block changes
        QCOMPARE(s.blocks().last(), math("\\pi r^2", false));
        s.append(u"$");
        QCOMPARE(s.blocks().last(), math("\\pi r^2", false));
        s.append(u"$");
        QCOMPARE(s.blocks().last(), math("\\pi r^2", false));
        s.append(u"\nDone.");
        QCOMPARE(s.blocks(),
                 (QList<MessageBlock>{prose("Area:\n"), math("\\pi r^2"), prose("Done.")}));
        // Never closed: stays an open block at the end.
        QCOMPARE(BlockSplitter::split(u"$$\na"), QList<MessageBlock>{math("a", false)});
    }

    void closingFenceIsNeverShownAsCode() {
        BlockSplitter s;
        s.append(u"```\nx\n`");
        QCOMPARE(s.blocks().last().text, QString("x"));
        s.append(u"``");
        QCOMPARE(s.blocks().last(), code("x", "", false)); // unterminated: not closed yet
        s.finish();
        QCOMPARE(s.blocks().last(), code("x", "", true));
    }

    void fenceAloneReplacesItsProvisionalProse() {
        BlockSplitter s;
        s.append(u"```");
        QCOMPARE(s.blocks(), QList<MessageBlock>{prose("```")});
        s.append(u"\n");
        QCOMPARE(s.blocks(), QList<MessageBlock>{code("", "", false)});
    }

    void closingFenceRules() {
        // A shorter run does not close a longer fence; a longer one does; other text does not.
        const auto blocks = BlockSplitter::split(u"````md\n```\ninner\n```\n`````\nafter\n");
        QCOMPARE(blocks, (QList<MessageBlock>{code("```\ninner\n```", "md"), prose("after\n")}));
        const auto tilde = BlockSplitter::split(u"~~~\n``` not a close\n~~~ \n");
        QCOMPARE(tilde, (QList<MessageBlock>{code("``` not a close", "")}));
    }

    void indentedFencesStayProse() {
        // Four spaces is indented code, and a fence inside a list item belongs to the list.
        const QString text = "1. step\n\n    ```\n    x\n    ```\n2. next\n";
        QCOMPARE(BlockSplitter::split(text), QList<MessageBlock>{prose(text)});
        const QString nested = "- a\n  - b\n    - c\n";
        QCOMPARE(BlockSplitter::split(nested), QList<MessageBlock>{prose(nested)});
    }

    void backtickInfoStringWithBackticksIsNotAFence() {
        const QString text = "``` a`b\nstill prose\n";
        QCOMPARE(BlockSplitter::split(text), QList<MessageBlock>{prose(text)});
    }

    void blankLinesAroundCodeDoNotMakeEmptyBlocks() {
        const auto blocks = BlockSplitter::split(u"```\nx\n```\n\n\n```\ny\n```\n\n");
        QCOMPARE(blocks, (QList<MessageBlock>{code("x", ""), code("y", "")}));
    }

    void codeKeepsBlankAndIndentedLines() {
        const auto blocks = BlockSplitter::split(u"```py\n\ndef f():\n\n    return 1\n```\n");
        QCOMPARE(blocks, QList<MessageBlock>{code("\ndef f():\n\n    return 1", "py")});
    }

    // A long answer (here 200,000 short lines, 2 MB, as prose and as code) is split in time
    // proportional to its length: copying the block or the rest of the text for every line
    // took minutes for it.
    void longAnswersSplitInLinearTime() {
        QString lines;
        for (int i = 0; i < 100000; ++i) {
            lines += QStringLiteral("line %1\n").arg(i % 10);
        }
        const QString text = lines + u"```\n"_s + lines + u"```\n"_s;
        QElapsedTimer timer;
        timer.start();
        const QList<MessageBlock> blocks = BlockSplitter::split(text);
        const qint64 ms = timer.elapsed();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks[0].text, lines);
        QCOMPARE(blocks[1].text, lines.chopped(1));
        qInfo("split %lld characters in %lld ms", qlonglong(text.size()), ms);
        QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    }
};

QTEST_GUILESS_MAIN(TestBlockSplitter)
#include "tst_blocksplitter.moc"
