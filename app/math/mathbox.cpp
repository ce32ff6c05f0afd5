// Box drawing and the Formula facade (formula.h).
#include "formula.h"
#include "mathlayout.h"

#include <QPainter>

namespace hearth::math {

void Box::place(const Box& child, QPointF origin) {
    for (Piece p : child.pieces) {
        p.at += origin;
        p.rect.translate(origin);
        p.path.translate(origin);
        pieces.append(std::move(p));
    }
}

void Box::paint(QPainter& painter, QPointF origin, const QColor& color) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    for (const Piece& p : pieces) {
        switch (p.kind) {
        case Piece::Kind::Glyphs:
            painter.setFont(p.font);
            painter.setPen(color);
            painter.drawText(p.at + origin, p.text);
            break;
        case Piece::Kind::Rule:
            painter.fillRect(p.rect.translated(origin), color);
            break;
        case Piece::Kind::Stroke: {
            QPen pen(color, p.penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(p.path.translated(origin));
            break;
        }
        }
    }
    painter.restore();
}

Formula::Formula(QStringView latex, bool display, const MathFonts& fonts) {
    const ParseResult parsed = parse(latex);
    if (!parsed.ok()) {
        error_ = parsed.error;
        return;
    }
    Layout layout(fonts);
    box_ = layout.layout(parsed.tree, display);
}

void Formula::paint(QPainter& painter, QPointF topLeft, const QColor& color) const {
    box_.paint(painter, topLeft + QPointF(0, box_.ascent), color);
}

} // namespace hearth::math
