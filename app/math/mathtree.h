// The typed tree a LaTeX formula parses into (see mathparser.h), shared by the box layout
// (mathlayout.h) and the MathML writer (mathml.h).
//
// Every node is a Node with a Kind; the meaning of `text` and of `children` per kind:
//   Row      children: the items in order                       text: -
//   Atom     a symbol, letter, digit run or operator name        text: its characters
//            (\mathbb{R}: "ℝ", with close: "R", the letter before mapping)
//   Frac     children: [numerator, denominator]                  rule: false for \binom
//   Sqrt     children: [radicand] or [radicand, index]
//   Scripts  children: [base, subscript, superscript]; a missing script is an empty Row
//            (hasSub/hasSup say which are there)
//   Fenced   children: [body]; text: left delimiter, close: right delimiter ("" for \left.)
//   Matrix   children: one Row per matrix row, each holding one Row per cell;
//            env: the environment
//   Accent   children: [body]; text: the accent character (U+0302 ... as a spacing mark),
//            or "" for \overline (a rule)
//   Space    width: in mu (1/18 em), may be negative
//   Text     text: the words of \text{...}, set upright in the text font
#pragma once

#include <QString>
#include <vector>

namespace hearth::math {

// TeX's atom classes: they decide the spacing between neighbours and the shape of scripts.
enum class AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct };

// The font an atom is set in. Italic: Latin and lowercase Greek letters as variables;
// Upright: digits, symbols, operator names; Symbol: the math font (operators, arrows, big
// operators); Bold/DoubleStruck/Script map letters per \mathbf, \mathbb, \mathcal.
enum class Variant { Italic, Upright, Bold, DoubleStruck, Script, Symbol };

enum class Environment {
    Matrix,
    PMatrix,
    BMatrix,
    BraceMatrix,
    VMatrix,
    DoubleVMatrix,
    Cases,
    Aligned
};

struct Node {
    enum class Kind { Row, Atom, Frac, Sqrt, Scripts, Fenced, Matrix, Accent, Space, Text };

    Kind kind = Kind::Row;
    QString text;
    QString close; // Fenced: the right delimiter; Atom of \mathbb/\mathcal: the plain letters
    AtomClass atomClass = AtomClass::Ord;
    Variant variant = Variant::Italic;
    bool largeOp = false; // Atom: a big operator (\sum, \int, ...)
    bool limits = false;  // Atom: big operator whose scripts go above/below
    bool rule = true;     // Frac: draw the fraction bar
    bool hasSub = false, hasSup = false;
    Environment env = Environment::Matrix;
    int width = 0; // Space: mu
    std::vector<Node> children;

    static Node row() { return Node{}; }
};

} // namespace hearth::math
