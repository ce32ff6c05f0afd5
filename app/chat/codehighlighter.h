// Syntax highlighting for a code block: attaches a KSyntaxHighlighting highlighter to a
// QML TextEdit's document, for the block's language (a fence's info word such as "python",
// "cpp", "js") and a theme matching the light or dark palette. The text itself is never
// rewritten, only formatted.
#pragma once

#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QString>
#include <QTextDocument>
#include <QtQml/qqmlregistration.h>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
class Definition;
} // namespace KSyntaxHighlighting

class CodeHighlighter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    // The definition's display name ("Python", "C++"), empty when the language is unknown.
    Q_PROPERTY(QString definitionName READ definitionName NOTIFY definitionNameChanged)

public:
    explicit CodeHighlighter(QObject* parent = nullptr);
    ~CodeHighlighter() override;

    QQuickTextDocument* document() const { return document_; }
    void setDocument(QQuickTextDocument* document);
    // For C++ users and tests: highlight a plain QTextDocument.
    void setTextDocument(QTextDocument* document);

    QString language() const { return language_; }
    void setLanguage(const QString& language);
    bool dark() const { return dark_; }
    void setDark(bool dark);
    QString definitionName() const;

    // The syntax definition for a fence's language word (aliases and file extensions too).
    static KSyntaxHighlighting::Definition definitionFor(const QString& language);

signals:
    void documentChanged();
    void languageChanged();
    void darkChanged();
    void definitionNameChanged();

private:
    void apply();

    QPointer<QQuickTextDocument> document_;
    QPointer<QTextDocument> text_document_;
    KSyntaxHighlighting::SyntaxHighlighter* highlighter_ = nullptr;
    QString language_;
    bool dark_ = false;
};
