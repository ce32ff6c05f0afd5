// The parser's internals: the Parser class with its rows, scripts and single characters
// here; its backslash commands, \left...\right and environments in mathparser.cpp. See
// mathparser.h.
#pragma once

#include "mathparser.h"

using namespace Qt::StringLiterals;

namespace hearth::math::detail {

// Thrown inside the parser only, caught in parse(): the first error ends the parse.
struct Failure {
    qsizetype position;
    QString message;
};

class Parser {
public:
    explicit Parser(QStringView s) : s_(s) {}

    Node document() {
        Node row = parseRow(Stop::End);
        if (pos_ < s_.size()) {
            fail(u"unexpected \"%1\""_s.arg(s_[pos_]));
        }
        return row;
    }

private:
    // What ends a row: the end of input, a closing brace, a cell or row separator in an
    // environment, \right, or a closing bracket of \sqrt's index.
    enum class Stop { End, Brace, Cell, Right, Bracket };

    [[noreturn]] void fail(const QString& message) const { throw Failure{pos_, message}; }

    Node make(Node::Kind kind) {
        if (++nodes_ > kMaxNodes) {
            fail(u"formula too large"_s);
        }
        Node n;
        n.kind = kind;
        return n;
    }

    void skipSpace() {
        while (pos_ < s_.size() && s_[pos_].isSpace()) {
            ++pos_;
        }
    }

    bool atEnd() { return pos_ >= s_.size(); }

    // A command name after a backslash: letters, or one other character.
    QString peekCommand() const {
        if (pos_ >= s_.size() || s_[pos_] != u'\\' || pos_ + 1 >= s_.size()) {
            return {};
        }
        qsizetype end = pos_ + 1;
        if (!s_[end].isLetter()) {
            return s_.sliced(end, 1).toString();
        }
        while (end < s_.size() && s_[end].isLetter() && s_[end].unicode() < 128) {
            ++end;
        }
        return s_.sliced(pos_ + 1, end - pos_ - 1).toString();
    }

    bool stopsRow(Stop stop) {
        skipSpace();
        if (atEnd()) {
            return true;
        }
        const QChar c = s_[pos_];
        if (c == u'}') {
            return true;
        }
        if (c == u']' && stop == Stop::Bracket) {
            return true;
        }
        if (c == u'&') {
            return true;
        }
        const QString cmd = peekCommand();
        return cmd == u"\\" || cmd == u"right" || cmd == u"end" || cmd == u"middle";
    }

    Node parseRow(Stop stop) {
        if (++depth_ > kMaxDepth) {
            fail(u"nested too deeply"_s);
        }
        Node row = make(Node::Kind::Row);
        while (!stopsRow(stop)) {
            Node item = parseItem();
            if (item.kind == Node::Kind::Row && item.children.empty() && item.text == u"skip") {
                continue; // \displaystyle and friends
            }
            row.children.push_back(parseScripts(std::move(item)));
        }
        --depth_;
        return row;
    }

    // Postfix ^, _ and ' after a base.
    Node parseScripts(Node base) {
        Node sub, sup; // Rows, counted below when there are scripts
        bool hasSub = false, hasSup = false;
        for (;;) {
            skipSpace();
            if (atEnd()) {
                break;
            }
            const QChar c = s_[pos_];
            if (c == u'\'') {
                ++pos_;
                Node prime = make(Node::Kind::Atom);
                prime.text = u"′"_s;
                prime.variant = Variant::Symbol;
                sup.children.push_back(std::move(prime));
                hasSup = true;
                continue;
            }
            if (c != u'^' && c != u'_') {
                if (peekCommand() == u"limits" || peekCommand() == u"nolimits") {
                    const bool limits = peekCommand() == u"limits";
                    pos_ += limits ? 7 : 9;
                    if (base.kind == Node::Kind::Atom && base.atomClass == AtomClass::Op) {
                        base.limits = limits;
                        continue;
                    }
                    fail(u"\\limits after something that is not an operator"_s);
                }
                break;
            }
            ++pos_;
            bool& has = c == u'^' ? hasSup : hasSub;
            if (has && c == u'_') {
                fail(u"double subscript"_s);
            }
            if (has && c == u'^' && !sup.children.empty() && sup.children.back().text != u"′") {
                fail(u"double superscript"_s);
            }
            has = true;
            (c == u'^' ? sup : sub).children.push_back(parseArgument());
        }
        if (!hasSub && !hasSup) {
            return base;
        }
        make(Node::Kind::Row); // sub
        make(Node::Kind::Row); // sup
        Node scripts = make(Node::Kind::Scripts);
        scripts.hasSub = hasSub;
        scripts.hasSup = hasSup;
        scripts.children.push_back(std::move(base));
        scripts.children.push_back(std::move(sub));
        scripts.children.push_back(std::move(sup));
        return scripts;
    }

    // A required argument: {group} or one token.
    Node parseArgument() {
        skipSpace();
        if (atEnd()) {
            fail(u"missing argument"_s);
        }
        if (s_[pos_] == u'{') {
            return parseGroup();
        }
        if (s_[pos_] == u'}' || s_[pos_] == u'^' || s_[pos_] == u'_' || s_[pos_] == u'&') {
            fail(u"missing argument"_s);
        }
        if (s_[pos_].isDigit()) { // one digit, as TeX takes one token: \frac12
            return atom(s_.sliced(pos_++, 1).toString(), AtomClass::Ord, Variant::Upright);
        }
        return parseItem();
    }

    Node parseGroup() {
        ++pos_; // '{'
        Node row = parseRow(Stop::Brace);
        expect(u'}');
        return row;
    }

    void expect(QChar c) {
        skipSpace();
        if (atEnd() || s_[pos_] != c) {
            fail(u"expected \"%1\""_s.arg(c));
        }
        ++pos_;
    }

    // The raw text of a {group} without parsing (\text, \begin's name).
    QString rawGroup() {
        skipSpace();
        if (atEnd() || s_[pos_] != u'{') {
            fail(u"expected \"{\""_s);
        }
        int level = 0;
        const qsizetype start = pos_ + 1;
        for (; pos_ < s_.size(); ++pos_) {
            if (s_[pos_] == u'\\') {
                ++pos_;
            } else if (s_[pos_] == u'{') {
                ++level;
            } else if (s_[pos_] == u'}' && --level == 0) {
                ++pos_;
                return s_.sliced(start, pos_ - 1 - start).toString();
            }
        }
        fail(u"unclosed \"{\""_s);
    }

    Node atom(const QString& text, AtomClass c, Variant v) {
        Node n = make(Node::Kind::Atom);
        n.text = text;
        n.atomClass = c;
        n.variant = v;
        return n;
    }

    // Every recursion passes through here or parseRow(), so both count towards kMaxDepth
    // (\frac\frac\frac... nests without braces).
    Node parseItem() {
        if (++depth_ > kMaxDepth) {
            fail(u"nested too deeply"_s);
        }
        Node item = parseItemAt();
        --depth_;
        return item;
    }

    Node parseItemAt() {
        const QChar c = s_[pos_];
        if (c == u'{') {
            return parseGroup();
        }
        if (c == u'\\') {
            return parseCommand();
        }
        if (c == u'^' || c == u'_') {
            fail(u"script without a base"_s);
        }
        if (c == u']') { // only special inside \sqrt[...]
            ++pos_;
            return atom(u"]"_s, AtomClass::Close, Variant::Upright);
        }
        if (c.isDigit() || (c == u'.' && pos_ + 1 < s_.size() && s_[pos_ + 1].isDigit())) {
            const qsizetype start = pos_;
            while (pos_ < s_.size() && (s_[pos_].isDigit() || s_[pos_] == u'.')) {
                ++pos_;
            }
            return atom(s_.sliced(start, pos_ - start).toString(), AtomClass::Ord,
                        Variant::Upright);
        }
        // One character, a surrogate pair taken whole.
        qsizetype n = c.isHighSurrogate() && pos_ + 1 < s_.size() ? 2 : 1;
        const QString text = s_.sliced(pos_, n).toString();
        pos_ += n;
        switch (c.unicode()) {
        case u'+':
            return atom(text, AtomClass::Bin, Variant::Upright);
        case u'-':
            return atom(u"−"_s, AtomClass::Bin, Variant::Upright);
        case u'*':
            return atom(u"∗"_s, AtomClass::Bin, Variant::Symbol);
        case u'=':
        case u'<':
        case u'>':
        case u':':
            return atom(text, AtomClass::Rel, Variant::Upright);
        case u',':
        case u';':
            return atom(text, AtomClass::Punct, Variant::Upright);
        case u'(':
        case u'[':
            return atom(text, AtomClass::Open, Variant::Upright);
        case u')':
        case u'!':
        case u'?':
            return atom(text, AtomClass::Close, Variant::Upright);
        case u'~':
            return space(6);
        default:
            break;
        }
        return atom(text, AtomClass::Ord, c.isLetter() ? Variant::Italic : Variant::Upright);
    }

    Node space(int mu) {
        Node n = make(Node::Kind::Space);
        n.width = mu;
        return n;
    }

    Node parseCommand();
    void restyle(Node& node, Variant variant);
    QString parseDelimiter();
    Node parseEnvironment();
    Node parseFrac(const QString& name);
    Node parseSqrt();
    Node parseFenced();

    QStringView s_;
    qsizetype pos_ = 0;
    int depth_ = 0;
    int nodes_ = 0;
};

} // namespace hearth::math::detail
