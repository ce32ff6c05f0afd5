// Fonts and TeX's layout parameters for one formula. The parameters are TeX's (The TeXbook,
// Appendix G, with the values of Computer Modern's cmsy10 and cmex10) in em of the current
// style's font size, except the x-height, the math axis and the rule thickness, which are
// measured in the fonts actually used, so formulas match the surrounding text:
//   x-height        QFontMetricsF::xHeight() of the text font
//   axis            the vertical centre of the minus sign's outline (U+2212) in the math font
//   rule thickness  the text font's underline thickness (QFontMetricsF::lineWidth())
#pragma once

#include "mathtree.h"

#include <QFont>
#include <QFontMetricsF>

namespace hearth::math {

// TeX's four styles; cramped styles (denominators, subscripts, radicands) raise superscripts
// less.
enum class Style { Display, Text, Script, ScriptScript };

struct StyleState {
    Style style = Style::Text;
    bool cramped = false;
};

// TeX's parameters (see above), in em.
namespace tex {
inline constexpr qreal num1 = 0.676508, num2 = 0.393732, denom1 = 0.685951, denom2 = 0.344841;
inline constexpr qreal sup1 = 0.412892, sup2 = 0.362892, sup3 = 0.288889;
inline constexpr qreal sub1 = 0.15, sub2 = 0.247217, supDrop = 0.386108, subDrop = 0.05;
inline constexpr qreal bigOpSpacing1 = 0.111112, bigOpSpacing2 = 0.166667, bigOpSpacing3 = 0.2,
                       bigOpSpacing4 = 0.6, bigOpSpacing5 = 0.1;
inline constexpr qreal scriptSpace = 0.05; // \scriptspace 0.5pt
inline constexpr qreal delimiterFactor = 0.901, delimiterShortfall = 0.5;
inline constexpr qreal scriptScale = 0.7, scriptScriptScale = 0.5;
inline constexpr qreal displayOpScale = 1.5; // display big operators: cmex10's larger size
} // namespace tex

// The fonts a formula is set in: the app's text family for letters, digits and text, and a
// math family for symbols (Noto Sans Math when installed; fontconfig falls back otherwise).
struct MathFonts {
    QString textFamily = QStringLiteral("Noto Sans");
    QString mathFamily = QStringLiteral("Noto Sans Math");
    int pixelSize = 15;
};

class Metrics {
public:
    explicit Metrics(const MathFonts& fonts);

    qreal sizeOf(Style style) const;
    QFont font(Variant variant, Style style, qreal scale = 1) const;
    qreal em(Style style) const { return sizeOf(style); }
    // Measured at the base size and scaled with the style's size.
    qreal xHeight(Style style) const { return xHeight_ * sizeOf(style) / base(); }
    qreal axis(Style style) const { return axis_ * sizeOf(style) / base(); }
    qreal rule(Style style) const { return rule_ * sizeOf(style) / base(); }
    static qreal scaleOf(Style style);

private:
    qreal base() const { return sizeOf(Style::Text); }

    MathFonts fonts_;
    qreal xHeight_ = 0, axis_ = 0, rule_ = 0; // at the base size
};

// Styles of the parts of a construction (TeX's rules): fraction parts, scripts.
StyleState fractionStyle(StyleState s, bool denominator);
StyleState scriptStyle(StyleState s, bool subscript);

} // namespace hearth::math
