// MathML (Presentation MathML 3, the subset browsers render natively) for a parsed formula,
// for the HTML export. The LaTeX source travels along as an annotation, so copying from a
// browser or converting back keeps it:
//
//   <math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics>
//     <mrow>...</mrow><annotation encoding="application/x-tex">\frac{a}{b}</annotation>
//   </semantics></math>
//
// Without line breaks or indentation: the HTML export keeps white space in prose.
#pragma once

#include "mathtree.h"

#include <QStringView>

namespace hearth::math {

// The MathML element for a tree (no <math> wrapper): <mi>, <mfrac>, <mtable>, ...
QString mathMLElement(const Node& node, bool display);

// A complete <math> element for `latex`, or an empty string when it does not parse.
QString toMathML(QStringView latex, bool display);

} // namespace hearth::math
