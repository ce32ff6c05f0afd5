#include "mathmetrics.h"

#include <QPainterPath>
#include <cmath>

namespace hearth::math {

Metrics::Metrics(const MathFonts& fonts) : fonts_(fonts) {
    const QFontMetricsF text(font(Variant::Upright, Style::Text));
    xHeight_ = text.xHeight();
    rule_ = std::max(text.lineWidth(), fonts.pixelSize / 25.0); // at least TeX's 0.04 em
    const QFontMetricsF math(font(Variant::Symbol, Style::Text));
    QPainterPath outline;
    outline.addText(0, 0, font(Variant::Symbol, Style::Text), QStringLiteral("\u2212"));
    const QRectF minus = outline.boundingRect();
    axis_ = minus.isEmpty() ? 0.25 * fonts.pixelSize : -minus.center().y();
}

qreal Metrics::scaleOf(Style style) {
    switch (style) {
    case Style::Script:
        return tex::scriptScale;
    case Style::ScriptScript:
        return tex::scriptScriptScale;
    default:
        return 1;
    }
}

// Whole pixels, as Qt's pixel sizes are (TeX's script sizes are whole points too).
qreal Metrics::sizeOf(Style style) const {
    return std::max(1.0, std::round(fonts_.pixelSize * scaleOf(style)));
}

QFont Metrics::font(Variant variant, Style style, qreal scale) const {
    QFont f(variant == Variant::Symbol ? fonts_.mathFamily : fonts_.textFamily);
    f.setPixelSize(int(std::max(1.0, std::round(sizeOf(style) * scale))));
    f.setItalic(variant == Variant::Italic);
    f.setBold(variant == Variant::Bold);
    // Glyph positions are computed in fractions of a pixel: no hinting, no rounding.
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(QFont::PreferAntialias);
    return f;
}

StyleState fractionStyle(StyleState s, bool denominator) {
    StyleState out = s;
    switch (s.style) {
    case Style::Display:
        out.style = Style::Text;
        break;
    case Style::Text:
        out.style = Style::Script;
        break;
    default:
        out.style = Style::ScriptScript;
        break;
    }
    out.cramped = s.cramped || denominator;
    return out;
}

StyleState scriptStyle(StyleState s, bool subscript) {
    StyleState out = s;
    out.style =
        (s.style == Style::Display || s.style == Style::Text) ? Style::Script : Style::ScriptScript;
    out.cramped = s.cramped || subscript;
    return out;
}

} // namespace hearth::math
