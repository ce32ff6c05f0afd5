// Stretchy delimiters (\left ... \right, matrices, cases) and matrix-like tables.
#include "mathlayout.h"

#include <QTransform>
#include <cmath>

namespace hearth::math {

// TeX Rule 19: a delimiter around a body must cover, symmetrically about the axis, at
// least delimiterFactor (90.1 %) of the body's extent δ = max(ascent − axis, descent + axis)
// on both sides, and no less than that extent minus delimiterShortfall. The font's glyph is
// used when it is that tall; otherwise the delimiter is drawn.
Box Layout::delimiter(const QString& d, qreal ascent, qreal descent, Style style) {
    const qreal em = m_.em(style);
    if (d.isEmpty()) {
        Box none;
        none.width = 0.12 * em; // \nulldelimiterspace
        return none;
    }
    const qreal axis = m_.axis(style);
    const qreal delta = std::max(ascent - axis, descent + axis);
    const qreal size =
        std::max(2 * delta * tex::delimiterFactor, 2 * delta - tex::delimiterShortfall * em);
    const QFont font = m_.font(Variant::Upright, style);
    const Box glyph = glyphs(d, font);
    if (glyph.height() >= size || d == QStringLiteral("/")) {
        return glyph;
    }
    return drawnDelimiter(d, size, style);
}

// A delimiter `height` tall centred on the axis, drawn with strokes a little heavier than the
// fraction rule. Shapes: parentheses as curves, brackets, floors and ceilings as corners,
// braces as two curved halves with a point, bars, and angle brackets.
Box Layout::drawnDelimiter(const QString& d, qreal height, Style style) {
    const qreal em = m_.em(style);
    const qreal axis = m_.axis(style);
    const qreal top = -axis - height / 2, bottom = -axis + height / 2, mid = -axis;
    const qreal w = std::min(0.3 * em + 0.04 * height, 0.7 * em);
    const qreal pen = 1.3 * m_.rule(style);
    const QChar c = d.isEmpty() ? QChar() : d[0];
    // Shapes are drawn opening to the right (left delimiters) and mirrored for the others.
    const bool right = QStringView(u")]}⟩⌋⌉").contains(c);
    QPainterPath path;
    const qreal in = 0.25 * w, out = 0.8 * w; // the inner and outer x of a left shape
    switch (right ? QStringView(u"([{⟨⌊⌈")[QStringView(u")]}⟩⌋⌉").indexOf(c)].unicode()
                  : c.unicode()) {
    case u'(':
        path.moveTo(out, top);
        path.cubicTo(in - 0.1 * w, top + height * 0.25, in - 0.1 * w, bottom - height * 0.25, out,
                     bottom);
        break;
    case u'[':
    case u'⌊':
    case u'⌈':
        if (c != u'⌊' && c != u'⌋') {
            path.moveTo(out, top);
            path.lineTo(in, top);
        } else {
            path.moveTo(in, top);
        }
        path.lineTo(in, bottom);
        if (c != u'⌈' && c != u'⌉') {
            path.lineTo(out, bottom);
        }
        break;
    case u'{':
        path.moveTo(out, top);
        path.quadTo(in + 0.15 * w, top, in + 0.15 * w, top + height * 0.12);
        path.lineTo(in + 0.15 * w, mid - height * 0.1);
        path.quadTo(in + 0.15 * w, mid, 0.05 * w, mid);
        path.quadTo(in + 0.15 * w, mid, in + 0.15 * w, mid + height * 0.1);
        path.lineTo(in + 0.15 * w, bottom - height * 0.12);
        path.quadTo(in + 0.15 * w, bottom, out, bottom);
        break;
    case u'⟨':
        path.moveTo(out, top);
        path.lineTo(in, mid);
        path.lineTo(out, bottom);
        break;
    case u'‖':
        path.moveTo(0.3 * w, top);
        path.lineTo(0.3 * w, bottom);
        path.moveTo(0.7 * w, top);
        path.lineTo(0.7 * w, bottom);
        break;
    default: // '|' and anything else: a bar
        path.moveTo(0.5 * w, top);
        path.lineTo(0.5 * w, bottom);
        break;
    }
    if (right) {
        path = QTransform(-1, 0, 0, 1, w, 0).map(path);
    }
    Box b;
    b.width = w;
    b.ascent = axis + height / 2;
    b.descent = height / 2 - axis;
    Piece p;
    p.kind = Piece::Kind::Stroke;
    p.path = path;
    p.penWidth = pen;
    b.pieces.append(p);
    return b;
}

Box Layout::fenced(const Node& n, StyleState s) {
    const Box body = node(n.children[0], s);
    const Box left = delimiter(n.text, body.ascent, body.descent, s.style);
    const Box right = delimiter(n.close, body.ascent, body.descent, s.style);
    return hbox({left, body, right});
}

// Matrices (TeX's \matrix and LaTeX's array): cells in text style, columns centred (cases:
// left; aligned: alternately right and left, meeting at the '&'), 1 em between columns
// (twice \arraycolsep), each row at least a strut tall (0.7 and 0.3 of a 1.2 em baseline
// skip; aligned adds \jot, 0.3 em), the whole centred on the axis, then the environment's
// delimiters around it.
Box Layout::matrix(const Node& n, StyleState s) {
    const StyleState cell{s.style == Style::Display ? Style::Text : s.style, false};
    const qreal em = m_.em(s.style);
    const bool aligned = n.env == Environment::Aligned;
    std::vector<std::vector<Box>> cells;
    size_t columns = 0;
    for (const Node& row : n.children) {
        std::vector<Box> boxes;
        for (const Node& c : row.children) {
            if (aligned && boxes.size() % 2 == 1) {
                // The right side of an alignment starts with an empty group, as LaTeX's
                // aligned does, so "&= b" spaces its relation like "a = b".
                Node withGroup = c;
                withGroup.children.insert(withGroup.children.begin(), Node{});
                boxes.push_back(node(withGroup, cell));
            } else {
                boxes.push_back(node(c, cell));
            }
        }
        columns = std::max(columns, boxes.size());
        cells.push_back(std::move(boxes));
    }
    std::vector<qreal> widths(columns, 0);
    for (const auto& row : cells) {
        for (size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], row[c].width);
        }
    }
    const qreal jot = aligned || n.env == Environment::Cases ? 0.3 * em : 0;
    auto gapBefore = [&](size_t c) {
        if (c == 0)
            return 0.0;
        if (aligned)
            return c % 2 == 0 ? 2.0 * em : 0.0;
        return 1.0 * em;
    };
    Box table;
    qreal y = 0; // the top of the current row, from the table's top
    for (const auto& row : cells) {
        qreal ascent = 0.84 * em, descent = 0.36 * em;
        for (const Box& b : row) {
            ascent = std::max(ascent, b.ascent);
            descent = std::max(descent, b.descent);
        }
        qreal x = 0;
        for (size_t c = 0; c < columns; ++c) {
            x += gapBefore(c);
            if (c < row.size()) {
                qreal offset = (widths[c] - row[c].width) / 2;
                if (n.env == Environment::Cases || (aligned && c % 2 == 1)) {
                    offset = 0;
                } else if (aligned) {
                    offset = widths[c] - row[c].width;
                }
                table.place(row[c], {x + offset, y + ascent});
            }
            x += widths[c];
        }
        table.width = x;
        y += ascent + descent + jot;
    }
    const qreal height = std::max(0.0, y - jot);
    const qreal axis = m_.axis(s.style);
    Box centred;
    centred.place(table, {0, -axis - height / 2});
    centred.width = table.width;
    centred.ascent = axis + height / 2;
    centred.descent = height / 2 - axis;
    QString open, close;
    switch (n.env) {
    case Environment::PMatrix:
        open = QStringLiteral("("), close = QStringLiteral(")");
        break;
    case Environment::BMatrix:
        open = QStringLiteral("["), close = QStringLiteral("]");
        break;
    case Environment::BraceMatrix:
        open = QStringLiteral("{"), close = QStringLiteral("}");
        break;
    case Environment::VMatrix:
        open = close = QStringLiteral("|");
        break;
    case Environment::DoubleVMatrix:
        open = close = QStringLiteral("‖");
        break;
    case Environment::Cases:
        open = QStringLiteral("{");
        break;
    default:
        return centred;
    }
    Box pad;
    pad.width = 0.2 * em;
    return hbox({delimiter(open, centred.ascent, centred.descent, s.style), pad, centred, pad,
                 delimiter(close, centred.ascent, centred.descent, s.style)});
}

} // namespace hearth::math
