// Formulas inside a QTextDocument (the chat's prose blocks, the PDF export): each formula is
// one object replacement character (U+FFFC) whose character format carries the LaTeX and
// the style; the handler registered on the document's layout measures and draws it.
//
// Baselines: Qt places an inline object either with its bottom at the font's descent below
// the baseline (AlignBaseline) or centred on the baseline (AlignMiddle). A formula that
// reaches no lower than the font's descent uses the first, padded so its baseline meets the
// text's; a deeper one (a fraction) uses the second, padded to be symmetric about its
// baseline. Either way formula and text share a baseline.
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
        BaselineProperty,                                // qreal: baseline from the top
    };

    // The handler of `document` (created, parented to it and registered on its layout on the
    // first call). `textFamily` is the family used for letters and text.
    static MathTextObject* install(QTextDocument* document,
                                   const QString& textFamily = QStringLiteral("Noto Sans"));

    QSizeF intrinsicSize(QTextDocument* document, int position,
                         const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* document,
                    int position, const QTextFormat& format) override;

    // The laid-out formula for a format (cached; the cache is small and cleared when full).
    const Formula& formulaFor(const QTextFormat& format);

private:
    explicit MathTextObject(const QString& textFamily, QObject* parent);

    QString textFamily_;
    QHash<QString, Formula> cache_;
};

// Inserts `latex` at the cursor as a formula object, in the cursor's character format
// (font size, colour). Input the parser rejects is inserted as its source in a monospace
// font instead, with its delimiters; returns whether a formula was inserted. Installs the
// handler when the document has none.
bool insertFormula(QTextCursor& cursor, const QString& latex, bool display);

// The document's text from `start` to `end` with each formula written back as LaTeX
// ($...$ or $$...$$), paragraphs separated by line breaks: what copying a selection gives.
QString sourceText(const QTextDocument* document, int start, int end);

} // namespace hearth::math
