// The result of laying out a formula: a box with TeX's dimensions (width; ascent above and
// descent below the baseline) holding what to draw, positioned relative to the box's
// origin (left end of the baseline; y grows downwards as in Qt).
#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>

class QPainter;

namespace hearth::math {

struct Piece {
    enum class Kind { Glyphs, Rule, Stroke };
    Kind kind = Kind::Glyphs;
    QPointF at;         // Glyphs: the baseline origin of the text
    QString text;       // Glyphs
    QFont font;         // Glyphs
    QRectF rect;        // Rule: filled rectangle
    QPainterPath path;  // Stroke: a drawn delimiter or radical sign, in box coordinates
    qreal penWidth = 0; // Stroke
};

struct Box {
    qreal width = 0;
    qreal ascent = 0;
    qreal descent = 0;
    QList<Piece> pieces;

    qreal height() const { return ascent + descent; }
    // Copies `child`'s pieces into this box with the child's origin at `origin`.
    void place(const Box& child, QPointF origin);
    // Draws the box with its origin (baseline, left) at `origin`.
    void paint(QPainter& painter, QPointF origin, const QColor& color) const;
};

} // namespace hearth::math
