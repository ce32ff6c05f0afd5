// Finding formulas in answer text: the dollar-sign rules (prices stay text), the other
// delimiters, code spans, escapes, paragraphs, and that the spans always cover the text.
#include "mathscan.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth::math;

namespace {

// The spans as "text|<math>|[display]" for compact tables.
QString describe(const QList<TextSpan>& spans) {
    QStringList out;
    for (const TextSpan& s : spans) {
        if (s.kind == TextSpan::Kind::Text) {
            out << s.text;
        } else {
            out << (s.display ? u"["_s + s.text + u"]"_s : u"<"_s + s.text + u">"_s);
        }
    }
    return out.join(u'|');
}

} // namespace

class TestMathScan : public QObject {
    Q_OBJECT

private slots:
    void dollars_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("spans");
        // Prices and other dollars that are not math.
        QTest::newRow("two prices") << u"costs $5 and $10"_s << u"costs $5 and $10"_s;
        QTest::newRow("price with cents") << u"pay $3.50, or $4"_s << u"pay $3.50, or $4"_s;
        QTest::newRow("space after opening") << u"a $ x$ b"_s << u"a $ x$ b"_s;
        QTest::newRow("space before closing") << u"a $x $ b"_s << u"a $x $ b"_s;
        QTest::newRow("digit after closing") << u"from $x$5 on"_s << u"from $x$5 on"_s;
        QTest::newRow("amounts around words") << u"US$ 5 and 3 $"_s << u"US$ 5 and 3 $"_s;
        QTest::newRow("escaped dollar") << u"\\$x$ y"_s << u"\\$x$ y"_s;
        QTest::newRow("lone dollar") << u"just $"_s << u"just $"_s;
        QTest::newRow("unclosed display") << u"see $$x^2"_s << u"see $$x^2"_s;
        QTest::newRow("inside code") << u"run `echo $HOME$`"_s << u"run `echo $HOME$`"_s;
        QTest::newRow("across a blank line") << u"$a\n\nb$"_s << u"$a\n\nb$"_s;
        QTest::newRow("empty display") << u"$$ $$"_s << u"$$ $$"_s;
        // Formulas.
        QTest::newRow("inline") << u"$x$"_s << u"<x>"_s;
        QTest::newRow("in a sentence") << u"so $x^2+1$ grows"_s << u"so |<x^2+1>| grows"_s;
        QTest::newRow("two") << u"$a$ and $b$."_s << u"<a>| and |<b>|."_s;
        QTest::newRow("punctuation after") << u"is $n$, so"_s << u"is |<n>|, so"_s;
        QTest::newRow("price then formula") << u"$5 buys $x$"_s << u"$5 buys |<x>"_s;
        QTest::newRow("display") << u"$$\\frac{a}{b}$$"_s << u"[\\frac{a}{b}]"_s;
        QTest::newRow("display over lines") << u"$$\na+b\n$$"_s << u"[\na+b\n]"_s;
        QTest::newRow("parentheses") << u"\\(a\\) and \\[b\\]"_s << u"<a>| and |[b]"_s;
        QTest::newRow("escaped dollar inside") << u"$a\\$b$"_s << u"<a\\$b>"_s;
        QTest::newRow("code then formula") << u"`$x` is $y$"_s << u"`$x` is |<y>"_s;
        QTest::newRow("line break inside") << u"$a\nb$"_s << u"<a\nb>"_s;
    }
    void dollars() {
        QFETCH(QString, text);
        QFETCH(QString, spans);
        const QList<TextSpan> found = splitMath(text);
        QCOMPARE(describe(found), spans);
        QCOMPARE(containsMath(text), spans.contains(u'<') || spans.contains(u'['));
        // The spans cover the text exactly, in order.
        qsizetype at = 0;
        for (const TextSpan& s : found) {
            QCOMPARE(s.start, at);
            at += s.length;
            if (s.kind == TextSpan::Kind::Text) {
                QCOMPARE(s.text, text.mid(s.start, s.length));
            } else {
                QVERIFY(text.mid(s.start, s.length).contains(s.text));
            }
        }
        QCOMPARE(at, text.size());
    }

    // Many openers without closers: remembered failures keep the scan linear.
    void unclosedOpenersAreFast() {
        const QString text = u"\\( \\[ $a "_s.repeated(20000);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(splitMath(text).size(), 1);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_APPLESS_MAIN(TestMathScan)
#include "tst_mathscan.moc"
