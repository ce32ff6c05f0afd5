// The box layout against geometry this test derives itself: glyph measurements from
// QFontMetricsF of the fonts the renderer promises to use (Noto Sans for letters, Noto Sans
// Math for the axis and big operators) and TeX's rules with Computer Modern's parameters as
// printed in The TeXbook, Appendix G (quoted below as numbers, not taken from the code):
//   Rule 15d  fractions     Rule 18  scripts     Rule 13a  limits of big operators
// and a pixel comparison of a drawn fraction with an image the test composes from glyphs
// and a rectangle at the derived positions.
#include "formula.h"
#include "mathlayout.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QRawFont>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth::math;

namespace {

constexpr int kSize = 20; // the base font size in pixels
constexpr qreal kEps = 1e-6;

QFont testFont(const QString& family, int pixels, bool italic) {
    QFont f(family);
    f.setPixelSize(pixels);
    f.setItalic(italic);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

// What the test knows of a glyph: advance, and ink (the outline's bounds) above and below
// the baseline.
QRectF outline(const QFont& font, const QString& text) {
    QPainterPath path;
    path.addText(0, 0, font, text);
    return path.boundingRect();
}
struct Glyph {
    qreal advance, ascent, descent;
};
Glyph measure(const QFont& font, const QString& text) {
    const QFontMetricsF fm(font);
    const QRectF ink = outline(font, text);
    return {fm.horizontalAdvance(text), std::max(0.0, -ink.top()), std::max(0.0, ink.bottom())};
}

// The font-derived quantities, measured as the renderer documents it (mathmetrics.h).
struct FontFacts {
    qreal axis, theta, xHeight;
};
FontFacts facts(int pixels) {
    const QFontMetricsF text(testFont(u"Noto Sans"_s, pixels, false));
    return {-outline(testFont(u"Noto Sans Math"_s, pixels, false), u"\u2212"_s).center().y(),
            std::max(text.lineWidth(), pixels / 25.0), text.xHeight()};
}

const Piece* findGlyphs(const Box& box, const QString& text) {
    for (const Piece& p : box.pieces) {
        if (p.kind == Piece::Kind::Glyphs && p.text == text) {
            return &p;
        }
    }
    return nullptr;
}

Box layoutOf(const QString& latex, bool display) {
    const ParseResult parsed = parse(latex);
    MathFonts fonts;
    fonts.pixelSize = kSize;
    return Layout(fonts).layout(parsed.tree, display);
}

// The fraction a/b in text style, positions per Rule 15d: numerator up by num2 = 0.393732 em,
// denominator down by denom2 = 0.344841 em, each moved until θ clears the bar; both in
// script size (round(0.7 × 20) = 14 px); width: the wider plus 0.12 em each side.
struct FractionGeometry {
    QPointF a, b;
    QRectF bar;
};
FractionGeometry expectedFraction() {
    const FontFacts f = facts(kSize);
    const QFont script = testFont(u"Noto Sans"_s, 14, true);
    const Glyph a = measure(script, u"a"_s), b = measure(script, u"b"_s);
    qreal u = 0.393732 * kSize, v = 0.344841 * kSize;
    u = std::max(u, f.theta + a.descent + f.axis + f.theta / 2);
    v = std::max(v, f.theta + b.ascent - f.axis + f.theta / 2);
    const qreal width = std::max(a.advance, b.advance) + 2 * 0.12 * kSize;
    return {{(width - a.advance) / 2, -u},
            {(width - b.advance) / 2, v},
            QRectF(0, -f.axis - f.theta / 2, width, f.theta)};
}

} // namespace

class TestMathLayout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFontDatabase::families().contains(u"Noto Sans Math"_s) ||
            !QFontDatabase::families().contains(u"Noto Sans"_s)) {
            QSKIP("Noto Sans and Noto Sans Math are not installed");
        }
    }

    void fraction() {
        const Box box = layoutOf(u"\\frac{a}{b}"_s, false);
        const FractionGeometry g = expectedFraction();
        const Piece* a = findGlyphs(box, u"a"_s);
        const Piece* b = findGlyphs(box, u"b"_s);
        QVERIFY(a && b);
        QCOMPARE(a->font.pixelSize(), 14);
        QVERIFY(a->font.italic());
        QVERIFY(qAbs(a->at.x() - g.a.x()) < kEps && qAbs(a->at.y() - g.a.y()) < kEps);
        QVERIFY(qAbs(b->at.x() - g.b.x()) < kEps && qAbs(b->at.y() - g.b.y()) < kEps);
        const auto bar = std::find_if(box.pieces.begin(), box.pieces.end(),
                                      [](const Piece& p) { return p.kind == Piece::Kind::Rule; });
        QVERIFY(bar != box.pieces.end());
        QVERIFY2(
            qAbs(bar->rect.top() - g.bar.top()) < kEps &&
                qAbs(bar->rect.width() - g.bar.width()) < kEps &&
                qAbs(bar->rect.height() - g.bar.height()) < kEps,
            qPrintable(
                u"%1 %2 %3"_s.arg(bar->rect.top()).arg(bar->rect.width()).arg(bar->rect.height())));
        QVERIFY(qAbs(box.width - g.bar.width()) < kEps);
        // Centred: the numerator's advance is centred on the bar, so is the denominator's.
        const qreal centre = g.bar.center().x();
        const Glyph ga = measure(a->font, u"a"_s), gb = measure(b->font, u"b"_s);
        QVERIFY(qAbs(a->at.x() + ga.advance / 2 - centre) < kEps);
        QVERIFY(qAbs(b->at.x() + gb.advance / 2 - centre) < kEps);
        // Above and below the bar with at least θ of clearance.
        const FontFacts f = facts(kSize);
        QVERIFY(a->at.y() + ga.descent <= g.bar.top() - f.theta + kEps);
        QVERIFY(b->at.y() - gb.ascent >= g.bar.bottom() + f.theta - kEps);
    }

    // Rule 18a/18c: x^2 in text style: the base is a character, so the superscript's shift
    // is max(sup2 = 0.362892 em, its depth + x-height / 4); it is set in script size at the
    // base's advance.
    void superscript() {
        const Box box = layoutOf(u"x^2"_s, false);
        const Piece* two = findGlyphs(box, u"2"_s);
        QVERIFY(two);
        QCOMPARE(two->font.pixelSize(), 14);
        QVERIFY(!two->font.italic());
        const Glyph x = measure(testFont(u"Noto Sans"_s, kSize, true), u"x"_s);
        const Glyph sup = measure(two->font, u"2"_s);
        const qreal u = std::max(0.362892 * kSize, sup.descent + facts(kSize).xHeight / 4);
        QVERIFY(qAbs(two->at.x() - x.advance) < kEps);
        QVERIFY2(qAbs(two->at.y() + u) < kEps, qPrintable(QString::number(two->at.y())));
        // Display style uses sup1 = 0.412892 em: higher.
        const Box display = layoutOf(u"x^2"_s, true);
        const Piece* twoDisplay = findGlyphs(display, u"2"_s);
        QVERIFY(qAbs(twoDisplay->at.y() +
                     std::max(0.412892 * kSize, sup.descent + facts(kSize).xHeight / 4)) < kEps);
    }

    // Rule 18b: x_i alone: shift down max(sub1 = 0.15 em, its height - 4/5 x-height).
    void subscript() {
        const Box box = layoutOf(u"x_i"_s, false);
        const Piece* i = findGlyphs(box, u"i"_s);
        QVERIFY(i);
        const Glyph sub = measure(i->font, u"i"_s);
        const qreal v = std::max(0.15 * kSize, sub.ascent - 4 * facts(kSize).xHeight / 5);
        QVERIFY(qAbs(i->at.y() - v) < kEps);
    }

    // Rule 13/13a in display style: the operator (1.5 × 20 = 30 px in the math font) centred
    // on the axis; the limits centred over it, the upper one's ink at least
    // bigOpSpacing1 = 0.111112 em above the operator's, the lower one's at least
    // bigOpSpacing2 = 0.166667 em below.
    void limits() {
        const Box box = layoutOf(u"\\sum_{k}^{n}"_s, true);
        const Piece* sum = findGlyphs(box, u"∑"_s);
        const Piece* n = findGlyphs(box, u"n"_s);
        const Piece* k = findGlyphs(box, u"k"_s);
        QVERIFY(sum && n && k);
        QCOMPARE(sum->font.pixelSize(), 30);
        QCOMPARE(sum->font.family(), u"Noto Sans Math"_s);
        const Glyph op = measure(sum->font, u"∑"_s);
        const Glyph gn = measure(n->font, u"n"_s), gk = measure(k->font, u"k"_s);
        const FontFacts f = facts(kSize);
        // Centred on the axis: the ink's middle is the axis.
        const qreal opTop = sum->at.y() - op.ascent, opBottom = sum->at.y() + op.descent;
        QVERIFY(qAbs((opTop + opBottom) / 2 + f.axis) < kEps);
        const qreal centre = sum->at.x() + op.advance / 2;
        QVERIFY(qAbs(n->at.x() + gn.advance / 2 - centre) < kEps);
        QVERIFY(qAbs(k->at.x() + gk.advance / 2 - centre) < kEps);
        const qreal nGap = opTop - (n->at.y() + gn.descent);
        const qreal kGap = (k->at.y() - gk.ascent) - opBottom;
        QVERIFY2(nGap >= 0.111112 * kSize - kEps, qPrintable(QString::number(nGap)));
        QVERIFY2(kGap >= 0.166667 * kSize - kEps, qPrintable(QString::number(kGap)));
        // And exactly what 13a prescribes: max(spacing1, spacing3 - depth), the baseline of
        // the lower limit max(spacing2, spacing4 - height) below.
        QVERIFY(qAbs(nGap - std::max(0.111112 * kSize, 0.2 * kSize - gn.descent)) < kEps);
        QVERIFY(qAbs(kGap - std::max(0.166667 * kSize, 0.6 * kSize - gk.ascent)) < kEps);
        // Inline, the limits become scripts beside the operator.
        const Box inlineBox = layoutOf(u"\\sum_{k}^{n}"_s, false);
        const Piece* inlineSum = findGlyphs(inlineBox, u"∑"_s);
        QVERIFY(findGlyphs(inlineBox, u"n"_s)->at.x() >=
                inlineSum->at.x() + measure(inlineSum->font, u"∑"_s).advance - kEps);
    }

    // \mathbb letters come from the math font; a math font without them (here the text
    // font stands in for one) gets the plain letter in bold instead of a missing glyph.
    void doubleStruckFallback() {
        const ParseResult parsed = parse(u"\\mathbb{A}"_s);
        MathFonts fonts;
        fonts.pixelSize = kSize;
        const Box withMath = Layout(fonts).layout(parsed.tree, false);
        QVERIFY(findGlyphs(withMath, u"𝔸"_s));
        fonts.mathFamily = u"Noto Sans"_s;
        QVERIFY(
            !QRawFont::fromFont(testFont(u"Noto Sans"_s, kSize, false)).supportsCharacter(0x1D538));
        const Box without = Layout(fonts).layout(parsed.tree, false);
        const Piece* a = findGlyphs(without, u"A"_s);
        QVERIFY(a && a->font.bold());
    }

    // Tall content gets a drawn delimiter covering at least 90.1 % of it (Rule 19); short
    // content keeps the font's parenthesis.
    void stretchyDelimiters() {
        const Box tall = layoutOf(u"\\left( \\frac{\\frac{a}{b}}{\\frac{c}{d}} \\right)"_s, true);
        int strokes = 0;
        for (const Piece& p : tall.pieces) {
            if (p.kind == Piece::Kind::Stroke) {
                ++strokes;
                QVERIFY(p.path.boundingRect().height() >= 0.901 * (tall.height()) - 1);
            }
        }
        QCOMPARE(strokes, 2);
        const Box flat = layoutOf(u"\\left( x \\right)"_s, false);
        QVERIFY(findGlyphs(flat, u"("_s) && findGlyphs(flat, u")"_s));
    }

    // Every supported construction lays out to finite, sensible boxes.
    void constructions_data() {
        QTest::addColumn<QString>("latex");
        for (const char* f :
             {"\\sqrt[3]{x^2+1}", "\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}",
              "\\begin{pmatrix}1&0\\\\0&1\\end{pmatrix}",
              "\\begin{vmatrix}a&b\\\\c&d\\end{vmatrix}",
              "f(x)=\\begin{cases}x & x\\geq 0\\\\-x & \\text{otherwise}\\end{cases}",
              "\\begin{aligned}a&=b+c\\\\&=d\\end{aligned}", "\\hat{x}+\\bar{y}+\\vec{v}+\\dot{z}",
              "\\overline{AB}", "\\mathbb{R}^n\\to\\mathcal{L}",
              "\\lim_{x\\to 0}\\frac{\\sin x}{x}",
              "\\nabla\\cdot\\vec{E}=\\frac{\\rho}{\\varepsilon_0}", "\\binom{n}{k}",
              "\\left\\{ x \\middle| x>0 \\right\\}"}) {
            QTest::newRow(f) << QString::fromUtf8(f);
        }
    }
    // For people: every construction drawn into one image in the test output folder.
    void gallery() {
        QTest::failOnWarning();
        MathFonts fonts;
        fonts.pixelSize = kSize;
        QImage image(900, 1100, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        qreal y = 10;
        for (const char* f :
             {"\\frac{a}{b} + x^2 - y_i + \\sqrt{2} + \\sqrt[3]{x}",
              "\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}",
              "\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}",
              "\\left( \\frac{\\partial f}{\\partial x} \\right)^2 \\leq \\|\\nabla f\\|",
              "A = \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}, "
              "\\det\\begin{vmatrix}a&b\\\\c&d\\end{vmatrix}",
              "|x| = \\begin{cases}x & x\\geq 0\\\\-x & \\text{otherwise}\\end{cases}",
              "\\begin{aligned}(a+b)^2 &= a^2+2ab+b^2\\\\&\\geq 0\\end{aligned}",
              "\\hat{x}\\;\\bar{y}\\;\\vec{v}\\;\\dot{z}\\;\\tilde{n}\\;\\overline{AB}",
              "\\mathbb{R}^n \\to \\mathcal{L},\\ \\mathbf{v} \\in \\mathbb{Z}, "
              "\\alpha\\beta\\Gamma\\Omega",
              "\\lim_{x\\to 0}\\frac{\\sin x}{x} = 1, \\binom{n}{k}, \\left[ \\frac{1}{2} "
              "\\right]"}) {
            const Formula display(QString::fromUtf8(f), true, fonts);
            const Formula inlined(QString::fromUtf8(f), false, fonts);
            QVERIFY2(display.ok() && inlined.ok(), f);
            display.paint(p, {10, y}, Qt::black);
            inlined.paint(p, {480, y}, Qt::black);
            y += std::max(display.size().height(), inlined.size().height()) + 30;
        }
        p.end();
        image.save(QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/math-gallery.png"));
    }

    void constructions() {
        QFETCH(QString, latex);
        const ParseResult parsed = parse(latex);
        if (!parsed.ok()) {
            QVERIFY(latex.contains(u"middle"_s)); // \middle is not supported: an error
            return;
        }
        for (bool display : {false, true}) {
            const Box b = layoutOf(latex, display);
            QVERIFY(std::isfinite(b.width) && b.width > 0);
            QVERIFY(std::isfinite(b.ascent) && b.ascent > 0 && std::isfinite(b.descent));
            QVERIFY(!b.pieces.isEmpty());
        }
    }

    // The renderer's drawing of a/b against one the test composes: the two glyphs with
    // QPainter::drawText at the derived positions and the bar as a filled rectangle. Both
    // go through the same rasteriser with the same coordinates (the derived and the
    // renderer's agree to 1e-6 px, see fraction()), so the images may differ only where an
    // edge's coverage rounds differently: at most 1 step in 255 per channel. A reference
    // shifted by half a pixel must fail, which shows the comparison can catch a layout
    // error of that size.
    void renderedFraction() {
        const FractionGeometry g = expectedFraction();
        const QPointF origin(10, 40);
        auto blank = [] {
            QImage image(80, 70, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            return image;
        };
        QImage drawn = blank();
        {
            QPainter p(&drawn);
            MathFonts fonts;
            fonts.pixelSize = kSize;
            const Formula formula(u"\\frac{a}{b}"_s, false, fonts);
            formula.box().paint(p, origin, Qt::black);
        }
        auto compose = [&](QPointF shift) {
            QImage image = blank();
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setRenderHint(QPainter::TextAntialiasing);
            p.setPen(Qt::black);
            const QFont script = testFont(u"Noto Sans"_s, 14, true);
            p.setFont(script);
            p.drawText(origin + g.a + shift, u"a"_s);
            p.drawText(origin + g.b + shift, u"b"_s);
            p.fillRect(g.bar.translated(origin + shift), Qt::black);
            return image;
        };
        auto maxDifference = [](const QImage& x, const QImage& y) {
            int most = 0;
            for (int row = 0; row < x.height(); ++row) {
                for (int col = 0; col < x.width(); ++col) {
                    const QRgb p = x.pixel(col, row), q = y.pixel(col, row);
                    most = std::max({most, qAbs(qRed(p) - qRed(q)), qAbs(qGreen(p) - qGreen(q)),
                                     qAbs(qBlue(p) - qBlue(q))});
                }
            }
            return most;
        };
        const QImage reference = compose({0, 0});
        int inked = 0;
        for (int row = 0; row < drawn.height(); ++row) {
            for (int col = 0; col < drawn.width(); ++col) {
                inked += qRed(drawn.pixel(col, row)) < 128;
            }
        }
        QVERIFY2(inked > 40, qPrintable(QString::number(inked))); // something was drawn
        QVERIFY2(maxDifference(drawn, reference) <= 1,
                 qPrintable(QString::number(maxDifference(drawn, reference))));
        QVERIFY(maxDifference(drawn, compose({0.5, 0})) > 1);
        QVERIFY(maxDifference(drawn, compose({0, 0.5})) > 1);
        drawn.save(QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/math-fraction.png"));
    }
};

QTEST_MAIN(TestMathLayout)
#include "tst_mathlayout.moc"
