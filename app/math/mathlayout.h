// Lays a formula tree out as boxes the way TeX does (The TeXbook, Appendix G, simplified):
// atoms are glyph boxes with their ink height and depth and advance width; rows add TeX's
// spacing between atom classes; fractions, scripts, radicals, big operators with limits,
// stretchy delimiters, matrices and accents follow the rules cited at each function.
//
// Delimiters that must be taller than the font's glyph, and radical signs, are drawn as
// strokes; everything else is a glyph of the fonts in MathFonts.
#pragma once

#include "mathbox.h"
#include "mathmetrics.h"

namespace hearth::math {

class Layout {
public:
    explicit Layout(const MathFonts& fonts) : m_(fonts) {}

    // Display style (a display formula) or text style (inline).
    Box layout(const Node& tree, bool display);
    const Metrics& metrics() const { return m_; }

private:
    Box node(const Node& n, StyleState s);
    Box row(const Node& n, StyleState s);
    Box atom(const Node& n, StyleState s);
    Box glyphs(const QString& text, const QFont& font);
    Box fraction(const Node& n, StyleState s);
    Box radical(const Node& n, StyleState s);
    Box scripts(const Node& n, StyleState s);
    Box limits(const Box& op, const Node& n, StyleState s);
    Box fenced(const Node& n, StyleState s);
    Box matrix(const Node& n, StyleState s);
    Box accent(const Node& n, StyleState s);
    Box delimiter(const QString& d, qreal ascent, qreal descent, Style style);
    Box drawnDelimiter(const QString& d, qreal height, Style style);

    Metrics m_;
};

// The bounds of a glyph run's outlines, relative to its baseline origin.
QRectF inkOf(const QString& text, const QFont& font);

// Stacks `parts` horizontally, left to right, with their baselines aligned.
Box hbox(const QList<Box>& parts);

} // namespace hearth::math
