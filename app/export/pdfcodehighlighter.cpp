#include "pdfcodehighlighter.h"

#include "htmlcodehighlighter.h"

#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QTextCursor>

using namespace KSyntaxHighlighting;

PdfCodeHighlighter::PdfCodeHighlighter(const Repository& repository) : repository_(repository) {
    setTheme(repository.defaultTheme(Repository::LightTheme));
}

QColor PdfCodeHighlighter::background() const {
    return QColor::fromRgb(theme().editorColor(Theme::BackgroundColor));
}

QColor PdfCodeHighlighter::foreground() const {
    return QColor::fromRgb(theme().textColor(Theme::Normal));
}

void PdfCodeHighlighter::insert(QTextCursor& cursor, const QString& code, const QString& language,
                                const QTextCharFormat& base) {
    QTextCharFormat plain = base;
    plain.setForeground(foreground());
    const Definition definition = codeDefinition(repository_, language);
    const QStringList lines = code.split(QLatin1Char('\n'));
    if (!definition.isValid()) {
        cursor.insertText(lines.join(QChar::LineSeparator), plain);
        return;
    }
    setDefinition(definition);
    cursor_ = &cursor;
    base_ = plain;
    State state;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            cursor.insertText(QString(QChar::LineSeparator), plain);
        }
        line_ = lines[i];
        position_ = 0;
        state = highlightLine(line_, state);
        cursor.insertText(line_.mid(position_).toString(), plain); // what no format covered
    }
    line_ = {};
    cursor_ = nullptr;
}

void PdfCodeHighlighter::applyFormat(int offset, int length, const Format& format) {
    if (!cursor_ || offset < position_ || offset + length > line_.size()) {
        return; // overlapping or out of line: already inserted
    }
    if (offset > position_) {
        cursor_->insertText(line_.mid(position_, offset - position_).toString(), base_);
    }
    QTextCharFormat styled = base_;
    if (format.hasTextColor(theme())) {
        styled.setForeground(format.textColor(theme()));
    }
    if (format.hasBackgroundColor(theme())) {
        styled.setBackground(format.backgroundColor(theme()));
    }
    if (format.isBold(theme())) {
        styled.setFontWeight(QFont::Bold);
    }
    if (format.isItalic(theme())) {
        styled.setFontItalic(true);
    }
    styled.setFontUnderline(format.isUnderline(theme()));
    styled.setFontStrikeOut(format.isStrikeThrough(theme()));
    cursor_->insertText(line_.mid(offset, length).toString(), styled);
    position_ = offset + length;
}
