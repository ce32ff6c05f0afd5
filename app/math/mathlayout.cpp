#include "mathlayout.h"

#include <QHash>
#include <QRawFont>
#include <cmath>

namespace hearth::math {

namespace {

// TeX's spacing between atom classes in mu (The TeXbook, chapter 18, table): thin 3,
// medium 4, thick 5; medium and thick only in display and text style.
int spacing(AtomClass left, AtomClass right, Style style) {
    using C = AtomClass;
    const bool loose = style == Style::Display || style == Style::Text;
    if (left == C::Op && (right == C::Ord || right == C::Op))
        return 3;
    if (right == C::Op && left == C::Ord)
        return 3;
    if (!loose)
        return 0;
    if (left == C::Bin || right == C::Bin)
        return 4;
    if ((left == C::Rel) != (right == C::Rel) && left != C::Open && right != C::Close &&
        left != C::Punct && right != C::Punct) {
        return 5;
    }
    if (left == C::Punct)
        return 3;
    return 0;
}

// The class a node takes in a row: an atom's own, a scripted atom's base's; constructions
// count as ordinary; spaces have none (kNoClass).
constexpr int kNoClass = -1;

int classOf(const Node& n) {
    switch (n.kind) {
    case Node::Kind::Atom:
        return int(n.atomClass);
    case Node::Kind::Scripts:
        return classOf(n.children[0]);
    case Node::Kind::Space:
        return kNoClass;
    default:
        return int(AtomClass::Ord);
    }
}

} // namespace

Box hbox(const QList<Box>& parts) {
    Box out;
    for (const Box& b : parts) {
        out.place(b, {out.width, 0});
        out.width += b.width;
        out.ascent = std::max(out.ascent, b.ascent);
        out.descent = std::max(out.descent, b.descent);
    }
    return out;
}

Box Layout::layout(const Node& tree, bool display) {
    return node(tree, {display ? Style::Display : Style::Text, false});
}

Box Layout::node(const Node& n, StyleState s) {
    switch (n.kind) {
    case Node::Kind::Row:
        return row(n, s);
    case Node::Kind::Atom:
        return atom(n, s);
    case Node::Kind::Frac:
        return fraction(n, s);
    case Node::Kind::Sqrt:
        return radical(n, s);
    case Node::Kind::Scripts:
        return scripts(n, s);
    case Node::Kind::Fenced:
        return fenced(n, s);
    case Node::Kind::Matrix:
        return matrix(n, s);
    case Node::Kind::Accent:
        return accent(n, s);
    case Node::Kind::Space: {
        Box b;
        b.width = n.width * m_.em(s.style) / 18.0;
        return b;
    }
    case Node::Kind::Text:
        return glyphs(n.text, m_.font(Variant::Upright, s.style));
    }
    return {};
}

// TeX's Rule 5/6: a binary operator at the start of a row or after an operator, relation,
// opening or punctuation is ordinary (unary minus), and so is one before a relation,
// closing or punctuation, or at the end.
Box Layout::row(const Node& n, StyleState s) {
    using C = AtomClass;
    std::vector<int> classes;
    for (const Node& child : n.children) {
        classes.push_back(classOf(child));
    }
    int previous = kNoClass;
    for (size_t i = 0; i < classes.size(); ++i) {
        if (classes[i] == kNoClass) {
            continue;
        }
        if (classes[i] == int(C::Bin)) {
            const bool afterOperand = previous == int(C::Ord) || previous == int(C::Close);
            int next = kNoClass;
            for (size_t j = i + 1; j < classes.size() && next == kNoClass; ++j) {
                next = classes[j];
            }
            const bool beforeOperand = next == int(C::Ord) || next == int(C::Open) ||
                                       next == int(C::Op) || next == int(C::Bin);
            if (!afterOperand || !beforeOperand) {
                classes[i] = int(C::Ord);
            }
        }
        previous = classes[i];
    }
    QList<Box> parts;
    previous = kNoClass;
    for (size_t i = 0; i < n.children.size(); ++i) {
        if (previous != kNoClass && classes[i] != kNoClass) {
            const int mu = spacing(C(previous), C(classes[i]), s.style);
            if (mu != 0) {
                Box space;
                space.width = mu * m_.em(s.style) / 18.0;
                parts.append(space);
            }
        }
        parts.append(node(n.children[i], s));
        if (classes[i] != kNoClass) {
            previous = classes[i];
        }
    }
    return hbox(parts);
}

// A glyph run's advance and ink (the bounds of its outlines: QFontMetricsF's
// tightBoundingRect rounds to whole pixels and reports accents as reaching down to the
// baseline). Measuring outlines is the slow part of a layout, and formulas repeat their
// glyphs: measurements are cached per thread, by font and text, up to a few thousand.
struct Measured {
    qreal advance = 0;
    QRectF ink;
};

const Measured& measured(const QString& text, const QFont& font) {
    thread_local QHash<QString, Measured> cache;
    const QString key = font.key() + u'\x1f' + text;
    auto it = cache.constFind(key);
    if (it == cache.constEnd()) {
        if (cache.size() > 4096) {
            cache.clear();
        }
        QPainterPath path;
        path.addText(0, 0, font, text);
        it = cache.insert(key, {QFontMetricsF(font).horizontalAdvance(text), path.boundingRect()});
    }
    return *it;
}

QRectF inkOf(const QString& text, const QFont& font) {
    return measured(text, font).ink;
}

// A glyph run: its advance width, and the ink's extent above and below the baseline (as
// TeX's character dimensions are the glyph's).
Box Layout::glyphs(const QString& text, const QFont& font) {
    const Measured& m = measured(text, font);
    const QRectF ink = m.ink;
    Box b;
    b.width = m.advance;
    b.ascent = std::max(0.0, -ink.top());
    b.descent = std::max(0.0, ink.bottom());
    Piece p;
    p.kind = Piece::Kind::Glyphs;
    p.text = text;
    p.font = font;
    b.pieces.append(p);
    return b;
}

// Big operators (TeX Rule 13): larger in display style and centred on the math axis.
Box Layout::atom(const Node& n, StyleState s) {
    if (!n.largeOp) {
        const QFont font = m_.font(n.variant, s.style);
        // \mathbb and \mathcal letters the math font lacks: the plain letters, bold.
        // (QRawFont: the font itself, where QFontMetricsF would count its fallbacks.)
        if (!n.close.isEmpty() &&
            !QRawFont::fromFont(font).supportsCharacter(n.text.toUcs4().value(0))) {
            return glyphs(n.close, m_.font(Variant::Bold, s.style));
        }
        return glyphs(n.text, font);
    }
    const qreal scale = s.style == Style::Display ? tex::displayOpScale : 1.0;
    Box op = glyphs(n.text, m_.font(n.variant, s.style, scale));
    const qreal shift = (op.ascent - op.descent) / 2 - m_.axis(s.style); // down
    Box out;
    out.place(op, {0, shift});
    out.width = op.width;
    out.ascent = op.ascent - shift;
    out.descent = op.descent + shift;
    return out;
}

// TeX Rule 15d: numerator raised by num1 (display) or num2, denominator lowered by denom1 or
// denom2; then each moved away from the bar (θ thick, centred on the axis) until the
// clearance is at least φ = 3θ (display) or θ. Both centred on the wider.
Box Layout::fraction(const Node& n, StyleState s) {
    const Box num = node(n.children[0], fractionStyle(s, false));
    const Box den = node(n.children[1], fractionStyle(s, true));
    const bool display = s.style == Style::Display;
    const qreal em = m_.em(s.style);
    const qreal theta = n.rule ? m_.rule(s.style) : 0;
    const qreal axis = m_.axis(s.style);
    qreal u = (display ? tex::num1 : tex::num2) * em;
    qreal v = (display ? tex::denom1 : tex::denom2) * em;
    const qreal phi = n.rule ? (display ? 3 * theta : theta)
                             : (display ? 7 : 3) * m_.rule(s.style); // \binom: TeX Rule 15c
    if (n.rule) {
        u += std::max(0.0, phi - ((u - num.descent) - (axis + theta / 2)));
        v += std::max(0.0, phi - ((axis - theta / 2) - (den.ascent - v)));
    } else {
        const qreal gap = (u - num.descent) - (den.ascent - v);
        if (gap < phi) {
            u += (phi - gap) / 2;
            v += (phi - gap) / 2;
        }
    }
    // A little room either side, as TeX's \nulldelimiterspace (1.2pt) gives.
    const qreal pad = 0.12 * em;
    const qreal width = std::max(num.width, den.width) + 2 * pad;
    Box out;
    out.width = width;
    out.place(num, {(width - num.width) / 2, -u});
    out.place(den, {(width - den.width) / 2, v});
    out.ascent = u + num.ascent;
    out.descent = v + den.descent;
    if (n.rule) {
        Piece bar;
        bar.kind = Piece::Kind::Rule;
        bar.rect = QRectF(0, -axis - theta / 2, width, theta);
        out.pieces.append(bar);
    }
    return out;
}

// TeX Rule 11: the radicand (cramped) gets a clearance ψ = θ + φ/4 (φ: the x-height in
// display style, θ otherwise) below a rule of thickness θ; the sign is drawn: a short rise,
// a long descent to the radicand's bottom, and the climb to the rule. The index of
// \sqrt[n] is set in scriptscript style, raised to 60 % of the sign's height.
Box Layout::radical(const Node& n, StyleState s) {
    StyleState inner = s;
    inner.cramped = true;
    const Box body = node(n.children[0], inner);
    const qreal em = m_.em(s.style);
    const qreal theta = m_.rule(s.style);
    const qreal phi = s.style == Style::Display ? m_.xHeight(s.style) : theta;
    const qreal psi = theta + phi / 4;
    const qreal top = body.ascent + psi + theta; // above the baseline, to the rule's top
    const qreal bottom = std::max(body.descent, 0.1 * em);
    const qreal signWidth = 0.5 * em + 0.05 * (top + bottom);
    qreal indent = 0;
    Box out;
    if (n.children.size() == 2) {
        const Box index = node(n.children[1], {Style::ScriptScript, false});
        const qreal raise = 0.6 * (top + bottom) - bottom;
        indent = std::max(0.0, index.width - 0.45 * signWidth);
        out.place(index, {indent + 0.45 * signWidth - index.width, -raise - index.descent});
        out.ascent = raise + index.descent + index.ascent;
    }
    Piece sign;
    sign.kind = Piece::Kind::Stroke;
    sign.penWidth = theta;
    const qreal x = indent;
    const qreal ruleY = -top + theta / 2;
    const qreal height = top + bottom;
    sign.path.moveTo(x, bottom - 0.45 * height);
    sign.path.lineTo(x + 0.2 * signWidth, bottom - 0.5 * height);
    sign.path.lineTo(x + 0.5 * signWidth, bottom - theta / 2);
    sign.path.lineTo(x + signWidth, ruleY);
    sign.path.lineTo(x + signWidth + body.width + 0.1 * em, ruleY);
    out.pieces.append(sign);
    out.place(body, {x + signWidth, 0});
    out.width = x + signWidth + body.width + 0.1 * em;
    out.ascent = std::max(out.ascent, top);
    out.descent = std::max(body.descent, bottom);
    return out;
}

Box Layout::scripts(const Node& n, StyleState s) {
    const Node& baseNode = n.children[0];
    const Box base = node(baseNode, s);
    if (baseNode.kind == Node::Kind::Atom && baseNode.largeOp && baseNode.limits &&
        s.style == Style::Display) {
        return limits(base, n, s);
    }
    if (baseNode.kind == Node::Kind::Atom && baseNode.atomClass == AtomClass::Op &&
        baseNode.limits && !baseNode.largeOp && s.style == Style::Display) {
        return limits(base, n, s); // \lim_{x \to 0}
    }
    const Box sup = n.hasSup ? node(n.children[2], scriptStyle(s, false)) : Box{};
    const Box sub = n.hasSub ? node(n.children[1], scriptStyle(s, true)) : Box{};
    const qreal em = m_.em(s.style);
    const qreal scriptEm = m_.em(scriptStyle(s, false).style);
    const qreal xh = m_.xHeight(s.style);
    // TeX Rule 18a: a single character's scripts start from the baseline; a construction's
    // hang from its top and bottom.
    const bool character = baseNode.kind == Node::Kind::Atom && !baseNode.largeOp;
    qreal u = character ? 0 : base.ascent - tex::supDrop * scriptEm;
    qreal v = character ? 0 : base.descent + tex::subDrop * scriptEm;
    if (n.hasSup) { // Rule 18c
        const qreal minimum = s.style == Style::Display ? tex::sup1
                              : s.cramped               ? tex::sup3
                                                        : tex::sup2;
        u = std::max({u, minimum * em, sup.descent + xh / 4});
    }
    if (n.hasSub && !n.hasSup) { // Rule 18b
        v = std::max({v, tex::sub1 * em, sub.ascent - 4 * xh / 5});
    } else if (n.hasSub) { // Rule 18e: at least 4θ between them
        v = std::max(v, tex::sub2 * em);
        const qreal theta = m_.rule(s.style);
        if ((u - sup.descent) - (sub.ascent - v) < 4 * theta) {
            v = 4 * theta - u + sup.descent + sub.ascent;
            const qreal psi = 4 * xh / 5 - (u - sup.descent);
            if (psi > 0) {
                u += psi;
                v -= psi;
            }
        }
    }
    Box out = base;
    const qreal space = tex::scriptSpace * em;
    if (n.hasSup) {
        out.place(sup, {base.width, -u});
        out.ascent = std::max(out.ascent, u + sup.ascent);
        out.descent = std::max(out.descent, sup.descent - u);
    }
    if (n.hasSub) {
        out.place(sub, {base.width, v});
        out.ascent = std::max(out.ascent, sub.ascent - v);
        out.descent = std::max(out.descent, v + sub.descent);
    }
    out.width = base.width + std::max(n.hasSup ? sup.width : 0, n.hasSub ? sub.width : 0) + space;
    return out;
}

// TeX Rule 13a: limits centred above and below; the superscript's bottom at least
// bigOpSpacing1 above the operator (its baseline at least bigOpSpacing3 above), the
// subscript's top at least bigOpSpacing2 below (its baseline at least bigOpSpacing4 below),
// and bigOpSpacing5 of extra room outside both.
Box Layout::limits(const Box& op, const Node& n, StyleState s) {
    const qreal em = m_.em(s.style);
    const Box sup = n.hasSup ? node(n.children[2], scriptStyle(s, false)) : Box{};
    const Box sub = n.hasSub ? node(n.children[1], scriptStyle(s, true)) : Box{};
    const qreal width = std::max({op.width, n.hasSup ? sup.width : 0, n.hasSub ? sub.width : 0});
    Box out;
    out.width = width;
    out.place(op, {(width - op.width) / 2, 0});
    out.ascent = op.ascent;
    out.descent = op.descent;
    if (n.hasSup) {
        const qreal gap = std::max(tex::bigOpSpacing1 * em, tex::bigOpSpacing3 * em - sup.descent);
        const qreal baseline = op.ascent + gap + sup.descent;
        out.place(sup, {(width - sup.width) / 2, -baseline});
        out.ascent = baseline + sup.ascent + tex::bigOpSpacing5 * em;
    }
    if (n.hasSub) {
        const qreal gap = std::max(tex::bigOpSpacing2 * em, tex::bigOpSpacing4 * em - sub.ascent);
        const qreal baseline = op.descent + gap + sub.ascent;
        out.place(sub, {(width - sub.width) / 2, baseline});
        out.descent = baseline + sub.descent + tex::bigOpSpacing5 * em;
    }
    return out;
}

// Accents sit centred over the body with a small gap above its ink (TeX Rule 12, without
// the skew); \vec's arrow is set smaller; \overline is a rule 3θ above the body (Rule 9).
Box Layout::accent(const Node& n, StyleState s) {
    StyleState inner = s;
    inner.cramped = true;
    const Box body = node(n.children[0], inner);
    const qreal theta = m_.rule(s.style);
    Box out = body;
    if (n.text.isEmpty()) {
        Piece bar;
        bar.kind = Piece::Kind::Rule;
        bar.rect = QRectF(0, -(body.ascent + 3 * theta) - theta, body.width, theta);
        out.pieces.append(bar);
        out.ascent = body.ascent + 5 * theta;
        return out;
    }
    const bool arrow = n.text == QStringLiteral("→");
    const QFont font =
        m_.font(arrow ? Variant::Symbol : Variant::Upright, s.style, arrow ? 0.7 : 1.0);
    const QRectF ink = inkOf(n.text, font);
    const qreal gap = 0.08 * m_.em(s.style);
    const qreal bottom = std::max(body.ascent, m_.xHeight(s.style)) + gap; // above baseline
    Box mark = glyphs(n.text, font);
    const qreal x = (body.width - ink.width()) / 2 - ink.left();
    out.place(mark, {x, -bottom - ink.bottom()});
    out.ascent = std::max(body.ascent, bottom + ink.height());
    out.width = std::max(body.width, ink.width());
    return out;
}

} // namespace hearth::math
