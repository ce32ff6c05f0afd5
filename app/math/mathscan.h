// Finds the formulas in a paragraph of an answer: $...$ and \(...\) inline, $$...$$ and
// \[...\] in display style. Dollar signs in ordinary text stay text, by the rules Pandoc
// uses: an opening $ must be followed by a non-space character, the closing $ (the next
// unescaped one) must follow a non-space character and must not be followed by a digit; an
// opening $ whose closing one fails these tests is a plain dollar sign. "\$" is an escaped
// dollar. Inline code (`...`) is never searched. A delimiter without its closing partner is
// text, so a formula still streaming in shows as source until it is complete.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace hearth::math {

struct TextSpan {
    enum class Kind { Text, Math };
    Kind kind = Kind::Text;
    QString text;         // Text: the characters; Math: the LaTeX between the delimiters
    bool display = false; // Math: $$...$$ or \[...\]
    qsizetype start = 0;  // the span's first character in the scanned text, delimiters
    qsizetype length = 0; // included
    bool operator==(const TextSpan&) const = default;
};

// The text cut into text and formula spans, in order; together they cover all of it.
QList<TextSpan> splitMath(QStringView text);

// Whether splitMath would find at least one formula.
bool containsMath(QStringView text);

} // namespace hearth::math
