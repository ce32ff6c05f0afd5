// The LaTeX parser: the tree's shape for each construction (written as a compact string by
// the test's own printer), the atom classes and fonts that spacing and layout depend on,
// and errors with their positions for malformed or unsupported input, including hostile
// sizes and nesting.
#include "mathparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hearth::math;

namespace {

QString classMark(AtomClass c) {
    switch (c) {
    case AtomClass::Ord:
        return {};
    case AtomClass::Op:
        return u":op"_s;
    case AtomClass::Bin:
        return u":bin"_s;
    case AtomClass::Rel:
        return u":rel"_s;
    case AtomClass::Open:
        return u":open"_s;
    case AtomClass::Close:
        return u":close"_s;
    case AtomClass::Punct:
        return u":punct"_s;
    }
    return {};
}

// Row: items separated by spaces, in braces when not one item; other kinds as name(parts).
QString print(const Node& n) {
    auto parts = [](const std::vector<Node>& children) {
        QStringList out;
        for (const Node& c : children) {
            out << print(c);
        }
        return out;
    };
    switch (n.kind) {
    case Node::Kind::Row: {
        const QStringList items = parts(n.children);
        return items.size() == 1 ? items[0] : u"{"_s + items.join(u' ') + u"}"_s;
    }
    case Node::Kind::Atom:
        return n.text + classMark(n.atomClass) + (n.limits ? u"!"_s : u""_s);
    case Node::Kind::Frac:
        return (n.rule ? u"frac("_s : u"stack("_s) + parts(n.children).join(u',') + u")"_s;
    case Node::Kind::Sqrt:
        return u"sqrt("_s + parts(n.children).join(u',') + u")"_s;
    case Node::Kind::Scripts:
        return u"scripts("_s + print(n.children[0]) + u","_s +
               (n.hasSub ? print(n.children[1]) : u"-"_s) + u","_s +
               (n.hasSup ? print(n.children[2]) : u"-"_s) + u")"_s;
    case Node::Kind::Fenced:
        return u"fenced("_s + n.text + u","_s + print(n.children[0]) + u","_s + n.close + u")"_s;
    case Node::Kind::Matrix: {
        QStringList rows;
        for (const Node& row : n.children) {
            rows << parts(row.children).join(u',');
        }
        return u"matrix"_s + QString::number(int(n.env)) + u"("_s + rows.join(u';') + u")"_s;
    }
    case Node::Kind::Accent:
        return u"accent("_s + n.text + u","_s + print(n.children[0]) + u")"_s;
    case Node::Kind::Space:
        return u"space("_s + QString::number(n.width) + u")"_s;
    case Node::Kind::Text:
        return u"text("_s + n.text + u")"_s;
    }
    return {};
}

} // namespace

class TestMathParser : public QObject {
    Q_OBJECT

private slots:
    void structures_data() {
        QTest::addColumn<QString>("latex");
        QTest::addColumn<QString>("tree");
        QTest::newRow("letters and operators") << u"a+b=c"_s << u"{a +:bin b =:rel c}"_s;
        QTest::newRow("minus sign") << u"-x"_s << u"{−:bin x}"_s;
        QTest::newRow("number") << u"3.14r"_s << u"{3.14 r}"_s;
        QTest::newRow("fraction") << u"\\frac{a+1}{b}"_s << u"frac({a +:bin 1},b)"_s;
        QTest::newRow("fraction of tokens") << u"\\frac12"_s << u"frac(1,2)"_s;
        QTest::newRow("binomial") << u"\\binom{n}{k}"_s << u"fenced((,stack(n,k),))"_s;
        QTest::newRow("superscript") << u"x^2"_s << u"scripts(x,-,2)"_s;
        QTest::newRow("both scripts") << u"x_i^{2}"_s << u"scripts(x,i,2)"_s;
        QTest::newRow("scripts either order") << u"x^2_i"_s << u"scripts(x,i,2)"_s;
        QTest::newRow("prime") << u"f'(x)"_s << u"{scripts(f,-,′) (:open x ):close}"_s;
        QTest::newRow("root") << u"\\sqrt{x}"_s << u"sqrt(x)"_s;
        QTest::newRow("nth root") << u"\\sqrt[3]{x}"_s << u"sqrt(x,3)"_s;
        QTest::newRow("sum with limits")
            << u"\\sum_{i=1}^n i"_s << u"{scripts(∑:op!,{i =:rel 1},n) i}"_s;
        QTest::newRow("integral") << u"\\int_0^1"_s << u"scripts(∫:op,0,1)"_s;
        QTest::newRow("integral with limits") << u"\\int\\limits_0^1"_s << u"scripts(∫:op!,0,1)"_s;
        QTest::newRow("lim") << u"\\lim_{x\\to 0}"_s << u"scripts(lim:op!,{x →:rel 0},-)"_s;
        QTest::newRow("sin") << u"\\sin x"_s << u"{sin:op x}"_s;
        QTest::newRow("greek") << u"\\alpha\\Omega"_s << u"{α Ω}"_s;
        QTest::newRow("symbols") << u"\\infty\\partial\\nabla"_s << u"{∞ ∂ ∇}"_s;
        QTest::newRow("relations") << u"a\\leq b\\neq c"_s << u"{a ≤:rel b ≠:rel c}"_s;
        QTest::newRow("binary") << u"a\\cdot b\\times c\\pm d"_s
                                << u"{a ⋅:bin b ×:bin c ±:bin d}"_s;
        QTest::newRow("left right")
            << u"\\left( \\frac{a}{b} \\right]"_s << u"fenced((,frac(a,b),])"_s;
        QTest::newRow("left dot") << u"\\left. x \\right|"_s << u"fenced(,x,|)"_s;
        QTest::newRow("angle brackets")
            << u"\\left\\langle x\\right\\rangle"_s << u"fenced(⟨,x,⟩)"_s;
        QTest::newRow("pmatrix") << u"\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}"_s
                                 << u"matrix1(a,b;c,d)"_s;
        QTest::newRow("trailing row break")
            << u"\\begin{bmatrix}1\\\\2\\\\\\end{bmatrix}"_s << u"matrix2(1;2)"_s;
        QTest::newRow("cases") << u"\\begin{cases}1 & x>0\\\\0 & \\text{else}\\end{cases}"_s
                               << u"matrix6(1,{x >:rel 0};0,text(else))"_s;
        QTest::newRow("align*") << u"\\begin{align*}a&=b\\end{align*}"_s
                                << u"matrix7(a,{=:rel b})"_s;
        QTest::newRow("text") << u"\\text{if } x"_s << u"{text(if ) x}"_s;
        QTest::newRow("blackboard") << u"\\mathbb{R}\\mathbb{A}"_s << u"{ℝ 𝔸}"_s;
        QTest::newRow("calligraphic") << u"\\mathcal{L}"_s << u"ℒ"_s;
        QTest::newRow("accents") << u"\\hat{x}\\vec v\\overline{AB}"_s
                                 << u"{accent(ˆ,x) accent(→,v) accent(,{A B})}"_s;
        QTest::newRow("spaces") << u"a\\,b\\quad c\\!d"_s
                                << u"{a space(3) b space(18) c space(-3) d}"_s;
        QTest::newRow("display style ignored") << u"\\displaystyle x"_s << u"x"_s;
        QTest::newRow("escaped percent") << u"50\\%"_s << u"{50 %}"_s;
        QTest::newRow("operatorname") << u"\\operatorname{tr} A"_s << u"{tr:op A}"_s;
    }
    void structures() {
        QFETCH(QString, latex);
        QFETCH(QString, tree);
        const ParseResult r = parse(latex);
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
        QCOMPARE(print(r.tree), tree);
    }

    void fonts() {
        const ParseResult r = parse(u"x\\mathrm{d}\\mathbf{v}2\\Gamma\\sum"_s);
        QVERIFY(r.ok());
        const std::vector<Node>& c = r.tree.children;
        QCOMPARE(c.size(), size_t(6));
        QCOMPARE(c[0].variant, Variant::Italic);
        QCOMPARE(c[1].variant, Variant::Upright);
        QCOMPARE(c[2].variant, Variant::Bold);
        QCOMPARE(c[3].variant, Variant::Upright);
        QCOMPARE(c[4].variant, Variant::Upright); // uppercase Greek is upright in TeX
        QCOMPARE(c[5].variant, Variant::Symbol);
        QVERIFY(c[5].largeOp);
    }

    void errors_data() {
        QTest::addColumn<QString>("latex");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << u"a+\\foo"_s << 2 << u"unknown command \\foo"_s;
        QTest::newRow("missing argument") << u"\\frac{a}"_s << 8 << u"missing argument"_s;
        QTest::newRow("script without argument") << u"x^"_s << 2 << u"missing argument"_s;
        QTest::newRow("script without base") << u"^2"_s << 0 << u"script without a base"_s;
        QTest::newRow("double superscript") << u"a^b^c"_s << 4 << u"double superscript"_s;
        QTest::newRow("double subscript") << u"a_b_c"_s << 4 << u"double subscript"_s;
        QTest::newRow("unclosed brace") << u"{a"_s << 2 << u"expected \"}\""_s;
        QTest::newRow("stray brace") << u"a}"_s << 1 << u"unexpected \"}\""_s;
        QTest::newRow("left without right") << u"\\left( a"_s << 8 << u"\\left without \\right"_s;
        QTest::newRow("not a delimiter") << u"\\left a\\right)"_s << 6 << u"not a delimiter"_s;
        QTest::newRow("unknown environment")
            << u"\\begin{tabular}x\\end{tabular}"_s << 6 << u"unknown environment \"tabular\""_s;
        QTest::newRow("unended environment")
            << u"\\begin{matrix}a"_s << 15 << u"\\begin{matrix} without \\end"_s;
        QTest::newRow("mismatched end")
            << u"\\begin{matrix}a\\end{cases}"_s << 26 << u"\\end does not match \\begin{matrix}"_s;
        QTest::newRow("ampersand outside") << u"a&b"_s << 1 << u"unexpected \"&\""_s;
        QTest::newRow("lone backslash") << u"a\\"_s << 1 << u"lone backslash"_s;
        QTest::newRow("empty") << u"  "_s << 0 << u"empty formula"_s;
    }
    void errors() {
        QFETCH(QString, latex);
        QFETCH(int, position);
        QFETCH(QString, message);
        const ParseResult r = parse(latex);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->message, message);
        QCOMPARE(r.error->position, qsizetype(position));
        QVERIFY(r.tree.children.empty());
    }

    // Hostile input ends in an error, not a crash or a long wait.
    void limits() {
        QCOMPARE(parse(QString(5000, u'x')).error->message, u"formula too long"_s);
        QCOMPARE(parse(QString(200, u'{') + QString(200, u'}')).error->message,
                 u"nested too deeply"_s);
        QCOMPARE(parse(u"\\frac"_s.repeated(300) + u"ab"_s).error->message, u"nested too deeply"_s);
        QCOMPARE(parse(u"x^{"_s.repeated(300)).error->message, u"nested too deeply"_s);
        QCOMPARE(parse(u"x"_s.repeated(kMaxNodes + 10)).error->message, u"formula too large"_s);
        // Just inside the limits: parses.
        QVERIFY(parse(QString(30, u'{') + u"x"_s + QString(30, u'}')).ok());
        QVERIFY(parse(u"x"_s.repeated(kMaxNodes - 10)).ok());
    }
};

QTEST_APPLESS_MAIN(TestMathParser)
#include "tst_mathparser.moc"
