// The LaTeX commands the parser knows that stand for one symbol (Greek letters, operators,
// relations, arrows, big operators, operator names), and the letters of \mathbb / \mathcal.
#pragma once

#include "mathtree.h"

#include <QStringView>
#include <optional>

namespace hearth::math {

struct Symbol {
    QString text;
    AtomClass atomClass = AtomClass::Ord;
    Variant variant = Variant::Symbol;
    bool largeOp = false;
    bool limits = false; // scripts above/below in display style
};

// The symbol a command name (without the backslash) stands for, or nothing.
std::optional<Symbol> symbolFor(QStringView command);

// Space commands (\, \: \; \! \quad \qquad, "\ " and ~) in mu; nothing for other names.
std::optional<int> spaceFor(QStringView command);

// A Latin letter as a Mathematical Alphanumeric Symbol (U+1D400 ff., with the letters that
// Unicode keeps in the Letterlike Symbols block); other characters are returned unchanged.
QString mapLetters(QStringView text, Variant variant);

} // namespace hearth::math
