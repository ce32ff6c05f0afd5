// Marks a range of a QML TextEdit's text with a background colour (the cited passage in
// the source viewer), as layout formatting only: the text itself is never changed, and
// selecting or copying it is unaffected.
#pragma once

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QtQml/qqmlregistration.h>

class QSyntaxHighlighter;

class PassageHighlighter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ document WRITE setDocument NOTIFY changed)
    Q_PROPERTY(int start READ start WRITE setStart NOTIFY changed)
    Q_PROPERTY(int length READ length WRITE setLength NOTIFY changed)
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY changed)

public:
    explicit PassageHighlighter(QObject* parent = nullptr);
    ~PassageHighlighter() override;

    QQuickTextDocument* document() const { return document_; }
    void setDocument(QQuickTextDocument* document);
    int start() const { return start_; }
    void setStart(int start);
    int length() const { return length_; }
    void setLength(int length);
    QColor color() const { return color_; }
    void setColor(const QColor& color);

signals:
    void changed();

private:
    class Highlighter;
    void apply();

    QPointer<QQuickTextDocument> document_;
    QPointer<Highlighter> highlighter_; // a child of the text document, gone with it
    int start_ = 0;
    int length_ = 0;
    QColor color_;
};
