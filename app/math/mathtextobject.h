// Formulas inside a QTextDocument (the chat's prose blocks, the PDF export): each formula is
// one object replacement character (U+FFFC) whose character format carries the LaTeX and
// the style; the handler registered on the document's layout measures and draws it.
//
// Baselines: QTextDocumentLayout (which a QTextDocument drawn with a QPainter uses, as the
// PDF export does) centres an object on the baseline with AlignMiddle; Qt Quick's text
// nodes draw objects by their own rules, and with AlignBottom put the bottom at the line's
// descent below the baseline (the font's, as such objects add none). So for documents a
// formula's box is padded to be symmetric about its baseline (AlignMiddle); for Qt Quick it
// reaches the font's descent below its baseline (AlignBottom), and a formula deeper than
// that is raised by the difference rather than drawn lower than the line reserves. Either
// way formula and text share a baseline. Sizes follow the document's paint device (a PDF
// writer's 1200 dpi) from 96 dpi pixels.
//
//   MathTextObject::install(document);            // once per document
//   insertFormula(cursor, "\\frac{a}{b}", false);  // at the cursor, in its character format
#pragma once

#include "formula.h"

#include <QHash>
#include <QObject>
#include <QTextObjectInterface>

class QTextCursor;
class QTextDocument;

namespace hearth::math {

class MathTextObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    static constexpr int kObjectType = QTextFormat::UserObject + 22;
    enum Property {
        LatexProperty = QTextFormat::UserProperty + 220, // QString: the source
        DisplayProperty,                                 // bool: display style
        BaselineProperty, // qreal: the formula's baseline from the object's top
        HeightProperty,   // qreal: the object's height
    };

    // The handler of `document` (created, parented to it and registered on its layout on the
    // first call). `textFamily` is the family used for letters and text.
    static MathTextObject* install(QTextDocument* document,
                                   const QString& textFamily = QStringLiteral("Noto Sans"));

    QSizeF intrinsicSize(QTextDocument* document, int position, const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* document, int position,
                    const QTextFormat& format) override;

    // The laid-out formula for a format (cached; the cache is small and cleared when full).
    const Formula& formulaFor(const QTextFormat& format);

private:
    explicit MathTextObject(const QString& textFamily, QObject* parent);

    QString textFamily_;
    QHash<QString, Formula> cache_;
};

// Whose renderer draws the document: QTextDocumentLayout (QTextDocument::drawContents, PDF)
// or a Qt Quick TextEdit/Text.
enum class TextTarget { Document, QtQuick };

// Inserts `latex` at the cursor as a formula object, in the cursor's character format
// (font size, colour). Input the parser rejects is inserted as its source in a monospace
// font instead, with its delimiters; returns whether a formula was inserted. Installs the
// handler when the document has none.
bool insertFormula(QTextCursor& cursor, const QString& latex, bool display,
                   TextTarget target = TextTarget::Document);

// The document's text from `start` to `end` with each formula written back as LaTeX
// ($...$ or $$...$$), paragraphs separated by line breaks: what copying a selection gives.
QString sourceText(const QTextDocument* document, int start, int end);

} // namespace hearth::math
