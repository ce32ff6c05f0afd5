// Fills a TextEdit's document with a prose block (Markdown) whose inline formulas are drawn
// as formulas (MathTextObject). Why this way: the chat's prose is a read-only TextEdit with
// Qt's Markdown reader, which would mangle LaTeX (underscores become emphasis, backslashes
// escapes). So the formulas are cut out first (mathscan.h), each replaced by a private-use
// placeholder the Markdown reader passes through, and after reading each placeholder becomes
// a formula object in the surrounding character format. Text keeps wrapping, selection and
// links as before, and a formula sits on the text's baseline.
//
// sourceText() gives a selection back with the formulas as LaTeX (for copying).
//
//   TextEdit { id: prose; textFormat: TextEdit.MarkdownText; ... }
//   MathProse { document: prose.textDocument; markdown: blockText }
#pragma once

#include <QColor>
#include <QFont>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QtQml/qqmlregistration.h>

class MathProse : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(QString markdown READ markdown WRITE setMarkdown NOTIFY markdownChanged)
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    Q_PROPERTY(QFont font READ font WRITE setFont NOTIFY fontChanged)
    Q_PROPERTY(int formulaCount READ formulaCount NOTIFY markdownChanged)

public:
    explicit MathProse(QObject* parent = nullptr);

    QQuickTextDocument* document() const { return document_; }
    void setDocument(QQuickTextDocument* document);
    QString markdown() const { return markdown_; }
    void setMarkdown(const QString& markdown);
    QColor color() const { return color_; }
    void setColor(const QColor& color);
    QFont font() const { return font_; }
    void setFont(const QFont& font);
    int formulaCount() const { return formulaCount_; }

    // The text between two document positions with formulas as $...$ / $$...$$.
    Q_INVOKABLE QString sourceText(int start, int end) const;

    // Reads `markdown` into `document` (in `font`) with its formulas as objects in `color`;
    // returns their number.
    static int fill(QTextDocument* document, const QString& markdown, const QFont& font,
                    const QColor& color);

signals:
    void documentChanged();
    void markdownChanged();
    void colorChanged();
    void fontChanged();

private:
    void refill();

    QPointer<QQuickTextDocument> document_;
    QString markdown_;
    QColor color_ = Qt::black;
    QFont font_;
    int formulaCount_ = 0;
};
