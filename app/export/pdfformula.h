// Formulas in the PDF export (found in prose by hearth::math::splitMath, as in the chat): the
// one place a formula goes into the document, drawn by the math renderer (app/math,
// hearth::math::insertFormula, a QTextObjectInterface), or, for LaTeX it does not support,
// shown as its source in the monospace font, so nothing is lost.
#pragma once

#include <QString>

class QTextCursor;

// Inserts a formula at the cursor: a display formula on a line of its own.
void insertPdfFormula(QTextCursor& cursor, const QString& latex, bool display);
