// The parser's entry point and its backslash commands, \left...\right and environments;
// rows, scripts and single characters are in mathparser_p.h.
#include "mathparser_p.h"
#include "mathsymbols.h"

#include <QList>

namespace hearth::math::detail {

Node Parser::parseCommand() {
    const QString name = peekCommand();
    if (name.isEmpty()) {
        fail(u"lone backslash"_s);
    }
    pos_ += 1 + name.size();
    if (const std::optional<Symbol> sym = symbolFor(name)) {
        Node n = atom(sym->text, sym->atomClass, sym->variant);
        n.largeOp = sym->largeOp;
        n.limits = sym->limits;
        return n;
    }
    if (const std::optional<int> mu = spaceFor(name)) {
        return space(*mu);
    }
    if (name == u"frac" || name == u"dfrac" || name == u"tfrac" || name == u"binom") {
        return parseFrac(name);
    }
    if (name == u"sqrt") {
        return parseSqrt();
    }
    if (name == u"left") {
        return parseFenced();
    }
    if (name == u"begin") {
        return parseEnvironment();
    }
    if (name == u"displaystyle" || name == u"textstyle" || name == u"big" || name == u"Big" ||
        name == u"bigg" || name == u"Bigg" || name == u"bigl" || name == u"bigr" ||
        name == u"Bigl" || name == u"Bigr" || name == u"biggl" || name == u"biggr" ||
        name == u"Biggl" || name == u"Biggr") {
        Node skip = make(Node::Kind::Row);
        skip.text = u"skip"_s;
        return skip;
    }
    if (name == u"text" || name == u"textrm" || name == u"mbox" || name == u"textit" ||
        name == u"textbf") {
        Node n = make(Node::Kind::Text);
        n.text = rawGroup();
        return n;
    }
    if (name == u"operatorname") {
        return atom(rawGroup(), AtomClass::Op, Variant::Upright);
    }
    static const QList<std::pair<QString, Variant>> fonts = {
        {u"mathrm"_s, Variant::Upright},  {u"mathbf"_s, Variant::Bold},
        {u"boldsymbol"_s, Variant::Bold}, {u"mathbb"_s, Variant::DoubleStruck},
        {u"mathcal"_s, Variant::Script},  {u"mathit"_s, Variant::Italic}};
    for (const auto& [fontName, variant] : fonts) {
        if (name == fontName) {
            Node body = parseArgument();
            restyle(body, variant);
            if (body.kind == Node::Kind::Row && body.children.size() == 1) {
                Node only = std::move(body.children[0]);
                return only;
            }
            return body;
        }
    }
    static const QList<std::pair<QString, QString>> accents = {
        {u"hat"_s, u"ˆ"_s},   {u"widehat"_s, u"ˆ"_s},   {u"bar"_s, u"¯"_s},
        {u"vec"_s, u"→"_s},   {u"dot"_s, u"˙"_s},       {u"ddot"_s, u"¨"_s},
        {u"tilde"_s, u"˜"_s}, {u"widetilde"_s, u"˜"_s}, {u"overline"_s, QString()}};
    for (const auto& [accentName, mark] : accents) {
        if (name == accentName) {
            Node n = make(Node::Kind::Accent);
            n.text = mark;
            n.children.push_back(parseArgument());
            return n;
        }
    }
    pos_ -= 1 + name.size();
    fail(u"unknown command \\%1"_s.arg(name));
}

// Letters in \mathbb{R} or \mathbf{x} take the font's variant; everything else keeps its own.
void Parser::restyle(Node& node, Variant variant) {
    if (node.kind == Node::Kind::Atom && node.variant != Variant::Symbol) {
        if (variant == Variant::DoubleStruck || variant == Variant::Script) {
            node.close = node.text; // the plain letters, for fonts without the mapped ones
        }
        node.text = mapLetters(node.text, variant);
        node.variant = (variant == Variant::DoubleStruck || variant == Variant::Script)
                           ? Variant::Symbol
                           : variant;
    }
    for (Node& child : node.children) {
        restyle(child, variant);
    }
}

Node Parser::parseFrac(const QString& name) {
    Node n = make(Node::Kind::Frac);
    n.children.push_back(parseArgument());
    n.children.push_back(parseArgument());
    if (name != u"binom") {
        return n;
    }
    n.rule = false;
    Node fenced = make(Node::Kind::Fenced);
    fenced.text = u"("_s;
    fenced.close = u")"_s;
    fenced.children.push_back(std::move(n));
    return fenced;
}

Node Parser::parseSqrt() {
    Node n = make(Node::Kind::Sqrt);
    skipSpace();
    Node index;
    bool hasIndex = false;
    if (!atEnd() && s_[pos_] == u'[') {
        ++pos_;
        index = parseRow(Stop::Bracket);
        expect(u']');
        hasIndex = true;
    }
    n.children.push_back(parseArgument());
    if (hasIndex) {
        n.children.push_back(std::move(index));
    }
    return n;
}

// A delimiter after \left, \right or \middle: a character, a delimiter command, or "." for
// none.
QString Parser::parseDelimiter() {
    skipSpace();
    if (atEnd()) {
        fail(u"missing delimiter"_s);
    }
    const QChar c = s_[pos_];
    if (QStringView(u"()[]|/.<>").contains(c)) {
        ++pos_;
        return c == u'.' ? QString() : c == u'<' ? u"⟨"_s : c == u'>' ? u"⟩"_s : QString(c);
    }
    if (c == u'\\') {
        const QString name = peekCommand();
        const std::optional<Symbol> sym = symbolFor(name);
        if (sym && (sym->atomClass == AtomClass::Open || sym->atomClass == AtomClass::Close ||
                    name == u"vert" || name == u"Vert" || name == u"|" || name == u"uparrow" ||
                    name == u"downarrow")) {
            pos_ += 1 + name.size();
            return sym->text;
        }
    }
    fail(u"not a delimiter"_s);
}

Node Parser::parseFenced() {
    Node n = make(Node::Kind::Fenced);
    n.text = parseDelimiter();
    n.children.push_back(parseRow(Stop::Right));
    if (peekCommand() != u"right") {
        fail(u"\\left without \\right"_s);
    }
    pos_ += 6;
    n.close = parseDelimiter();
    return n;
}

Node Parser::parseEnvironment() {
    const qsizetype start = pos_;
    const QString name = rawGroup();
    static const QList<std::pair<QString, Environment>> envs = {
        {u"matrix"_s, Environment::Matrix},   {u"pmatrix"_s, Environment::PMatrix},
        {u"bmatrix"_s, Environment::BMatrix}, {u"Bmatrix"_s, Environment::BraceMatrix},
        {u"vmatrix"_s, Environment::VMatrix}, {u"Vmatrix"_s, Environment::DoubleVMatrix},
        {u"cases"_s, Environment::Cases},     {u"aligned"_s, Environment::Aligned},
        {u"align"_s, Environment::Aligned},   {u"align*"_s, Environment::Aligned}};
    Node n = make(Node::Kind::Matrix);
    bool known = false;
    for (const auto& [envName, env] : envs) {
        if (name == envName) {
            n.env = env;
            known = true;
        }
    }
    if (!known) {
        pos_ = start;
        fail(u"unknown environment \"%1\""_s.arg(name));
    }
    Node row = make(Node::Kind::Row);
    for (;;) {
        row.children.push_back(parseRow(Stop::Cell));
        if (atEnd()) {
            fail(u"\\begin{%1} without \\end"_s.arg(name));
        }
        const QString cmd = peekCommand();
        if (s_[pos_] == u'&') {
            ++pos_;
        } else if (cmd == u"\\") {
            pos_ += 2;
            n.children.push_back(std::move(row));
            row = make(Node::Kind::Row);
        } else if (cmd == u"end") {
            pos_ += 4;
            if (rawGroup() != name) {
                fail(u"\\end does not match \\begin{%1}"_s.arg(name));
            }
            break;
        } else {
            fail(u"unexpected \"%1\" in %2"_s.arg(s_[pos_]).arg(name));
        }
    }
    // A trailing \\ leaves one empty cell: not a row.
    if (!(row.children.size() == 1 && row.children[0].children.empty()) || n.children.empty()) {
        n.children.push_back(std::move(row));
    }
    return n;
}

} // namespace hearth::math::detail

namespace hearth::math {

using detail::Failure;
using detail::Parser;

ParseResult parse(QStringView latex) {
    ParseResult result;
    if (latex.size() > kMaxLength) {
        result.error = ParseError{kMaxLength, u"formula too long"_s};
        return result;
    }
    try {
        Parser parser(latex);
        result.tree = parser.document();
        if (result.tree.children.empty()) {
            result.error = ParseError{0, u"empty formula"_s};
            result.tree = Node{};
        }
    } catch (const Failure& f) {
        result.error = ParseError{f.position, f.message};
        result.tree = Node{};
    }
    return result;
}

} // namespace hearth::math
