#include "mathsymbols.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace hearth::math {

namespace {

using C = AtomClass;
using V = Variant;

Symbol sym(const char16_t* text, C c, V v = V::Symbol) {
    return Symbol{QString::fromUtf16(text), c, v, false, false};
}
Symbol bigOp(const char16_t* text, bool limits) {
    return Symbol{QString::fromUtf16(text), C::Op, V::Symbol, true, limits};
}
// Operator names set upright in the text font (\sin, \lim): with limits like \lim, or
// without like \sin.
Symbol named(const QString& text, bool limits) {
    return Symbol{text, C::Op, V::Upright, false, limits};
}

QHash<QString, Symbol> buildTable() {
    QHash<QString, Symbol> t;
    // Greek: lowercase as italic variables, uppercase upright (TeX's convention).
    const char* lower[] = {"alpha", "beta",    "gamma",   "delta", "epsilon", "zeta",
                           "eta",   "theta",   "iota",    "kappa", "lambda",  "mu",
                           "nu",    "xi",      "omicron", "pi",    "rho",     "sigma",
                           "tau",   "upsilon", "phi",     "chi",   "psi",     "omega"};
    const char16_t lowerChars[] = u"αβγδϵζηθικλμνξοπρστυϕχψω";
    for (int i = 0; i < 24; ++i) {
        t.insert(QString::fromLatin1(lower[i]),
                 Symbol{QString(QChar(lowerChars[i])), C::Ord, V::Italic, false, false});
    }
    t.insert(u"varepsilon"_s, sym(u"ε", C::Ord, V::Italic));
    t.insert(u"vartheta"_s, sym(u"ϑ", C::Ord, V::Italic));
    t.insert(u"varphi"_s, sym(u"φ", C::Ord, V::Italic));
    t.insert(u"varrho"_s, sym(u"ϱ", C::Ord, V::Italic));
    t.insert(u"varsigma"_s, sym(u"ς", C::Ord, V::Italic));
    t.insert(u"varpi"_s, sym(u"ϖ", C::Ord, V::Italic));
    const char* upper[] = {"Gamma", "Delta",   "Theta", "Lambda", "Xi",   "Pi",
                           "Sigma", "Upsilon", "Phi",   "Psi",    "Omega"};
    const char16_t upperChars[] = u"ΓΔΘΛΞΠΣΥΦΨΩ";
    for (int i = 0; i < 11; ++i) {
        t.insert(QString::fromLatin1(upper[i]),
                 Symbol{QString(QChar(upperChars[i])), C::Ord, V::Upright, false, false});
    }
    struct Entry {
        const char* name;
        const char16_t* text;
        C c;
    };
    const Entry symbols[] = {{"infty", u"∞", C::Ord},
                             {"partial", u"∂", C::Ord},
                             {"nabla", u"∇", C::Ord},
                             {"forall", u"∀", C::Ord},
                             {"exists", u"∃", C::Ord},
                             {"nexists", u"∄", C::Ord},
                             {"emptyset", u"∅", C::Ord},
                             {"varnothing", u"∅", C::Ord},
                             {"neg", u"¬", C::Ord},
                             {"lnot", u"¬", C::Ord},
                             {"hbar", u"ℏ", C::Ord},
                             {"ell", u"ℓ", C::Ord},
                             {"Re", u"ℜ", C::Ord},
                             {"Im", u"ℑ", C::Ord},
                             {"aleph", u"ℵ", C::Ord},
                             {"prime", u"′", C::Ord},
                             {"angle", u"∠", C::Ord},
                             {"degree", u"°", C::Ord},
                             {"ldots", u"…", C::Ord},
                             {"dots", u"…", C::Ord},
                             {"cdots", u"⋯", C::Ord},
                             {"vdots", u"⋮", C::Ord},
                             {"ddots", u"⋱", C::Ord},
                             {"top", u"⊤", C::Ord},
                             {"bot", u"⊥", C::Ord},
                             {"triangle", u"△", C::Ord},
                             {"square", u"□", C::Ord},
                             {"cdot", u"⋅", C::Bin},
                             {"times", u"×", C::Bin},
                             {"div", u"÷", C::Bin},
                             {"pm", u"±", C::Bin},
                             {"mp", u"∓", C::Bin},
                             {"ast", u"∗", C::Bin},
                             {"circ", u"∘", C::Bin},
                             {"bullet", u"∙", C::Bin},
                             {"star", u"⋆", C::Bin},
                             {"cup", u"∪", C::Bin},
                             {"cap", u"∩", C::Bin},
                             {"wedge", u"∧", C::Bin},
                             {"land", u"∧", C::Bin},
                             {"vee", u"∨", C::Bin},
                             {"lor", u"∨", C::Bin},
                             {"oplus", u"⊕", C::Bin},
                             {"ominus", u"⊖", C::Bin},
                             {"otimes", u"⊗", C::Bin},
                             {"odot", u"⊙", C::Bin},
                             {"setminus", u"∖", C::Bin},
                             {"leq", u"≤", C::Rel},
                             {"le", u"≤", C::Rel},
                             {"geq", u"≥", C::Rel},
                             {"ge", u"≥", C::Rel},
                             {"neq", u"≠", C::Rel},
                             {"ne", u"≠", C::Rel},
                             {"approx", u"≈", C::Rel},
                             {"equiv", u"≡", C::Rel},
                             {"sim", u"∼", C::Rel},
                             {"simeq", u"≃", C::Rel},
                             {"cong", u"≅", C::Rel},
                             {"propto", u"∝", C::Rel},
                             {"ll", u"≪", C::Rel},
                             {"gg", u"≫", C::Rel},
                             {"subset", u"⊂", C::Rel},
                             {"subseteq", u"⊆", C::Rel},
                             {"supset", u"⊃", C::Rel},
                             {"supseteq", u"⊇", C::Rel},
                             {"in", u"∈", C::Rel},
                             {"notin", u"∉", C::Rel},
                             {"ni", u"∋", C::Rel},
                             {"perp", u"⊥", C::Rel},
                             {"parallel", u"∥", C::Rel},
                             {"mid", u"∣", C::Rel},
                             {"to", u"→", C::Rel},
                             {"rightarrow", u"→", C::Rel},
                             {"leftarrow", u"←", C::Rel},
                             {"gets", u"←", C::Rel},
                             {"leftrightarrow", u"↔", C::Rel},
                             {"Rightarrow", u"⇒", C::Rel},
                             {"Leftarrow", u"⇐", C::Rel},
                             {"Leftrightarrow", u"⇔", C::Rel},
                             {"mapsto", u"↦", C::Rel},
                             {"implies", u"⟹", C::Rel},
                             {"impliedby", u"⟸", C::Rel},
                             {"iff", u"⟺", C::Rel},
                             {"longrightarrow", u"⟶", C::Rel},
                             {"longleftarrow", u"⟵", C::Rel},
                             {"uparrow", u"↑", C::Rel},
                             {"downarrow", u"↓", C::Rel},
                             {"langle", u"⟨", C::Open},
                             {"rangle", u"⟩", C::Close},
                             {"lfloor", u"⌊", C::Open},
                             {"rfloor", u"⌋", C::Close},
                             {"lceil", u"⌈", C::Open},
                             {"rceil", u"⌉", C::Close},
                             {"{", u"{", C::Open},
                             {"}", u"}", C::Close},
                             {"lbrace", u"{", C::Open},
                             {"rbrace", u"}", C::Close},
                             {"lvert", u"|", C::Open},
                             {"rvert", u"|", C::Close},
                             {"lVert", u"‖", C::Open},
                             {"rVert", u"‖", C::Close},
                             {"vert", u"|", C::Ord},
                             {"Vert", u"‖", C::Ord},
                             {"|", u"‖", C::Ord},
                             {"%", u"%", C::Ord},
                             {"$", u"$", C::Ord},
                             {"&", u"&", C::Ord},
                             {"#", u"#", C::Ord},
                             {"_", u"_", C::Ord}};
    for (const Entry& e : symbols) {
        t.insert(QString::fromLatin1(e.name), sym(e.text, e.c));
    }
    const char* limitOps[] = {"sum",      "prod",      "coprod", "bigcup",  "bigcap",
                              "bigoplus", "bigotimes", "bigvee", "bigwedge"};
    const char16_t limitChars[] = u"∑∏∐⋃⋂⨁⨂⋁⋀";
    for (int i = 0; i < 9; ++i) {
        t.insert(QString::fromLatin1(limitOps[i]),
                 Symbol{QString(QChar(limitChars[i])), C::Op, V::Symbol, true, true});
    }
    t.insert(u"int"_s, bigOp(u"∫", false));
    t.insert(u"iint"_s, bigOp(u"∬", false));
    t.insert(u"iiint"_s, bigOp(u"∭", false));
    t.insert(u"oint"_s, bigOp(u"∮", false));
    for (const char* n :
         {"lim", "max", "min", "sup", "inf", "det", "gcd", "Pr", "argmax", "argmin"}) {
        t.insert(QString::fromLatin1(n), named(QString::fromLatin1(n), true));
    }
    t.insert(u"limsup"_s, named(u"lim sup"_s, true));
    t.insert(u"liminf"_s, named(u"lim inf"_s, true));
    for (const char* n : {"sin",  "cos", "tan",    "cot",    "sec",    "csc",  "log",  "ln",
                          "lg",   "exp", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
                          "coth", "dim", "ker",    "deg",    "arg",    "hom",  "mod"}) {
        t.insert(QString::fromLatin1(n), named(QString::fromLatin1(n), false));
    }
    return t;
}

} // namespace

std::optional<Symbol> symbolFor(QStringView command) {
    static const QHash<QString, Symbol> table = buildTable();
    const auto it = table.constFind(command.toString());
    if (it == table.constEnd()) {
        return std::nullopt;
    }
    return *it;
}

std::optional<int> spaceFor(QStringView command) {
    if (command == u",")
        return 3;
    if (command == u":" || command == u">")
        return 4;
    if (command == u";")
        return 5;
    if (command == u"!")
        return -3;
    if (command == u" " || command == u"~")
        return 6;
    if (command == u"quad")
        return 18;
    if (command == u"qquad")
        return 36;
    return std::nullopt;
}

QString mapLetters(QStringView text, Variant variant) {
    if (variant != Variant::DoubleStruck && variant != Variant::Script) {
        return text.toString();
    }
    // Letters Unicode encoded before the Mathematical Alphanumeric block: their slots there
    // are reserved holes.
    static const QHash<QChar, char32_t> doubleStruck = {
        {u'C', 0x2102}, {u'H', 0x210D}, {u'N', 0x2115}, {u'P', 0x2119},
        {u'Q', 0x211A}, {u'R', 0x211D}, {u'Z', 0x2124}};
    static const QHash<QChar, char32_t> script = {{u'B', 0x212C}, {u'E', 0x2130}, {u'F', 0x2131},
                                                  {u'H', 0x210B}, {u'I', 0x2110}, {u'L', 0x2112},
                                                  {u'M', 0x2133}, {u'R', 0x211B}, {u'e', 0x212F},
                                                  {u'g', 0x210A}, {u'o', 0x2134}};
    const char32_t capitalBase = variant == Variant::DoubleStruck ? 0x1D538 : 0x1D49C;
    const char32_t smallBase = variant == Variant::DoubleStruck ? 0x1D552 : 0x1D4B6;
    const auto& holes = variant == Variant::DoubleStruck ? doubleStruck : script;
    QString out;
    for (QChar c : text) {
        char32_t code = c.unicode();
        if (holes.contains(c)) {
            code = holes.value(c);
        } else if (c >= u'A' && c <= u'Z') {
            code = capitalBase + (c.unicode() - u'A');
        } else if (c >= u'a' && c <= u'z') {
            code = smallBase + (c.unicode() - u'a');
        }
        out += QString::fromUcs4(&code, 1);
    }
    return out;
}

} // namespace hearth::math
