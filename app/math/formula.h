// A formula ready to draw: LaTeX parsed and laid out once, then painted as often as needed.
// The entry point for everything that shows math (MathItem, MathTextObject, exports).
#pragma once

#include "mathbox.h"
#include "mathmetrics.h"
#include "mathparser.h"

#include <QSizeF>

class QPainter;

namespace hearth::math {

class Formula {
public:
    // Parses and lays out `latex`; check ok() (an error leaves an empty formula).
    Formula(QStringView latex, bool display, const MathFonts& fonts);

    bool ok() const { return !error_.has_value(); }
    const std::optional<ParseError>& error() const { return error_; }
    const Box& box() const { return box_; }
    qreal width() const { return box_.width; }
    qreal ascent() const { return box_.ascent; }
    qreal descent() const { return box_.descent; }
    QSizeF size() const { return {box_.width, box_.height()}; }

    // Draws with the box's top-left corner at `topLeft` (the baseline is `ascent()` below).
    void paint(QPainter& painter, QPointF topLeft, const QColor& color) const;

private:
    Box box_;
    std::optional<ParseError> error_;
};

} // namespace hearth::math
