// MathML for the HTML export: formulas against MathML written by hand from the MathML 3
// specification (Presentation markup: mi/mn/mo tokens, mfrac, msup/msub/msubsup, munderover
// for limits, mroot, mtable in fences), escaping, and the export of an answer where a
// formula becomes MathML, a price stays text, and unsupported input stays code.
#include "mathml.h"
#include "renderers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth::math;

namespace {

QString wrapped(const QString& body, const QString& tex, bool display) {
    return u"<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\""_s +
           (display ? u"block"_s : u"inline"_s) + u"\"><semantics>"_s + body +
           u"<annotation encoding=\"application/x-tex\">"_s + tex +
           u"</annotation></semantics></math>"_s;
}

} // namespace

class TestMathML : public QObject {
    Q_OBJECT

private slots:
    void formulas_data() {
        QTest::addColumn<QString>("latex");
        QTest::addColumn<bool>("display");
        QTest::addColumn<QString>("body");
        QTest::newRow("fraction") << u"\\frac{a}{b}"_s << false
                                  << u"<mrow><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow>"_s;
        QTest::newRow("power") << u"x^2"_s << false
                               << u"<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>"_s;
        QTest::newRow("sub and sup") << u"a_i^n"_s << false
                                     << u"<mrow><msubsup><mi>a</mi><mi>i</mi><mi>n</mi>"
                                        "</msubsup></mrow>"_s;
        QTest::newRow("sum with limits")
            << u"\\sum_{i=1}^{n} i"_s << true
            << u"<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow>"
               "<mi>n</mi></munderover><mi>i</mi></mrow>"_s;
        QTest::newRow("cube root")
            << u"\\sqrt[3]{x}"_s << false << u"<mrow><mroot><mi>x</mi><mn>3</mn></mroot></mrow>"_s;
        QTest::newRow("pmatrix")
            << u"\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}"_s << true
            << u"<mrow><mo fence=\"true\">(</mo><mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b"
               "</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable>"
               "<mo fence=\"true\">)</mo></mrow>"_s;
        QTest::newRow("escaped relation")
            << u"a<b"_s << false << u"<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"_s;
        QTest::newRow("upright and text")
            << u"\\mathrm{d}x \\text{ if } \\mathbb{R}"_s << false
            << u"<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi><mtext> if </mtext>"
               "<mi>ℝ</mi></mrow>"_s;
        QTest::newRow("function and greek")
            << u"\\sin\\theta"_s << false << u"<mrow><mi>sin</mi><mi>θ</mi></mrow>"_s;
        QTest::newRow("accent") << u"\\hat{x}"_s << false
                                << u"<mrow><mover accent=\"true\"><mi>x</mi><mo>ˆ</mo></mover>"
                                   "</mrow>"_s;
    }
    void formulas() {
        QFETCH(QString, latex);
        QFETCH(bool, display);
        QFETCH(QString, body);
        QCOMPARE(toMathML(latex, display), wrapped(body, latex.toHtmlEscaped(), display));
    }

    void unsupportedGivesNothing() { QVERIFY(toMathML(u"\\unknown{x}"_s, false).isEmpty()); }

    void htmlExport() {
        ExportDocument document;
        hearth::storage::Message m;
        m.role = hearth::storage::Role::Assistant;
        m.content = "The area is $\\pi r^2$ and it costs $5 or $10.\n\n"
                    "$$\\frac{a}{b}$$\n\nBut $\\weird{x}$ stays.";
        document.messages.push_back(m);
        HtmlRenderer renderer;
        const QString html = renderer.render(document);
        QVERIFY2(html.contains(u"<p>The area is <math xmlns=\"http://www.w3.org/1998/Math/MathML\" "
                               "display=\"inline\"><semantics><mrow><mi>π</mi><msup><mi>r</mi>"
                               "<mn>2</mn></msup></mrow><annotation encoding=\"application/x-tex\">"
                               "\\pi r^2</annotation></semantics></math> and it costs $5 or $10."
                               "</p>"_s),
                 qPrintable(html));
        QVERIFY(html.contains(u"<math xmlns=\"http://www.w3.org/1998/Math/MathML\" "
                              "display=\"block\"><semantics><mrow><mfrac><mi>a</mi><mi>b</mi>"
                              "</mfrac></mrow>"_s));
        QVERIFY(html.contains(u"<p>But <code class=\"math\">$\\weird{x}$</code> stays.</p>"_s));
    }
};

QTEST_APPLESS_MAIN(TestMathML)
#include "tst_mathml.moc"
