// Code into a QTextDocument with KSyntaxHighlighting: each highlighted run is inserted at a
// cursor with the character format the light theme gives it. The PDF export's counterpart of
// HtmlCodeHighlighter (the same definitions, looked up by codeDefinition()).
#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <QColor>
#include <QString>
#include <QTextCharFormat>

class QTextCursor;
namespace KSyntaxHighlighting {
class Repository;
}

class PdfCodeHighlighter : public KSyntaxHighlighting::AbstractHighlighter {
public:
    explicit PdfCodeHighlighter(const KSyntaxHighlighting::Repository& repository);

    // Inserts `code` at `cursor` in `base` (the monospace format), highlighted for
    // `language` where a definition matches, plain otherwise. Lines are separated by
    // QChar::LineSeparator, so a block stays one paragraph.
    void insert(QTextCursor& cursor, const QString& code, const QString& language,
                const QTextCharFormat& base);
    QColor background() const; // the theme's editor background
    QColor foreground() const; // its normal text

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format) override;

private:
    const KSyntaxHighlighting::Repository& repository_;
    QTextCursor* cursor_ = nullptr;
    QTextCharFormat base_;
    QStringView line_;
    int position_ = 0; // how much of line_ has been inserted
};
