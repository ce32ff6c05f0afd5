#include "mathprose.h"

#include "mathscan.h"
#include "mathtextobject.h"

#include <QTextCursor>
#include <QTextDocument>

namespace {

// Placeholders: U+E000 followed by U+E100 + the formula's index (private use characters,
// which Markdown leaves alone). Up to 3840 formulas per block; more stay source.
constexpr char16_t kMark = 0xE000;
constexpr char16_t kIndexBase = 0xE100;
constexpr int kMaxFormulas = 0xF8FF - kIndexBase;

} // namespace

MathProse::MathProse(QObject* parent) : QObject(parent) {}

void MathProse::setDocument(QQuickTextDocument* document) {
    if (document == document_) {
        return;
    }
    document_ = document;
    refill();
    emit documentChanged();
}

void MathProse::setMarkdown(const QString& markdown) {
    if (markdown == markdown_) {
        return;
    }
    markdown_ = markdown;
    refill();
    emit markdownChanged();
}

void MathProse::setColor(const QColor& color) {
    if (color == color_) {
        return;
    }
    color_ = color;
    refill();
    emit colorChanged();
}

void MathProse::setFont(const QFont& font) {
    if (font == font_) {
        return;
    }
    font_ = font;
    refill();
    emit fontChanged();
}

void MathProse::refill() {
    if (document_ == nullptr || document_->textDocument() == nullptr) {
        return;
    }
    formulaCount_ = fill(document_->textDocument(), markdown_, font_, color_);
}

int MathProse::fill(QTextDocument* document, const QString& markdown, const QFont& font,
                    const QColor& color) {
    using hearth::math::TextSpan;
    const QList<TextSpan> spans = hearth::math::splitMath(markdown);
    QString marked;
    marked.reserve(markdown.size());
    QList<const TextSpan*> formulas;
    for (const TextSpan& span : spans) {
        if (span.kind == TextSpan::Kind::Math && formulas.size() < kMaxFormulas) {
            marked += QChar(kMark);
            marked += QChar(char16_t(kIndexBase + formulas.size()));
            formulas.append(&span);
        } else {
            marked += QStringView(markdown).sliced(span.start, span.length);
        }
    }
    document->setDefaultFont(font);
    document->setMarkdown(marked, QTextDocument::MarkdownDialectGitHub);
    if (formulas.isEmpty()) {
        return 0;
    }
    hearth::math::MathTextObject::install(document, document->defaultFont().family());
    int inserted = 0;
    // One edit block: the document (and a view on it) lays out once, not once per formula.
    QTextCursor batch(document);
    batch.beginEditBlock();
    QTextCursor cursor(document);
    while (!(cursor = document->find(QString(QChar(kMark)), cursor)).isNull()) {
        const int at = cursor.selectionStart();
        const QChar index = document->characterAt(at + 1);
        const int i = index.unicode() - kIndexBase;
        if (i < 0 || i >= formulas.size()) {
            continue; // a private-use character of the answer itself
        }
        cursor.setPosition(at);
        cursor.setPosition(at + 2, QTextCursor::KeepAnchor);
        // The formula takes the placeholder's format (emphasis, heading size, link colour),
        // in the item's colour where Markdown set none.
        QTextCursor formatAt(document);
        formatAt.setPosition(at + 1);
        QTextCharFormat around = formatAt.charFormat();
        if (!around.hasProperty(QTextFormat::ForegroundBrush)) {
            around.setForeground(color);
        }
        cursor.removeSelectedText();
        cursor.setCharFormat(around);
        inserted += hearth::math::insertFormula(cursor, formulas[i]->text, formulas[i]->display,
                                                hearth::math::TextTarget::QtQuick);
    }
    batch.endEditBlock();
    return inserted;
}

QString MathProse::sourceText(int start, int end) const {
    if (document_ == nullptr || document_->textDocument() == nullptr) {
        return {};
    }
    return hearth::math::sourceText(document_->textDocument(), std::min(start, end),
                                    std::max(start, end));
}
