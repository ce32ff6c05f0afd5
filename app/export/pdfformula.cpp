#include "pdfformula.h"

#include "mathparser.h"
#include "mathtextobject.h"

#include <QFont>
#include <QTextCursor>

// The formula drawn by the math renderer (app/math) as a text object of the document; input
// it does not support stays as its LaTeX source in the monospace font.
void insertPdfFormula(QTextCursor& cursor, const QString& latex, bool display) {
    QTextCharFormat format = cursor.charFormat();
    const QTextCharFormat previous = format;
    QTextCharFormat source = format;
    source.setFontFamilies(
        {QStringLiteral("Noto Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC")});
    source.setFontFixedPitch(true);
    auto insert = [&] {
        cursor.setCharFormat(previous);
        if (!hearth::math::parse(latex).ok()) {
            cursor.insertText(latex, source);
        } else {
            hearth::math::insertFormula(cursor, latex, display, hearth::math::TextTarget::Document);
        }
    };
    if (display) {
        QTextBlockFormat centred = cursor.blockFormat();
        centred.setAlignment(Qt::AlignHCenter);
        cursor.insertBlock(centred, format);
        insert();
        QTextBlockFormat after = centred;
        after.setAlignment(Qt::AlignLeft);
        cursor.insertBlock(after, previous);
    } else {
        insert();
        cursor.setCharFormat(previous);
    }
}
