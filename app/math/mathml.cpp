#include "mathml.h"

#include "mathparser.h"

using namespace Qt::StringLiterals;

namespace hearth::math {

namespace {

QString escaped(QStringView text) {
    return text.toString().toHtmlEscaped();
}

QString element(const QString& tag, const QString& body, const QString& attributes = {}) {
    return u"<"_s + tag + (attributes.isEmpty() ? QString() : u" "_s + attributes) + u">"_s + body +
           u"</"_s + tag + u">"_s;
}

QString atomML(const Node& n) {
    const QString text = escaped(n.text);
    if (n.atomClass == AtomClass::Op && !n.largeOp) {
        return n.limits ? element(u"mo"_s, text) : element(u"mi"_s, text);
    }
    if (n.atomClass != AtomClass::Ord) {
        return element(u"mo"_s, text);
    }
    if (!n.text.isEmpty() && n.text[0].isDigit()) {
        return element(u"mn"_s, text);
    }
    switch (n.variant) {
    case Variant::Bold:
        return element(u"mi"_s, text, u"mathvariant=\"bold\""_s);
    case Variant::Upright:
        // One letter is italic by default in MathML; upright letters say so.
        return n.text.size() == 1 && n.text[0].isLetter()
                   ? element(u"mi"_s, text, u"mathvariant=\"normal\""_s)
                   : element(u"mi"_s, text);
    default:
        return element(u"mi"_s, text);
    }
}

QString fence(const QString& delimiter) {
    return delimiter.isEmpty() ? QString()
                               : element(u"mo"_s, escaped(delimiter), u"fence=\"true\""_s);
}

QString tableML(const Node& n) {
    QString rows;
    for (const Node& row : n.children) {
        QString cells;
        for (const Node& cell : row.children) {
            cells += element(u"mtd"_s, mathMLElement(cell, false));
        }
        rows += element(u"mtr"_s, cells);
    }
    QString attributes;
    if (n.env == Environment::Cases) {
        attributes = u"columnalign=\"left left\""_s;
    } else if (n.env == Environment::Aligned) {
        attributes = u"columnalign=\"right left\" columnspacing=\"0em\""_s;
    }
    const QString table = element(u"mtable"_s, rows, attributes);
    QString open, close;
    switch (n.env) {
    case Environment::PMatrix:
        open = u"("_s, close = u")"_s;
        break;
    case Environment::BMatrix:
        open = u"["_s, close = u"]"_s;
        break;
    case Environment::BraceMatrix:
        open = u"{"_s, close = u"}"_s;
        break;
    case Environment::VMatrix:
        open = close = u"|"_s;
        break;
    case Environment::DoubleVMatrix:
        open = close = u"‖"_s;
        break;
    case Environment::Cases:
        open = u"{"_s;
        break;
    default:
        return table;
    }
    return element(u"mrow"_s, fence(open) + table + fence(close));
}

} // namespace

QString mathMLElement(const Node& n, bool display) {
    switch (n.kind) {
    case Node::Kind::Row: {
        if (n.children.size() == 1) {
            return mathMLElement(n.children[0], display);
        }
        QString body;
        for (const Node& child : n.children) {
            body += mathMLElement(child, display);
        }
        return element(u"mrow"_s, body);
    }
    case Node::Kind::Atom:
        return atomML(n);
    case Node::Kind::Frac:
        return element(u"mfrac"_s,
                       mathMLElement(n.children[0], false) + mathMLElement(n.children[1], false),
                       n.rule ? QString() : u"linethickness=\"0\""_s);
    case Node::Kind::Sqrt:
        return n.children.size() == 2 ? element(u"mroot"_s, mathMLElement(n.children[0], false) +
                                                                mathMLElement(n.children[1], false))
                                      : element(u"msqrt"_s, mathMLElement(n.children[0], false));
    case Node::Kind::Scripts: {
        const Node& base = n.children[0];
        const bool limits = base.kind == Node::Kind::Atom && base.limits;
        const QString b = mathMLElement(base, display);
        const QString sub = mathMLElement(n.children[1], false);
        const QString sup = mathMLElement(n.children[2], false);
        if (n.hasSub && n.hasSup) {
            return element(limits ? u"munderover"_s : u"msubsup"_s, b + sub + sup);
        }
        if (n.hasSub) {
            return element(limits ? u"munder"_s : u"msub"_s, b + sub);
        }
        return element(limits ? u"mover"_s : u"msup"_s, b + sup);
    }
    case Node::Kind::Fenced:
        return element(u"mrow"_s,
                       fence(n.text) + mathMLElement(n.children[0], display) + fence(n.close));
    case Node::Kind::Matrix:
        return tableML(n);
    case Node::Kind::Accent:
        return element(u"mover"_s,
                       mathMLElement(n.children[0], display) +
                           element(u"mo"_s, n.text.isEmpty() ? u"¯"_s : escaped(n.text)),
                       u"accent=\"true\""_s);
    case Node::Kind::Space:
        return u"<mspace width=\"%1em\"/>"_s.arg(n.width / 18.0, 0, 'f', 4);
    case Node::Kind::Text:
        return element(u"mtext"_s, escaped(n.text));
    }
    return {};
}

QString toMathML(QStringView latex, bool display) {
    const ParseResult parsed = parse(latex);
    if (!parsed.ok()) {
        return {};
    }
    QString body = mathMLElement(parsed.tree, display);
    if (!body.startsWith(u"<mrow>"_s)) {
        body = element(u"mrow"_s, body);
    }
    return u"<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\""_s +
           (display ? u"block"_s : u"inline"_s) + u"\"><semantics>"_s + body +
           u"<annotation encoding=\"application/x-tex\">"_s + escaped(latex) +
           u"</annotation></semantics></math>"_s;
}

} // namespace hearth::math
