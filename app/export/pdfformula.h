// Formulas in the PDF export: where prose holds LaTeX ($…$, $$…$$, \(…\), \[…\]) and the
// one place a formula goes into the document: drawn by the math renderer (app/math,
// hearth::math::insertFormula, a QTextObjectInterface), or, for LaTeX it does not support,
// shown as its source in the monospace font, so nothing is lost.
#pragma once

#include <QList>
#include <QString>

class QTextCursor;

struct ProseRun {
    enum class Kind { Text, InlineMath, DisplayMath };
    Kind kind = Kind::Text;
    QString text; // the text, or the formula's LaTeX without its delimiters
};

// Splits prose into text and formulas. "$" opens inline math only when a non-space follows it,
// and only the next "$" on the same line closes it, after a non-space and not before a digit
// ("$5 and $10" stays text); "\$" is a dollar sign. Unclosed delimiters stay text.
QList<ProseRun> splitMath(const QString& prose);

// Inserts a formula at the cursor: a display formula on a line of its own.
void insertPdfFormula(QTextCursor& cursor, const QString& latex, bool display);
