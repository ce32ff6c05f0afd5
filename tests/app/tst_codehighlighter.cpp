// Code highlighting with KSyntaxHighlighting: fence words map to definitions (names, aliases,
// extensions), keywords get a colour of their own, the dark theme colours differ, unknown
// languages stay plain text, and the text is never changed.
#include "codehighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <QGuiApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace {

// The foreground colour the highlighter gave the character at `position` of the first line
// (invalid when it applied no format there).
//   0         1
//   0123456789012345
//   s = "text"; // c
const QString kSource = R"(s = "text"; // c)";
QColor colour_at(const QTextDocument& doc, int position) {
    const QTextBlock block = doc.firstBlock();
    for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
        if (position >= range.start && position < range.start + range.length) {
            return range.format.foreground().color();
        }
    }
    return {};
}

} // namespace

class TestCodeHighlighter : public QObject {
    Q_OBJECT

private slots:
    void fenceWordsFindDefinitions_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("name");
        QTest::newRow("name") << "python" << "Python";
        QTest::newRow("alias") << "js" << "JavaScript";
        QTest::newRow("extension") << "cpp" << "C++";
        QTest::newRow("symbol alias") << "c++" << "C++";
        QTest::newRow("case") << "Rust" << "Rust";
        QTest::newRow("shell") << "bash" << "Bash";
        QTest::newRow("unknown") << "no-such-language" << "";
        QTest::newRow("empty") << "" << "";
    }

    void fenceWordsFindDefinitions() {
        QFETCH(QString, word);
        QFETCH(QString, name);
        CodeHighlighter highlighter;
        highlighter.setLanguage(word);
        QCOMPARE(highlighter.definitionName(), name);
    }

    void stringsAndCommentsAreColouredAndTextKept() {
        QTextDocument doc;
        doc.setPlainText(kSource);
        CodeHighlighter highlighter;
        highlighter.setLanguage("cpp");
        highlighter.setTextDocument(&doc);
        QCOMPARE(highlighter.definitionName(), QString("C++"));
        const QColor identifier = colour_at(doc, 0), string = colour_at(doc, 5),
                     comment = colour_at(doc, 15);
        QVERIFY(string.isValid() && comment.isValid());
        QVERIFY(string != identifier);
        QVERIFY(comment != identifier && comment != string);
        QCOMPARE(doc.toPlainText(), kSource);

        highlighter.setDark(true);
        QVERIFY(colour_at(doc, 5).isValid());
        QVERIFY(colour_at(doc, 5) != string); // the dark theme has its own string colour
    }

    void unknownLanguageStaysPlain() {
        QTextDocument doc;
        doc.setPlainText(kSource);
        CodeHighlighter highlighter;
        highlighter.setLanguage("no-such-language");
        highlighter.setTextDocument(&doc);
        QCOMPARE(colour_at(doc, 5), colour_at(doc, 0));
        QCOMPARE(colour_at(doc, 15), colour_at(doc, 0));
    }
};

QTEST_MAIN(TestCodeHighlighter)
#include "tst_codehighlighter.moc"
