#include "mathtextobject.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QPaintDevice>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>
#include <cmath>

namespace hearth::math {

namespace {

constexpr const char* kHandlerProperty = "hearthMathTextObject";

MathFonts fontsFor(const QFont& font, const QString& textFamily) {
    MathFonts fonts;
    fonts.textFamily = textFamily;
    fonts.pixelSize =
        font.pixelSize() > 0 ? font.pixelSize() : int(std::lround(font.pointSizeF() * 96 / 72));
    return fonts;
}

} // namespace

MathTextObject::MathTextObject(const QString& textFamily, QObject* parent)
    : QObject(parent), textFamily_(textFamily) {}

MathTextObject* MathTextObject::install(QTextDocument* document, const QString& textFamily) {
    auto* handler = document->property(kHandlerProperty).value<MathTextObject*>();
    if (handler == nullptr) {
        handler = new MathTextObject(textFamily, document);
        document->setProperty(kHandlerProperty, QVariant::fromValue(handler));
    }
    // A document may get a new layout (setDocumentLayout); registering again is harmless.
    document->documentLayout()->registerHandler(kObjectType, handler);
    return handler;
}

const Formula& MathTextObject::formulaFor(const QTextFormat& format) {
    const QTextCharFormat f = format.toCharFormat();
    const MathFonts fonts = fontsFor(f.font(), textFamily_);
    const QString latex = format.stringProperty(LatexProperty);
    const bool display = format.boolProperty(DisplayProperty);
    const QString key =
        QString::number(fonts.pixelSize) + (display ? u'D' : u'T') + u'\x1f' + latex;
    auto it = cache_.find(key);
    if (it == cache_.end()) {
        if (cache_.size() > 256) {
            cache_.clear();
        }
        it = cache_.insert(key, Formula(latex, display, fonts));
    }
    return *it;
}

namespace {

// Formulas are laid out in pixels at 96 dpi (the fonts' point sizes converted so); a
// document laid out for another device (QTextDocument::print() to a PDF writer at 1200 dpi)
// gets them scaled to its resolution.
qreal deviceScale(QTextDocument* document) {
    const QPaintDevice* device = document->documentLayout()->paintDevice();
    return device != nullptr ? device->logicalDpiY() / 96.0 : 1.0;
}

} // namespace

// Whole pixels: Qt Quick draws the object into an image of size.toSize().
QSizeF MathTextObject::intrinsicSize(QTextDocument* document, int, const QTextFormat& format) {
    const Formula& formula = formulaFor(format);
    const qreal scale = deviceScale(document);
    return {std::ceil(formula.width()) * scale, format.doubleProperty(HeightProperty) * scale};
}

void MathTextObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument* document, int,
                                const QTextFormat& format) {
    const Formula& formula = formulaFor(format);
    const QBrush brush = format.toCharFormat().foreground();
    const QColor color = brush.style() == Qt::NoBrush ? painter->pen().color() : brush.color();
    const qreal baseline = format.doubleProperty(BaselineProperty);
    const qreal scale = deviceScale(document);
    painter->save();
    painter->translate(rect.topLeft());
    painter->scale(scale, scale);
    formula.box().paint(*painter, QPointF(0, baseline), color);
    painter->restore();
}

bool insertFormula(QTextCursor& cursor, const QString& latex, bool display, TextTarget target) {
    QTextDocument* document = cursor.document();
    QTextCharFormat format = cursor.charFormat();
    if (!format.hasProperty(QTextFormat::FontPixelSize) &&
        !format.hasProperty(QTextFormat::FontPointSize)) {
        format.setFont(document->defaultFont(), QTextCharFormat::FontPropertiesSpecifiedOnly);
        const QFont base = document->defaultFont();
        if (base.pixelSize() > 0) {
            format.setProperty(QTextFormat::FontPixelSize, base.pixelSize());
        } else {
            format.setFontPointSize(base.pointSizeF());
        }
    }
    MathTextObject* handler = MathTextObject::install(document, document->defaultFont().family());
    format.setObjectType(MathTextObject::kObjectType);
    format.setProperty(MathTextObject::LatexProperty, latex);
    format.setProperty(MathTextObject::DisplayProperty, display);
    const Formula& formula = handler->formulaFor(format);
    if (!formula.ok()) {
        QTextCharFormat source = cursor.charFormat();
        source.setFontFixedPitch(true);
        source.setFontFamilies({QFontDatabase::systemFont(QFontDatabase::FixedFont).family()});
        const QString open = display ? QStringLiteral("$$") : QStringLiteral("$");
        cursor.insertText(open + latex + open, source);
        return false;
    }
    // See the header for where each alignment puts the object. `descent` is the font's, as
    // both Qt Quick and QTextDocumentLayout measure it (QFontMetrics, whole pixels).
    const qreal descent = QFontMetrics(format.font()).descent();
    const qreal above = std::ceil(formula.ascent());
    const qreal below = std::ceil(formula.descent());
    qreal height = above + std::max(descent, below); // a deeper formula is raised, not cut
    qreal baseline = above;
    if (target == TextTarget::QtQuick) {
        format.setVerticalAlignment(QTextCharFormat::AlignBottom);
    } else {
        format.setVerticalAlignment(QTextCharFormat::AlignMiddle);
        baseline = std::max(above, below);
        height = 2 * baseline;
    }
    format.setProperty(MathTextObject::HeightProperty, height);
    format.setProperty(MathTextObject::BaselineProperty, baseline);
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
    return true;
}

QString sourceText(const QTextDocument* document, int start, int end) {
    QString out;
    QTextCursor cursor(const_cast<QTextDocument*>(document));
    end = std::min(end, document->characterCount() - 1);
    for (int i = std::max(0, start); i < end; ++i) {
        const QChar c = document->characterAt(i);
        if (c == QChar::ObjectReplacementCharacter) {
            cursor.setPosition(i + 1); // the format of the character before the cursor
            const QTextCharFormat f = cursor.charFormat();
            if (f.objectType() == MathTextObject::kObjectType) {
                const QString d = f.boolProperty(MathTextObject::DisplayProperty)
                                      ? QStringLiteral("$$")
                                      : QStringLiteral("$");
                out += d + f.stringProperty(MathTextObject::LatexProperty) + d;
                continue;
            }
        }
        if (c == QChar::ParagraphSeparator || c == QChar::LineSeparator) {
            out += u'\n';
        } else if (c == QChar::Nbsp) {
            out += u' ';
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace hearth::math
