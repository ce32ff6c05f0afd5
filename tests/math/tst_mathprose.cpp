// Inline formulas in a prose block's QTextDocument (what the chat's TextEdit shows and what
// a QTextDocument-based PDF export would print): formulas become objects carrying their
// LaTeX, Markdown around them still works, LaTeX is not mangled by Markdown, dollars in
// prices stay text, unsupported formulas stay as monospace source, copying gives the LaTeX
// back, and the objects draw.
#include "mathprose.h"
#include "mathtextobject.h"

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using hearth::math::MathTextObject;

namespace {

QFont bodyFont() {
    QFont f(u"Noto Sans"_s);
    f.setPixelSize(15);
    return f;
}

// The formats of the formula objects in the document, in order.
QList<QTextCharFormat> formulas(QTextDocument& document) {
    QList<QTextCharFormat> out;
    for (QTextBlock b = document.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.objectType() == MathTextObject::kObjectType) {
                for (int i = 0; i < it.fragment().length(); ++i) {
                    out << f;
                }
            }
        }
    }
    return out;
}

} // namespace

class TestMathProse : public QObject {
    Q_OBJECT

private slots:
    void formulasBecomeObjects() {
        QTextDocument document;
        const int n = MathProse::fill(&document, u"The area is $\\pi r^2$, it costs $5 or $10."_s,
                                      bodyFont(), Qt::black);
        QCOMPARE(n, 1);
        const QList<QTextCharFormat> found = formulas(document);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].stringProperty(MathTextObject::LatexProperty), u"\\pi r^2"_s);
        QCOMPARE(found[0].boolProperty(MathTextObject::DisplayProperty), false);
        QCOMPARE(document.toPlainText(), u"The area is \uFFFC, it costs $5 or $10."_s);
    }

    // Markdown would read a_1 * b_2 as emphasis; the formula keeps it, the text around is
    // still Markdown.
    void latexIsNotMarkdown() {
        QTextDocument document;
        MathProse::fill(&document, u"**Bold** then $a_1 * b_2 \\cdot c_3$ and *it*"_s, bodyFont(),
                        Qt::black);
        QCOMPARE(formulas(document).value(0).stringProperty(MathTextObject::LatexProperty),
                 u"a_1 * b_2 \\cdot c_3"_s);
        QTextCursor cursor(&document);
        cursor.setPosition(2);
        QVERIFY(cursor.charFormat().fontWeight() >= QFont::Bold);
        cursor.setPosition(document.toPlainText().indexOf(u"it"_s) + 1);
        QVERIFY(cursor.charFormat().fontItalic());
    }

    void unsupportedStaysSource() {
        QTextDocument document;
        const int n = MathProse::fill(&document, u"See $\\weird{x}$ here"_s, bodyFont(), Qt::black);
        QCOMPARE(n, 0);
        QCOMPARE(document.toPlainText(), u"See $\\weird{x}$ here"_s);
        QTextCursor cursor(&document);
        cursor.setPosition(6);
        QVERIFY(cursor.charFormat().fontFixedPitch());
    }

    void copyGivesLatex() {
        QTextDocument document;
        MathProse::fill(&document, u"Euler: $e^{i\\pi}+1=0$.\n\nAnd $$\\int_0^1 x\\,dx$$ too."_s,
                        bodyFont(), Qt::black);
        QCOMPARE(formulas(document).size(), 2);
        QCOMPARE(hearth::math::sourceText(&document, 0, document.characterCount()),
                 u"Euler: $e^{i\\pi}+1=0$.\nAnd $$\\int_0^1 x\\,dx$$ too."_s);
        // Part of a selection: from inside the first paragraph to before "too".
        const int from = document.toPlainText().indexOf(u':');
        const int to = document.toPlainText().indexOf(u"too"_s);
        QCOMPARE(hearth::math::sourceText(&document, from, to),
                 u": $e^{i\\pi}+1=0$.\nAnd $$\\int_0^1 x\\,dx$$ "_s);
    }

    // For Qt Quick a formula's box reaches the font's descent below its baseline and is
    // aligned with AlignBottom (a deeper one is raised); for QTextDocumentLayout it is
    // symmetric about its baseline and centred on the text's (AlignMiddle). Always as wide
    // as the formula.
    void baselines() {
        const qreal descent = QFontMetrics(bodyFont()).descent();
        auto check = [&](hearth::math::TextTarget target,
                         QTextCharFormat::VerticalAlignment shallow,
                         QTextCharFormat::VerticalAlignment deep) {
            QTextDocument document;
            document.setDefaultFont(bodyFont());
            QTextCursor cursor(&document);
            QVERIFY(hearth::math::insertFormula(cursor, u"x^2"_s, false, target));
            QVERIFY(hearth::math::insertFormula(cursor, u"\\frac{a}{b}"_s, false, target));
            const QList<QTextCharFormat> found = formulas(document);
            QCOMPARE(found.size(), 2);
            QCOMPARE(found[0].verticalAlignment(), shallow);
            QCOMPARE(found[1].verticalAlignment(), deep);
            auto* handler = MathTextObject::install(&document);
            for (const QTextCharFormat& f : found) {
                const hearth::math::Formula& formula = handler->formulaFor(f);
                const QSizeF size = handler->intrinsicSize(&document, 0, f);
                QCOMPARE(size.width(), std::ceil(formula.width()));
                const qreal baseline = f.doubleProperty(MathTextObject::BaselineProperty);
                QVERIFY(baseline >= std::ceil(formula.ascent()));
                QVERIFY(size.height() - baseline >= formula.descent());
                if (f.verticalAlignment() != QTextCharFormat::AlignMiddle) {
                    QCOMPARE(size.height() - baseline,
                             std::max(descent, std::ceil(formula.descent())));
                } else {
                    QCOMPARE(size.height(), 2 * baseline);
                }
            }
            QVERIFY(formulas(document)[1].doubleProperty(MathTextObject::HeightProperty) > 0);
        };
        check(hearth::math::TextTarget::QtQuick, QTextCharFormat::AlignBottom,
              QTextCharFormat::AlignBottom);
        check(hearth::math::TextTarget::Document, QTextCharFormat::AlignMiddle,
              QTextCharFormat::AlignMiddle);
    }

    // What formulas cost a streaming answer: filling a 20 KB block with 100 inline formulas
    // against Qt's own Markdown reading of the same text (the baseline: what the chat did
    // before), and a block without formulas, which must cost about the baseline. Numbers
    // for the record; the assertion is on what was built.
    void fillCost() {
        QString withMath, plain;
        for (int i = 0; i < 100; ++i) {
            withMath += u"Paragraph %1 has $x_%1^2 + \\frac{a}{b}$ in it and some words to "
                        "make a line of a reasonable length for prose.\n\n"_s.arg(i);
            plain += u"Paragraph %1 has x_%1 squared plus a over b in it and some words to "
                     "make a line of a reasonable length for prose.\n\n"_s.arg(i);
        }
        auto time = [](auto&& f) {
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < 5; ++i) {
                f();
            }
            return t.nsecsElapsed() / 5e6;
        };
        int formulaCount = 0;
        const double baseline = time([&] {
            QTextDocument d;
            d.setDefaultFont(bodyFont());
            d.setMarkdown(withMath);
        });
        const double math = time([&] {
            QTextDocument d;
            formulaCount = MathProse::fill(&d, withMath, bodyFont(), Qt::black);
        });
        QTextDocument streaming; // the chat refills one document as tokens arrive
        MathProse::fill(&streaming, withMath, bodyFont(), Qt::black);
        const double refill =
            time([&] { MathProse::fill(&streaming, withMath, bodyFont(), Qt::black); });
        hearth::math::MathFonts fonts;
        const double one =
            time([&] {
                for (int i = 0; i < 100; ++i) {
                    const hearth::math::Formula f(u"x_1^2 + \\frac{a}{b}"_s, false, fonts);
                    QVERIFY(f.ok());
                }
            }) /
            100;
        const double noMath = time([&] {
            QTextDocument d;
            MathProse::fill(&d, plain, bodyFont(), Qt::black);
        });
        qInfo("20 KB block: Qt's Markdown %.2f ms, with 100 formulas %.2f ms (%.2f ms refilled), "
              "without formulas %.2f ms; one formula laid out %.3f ms",
              baseline, math, refill, noMath, one);
        QCOMPARE(formulaCount, 100);
    }

    // Drawing the document (as a QTextDocument-based PDF export does) draws the formula.
    void drawsInDocument() {
        QTextDocument document;
        document.setDefaultFont(bodyFont());
        MathTextObject::install(&document);
        QTextCursor cursor(&document);
        QVERIFY(hearth::math::insertFormula(cursor, u"\\sum_{k=1}^{n} k"_s, true));
        QVERIFY(!hearth::math::insertFormula(cursor, u"\\nope"_s, false));
        QImage image(300, 120, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            document.drawContents(&painter);
        }
        const QSizeF size = document.documentLayout()->documentSize();
        QVERIFY(size.height() > 30); // the display sum with limits is taller than a line
        int inked = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < 60; ++x) {
                inked += qGray(image.pixel(x, y)) < 128;
            }
        }
        QVERIFY2(inked > 50, qPrintable(QString::number(inked)));
    }
};

QTEST_MAIN(TestMathProse)
#include "tst_mathprose.moc"
