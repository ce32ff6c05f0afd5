// Parses the LaTeX math subset that chat answers use into a typed tree (mathtree.h).
//
// Supported: letters, digits, operators; ^ _ ' scripts; \frac \dfrac \tfrac \binom; \sqrt
// with an optional [index]; Greek letters and symbols (mathsymbols.h); big operators with
// \limits / \nolimits; \left ... \right with any delimiter or "."; \big-style sizes (read,
// not applied); the environments matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix,
// cases, aligned, align, align*; \text \mathrm \mathbf \mathbb \mathcal \mathit
// \operatorname; accents \hat \widehat \bar \vec \dot \ddot \tilde \widetilde \overline;
// spaces. \displaystyle and \textstyle are accepted and ignored.
//
// Anything else is an error with the position (in UTF-16 code units) and a reason; the
// caller shows the source instead. Hostile input is bounded: at most kMaxLength characters,
// kMaxDepth nested groups and kMaxNodes nodes, so parsing is linear and never overflows the
// stack.
#pragma once

#include "mathtree.h"

#include <QStringView>
#include <optional>

namespace hearth::math {

struct ParseError {
    qsizetype position = 0;
    QString message;
};

struct ParseResult {
    Node tree; // a Row; empty when there is an error
    std::optional<ParseError> error;
    bool ok() const { return !error.has_value(); }
};

inline constexpr qsizetype kMaxLength = 4000;
inline constexpr int kMaxDepth = 100; // rows and items on the way down
inline constexpr int kMaxNodes = 3000;

ParseResult parse(QStringView latex);

} // namespace hearth::math
