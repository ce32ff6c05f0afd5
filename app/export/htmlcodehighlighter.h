// Code to HTML with KSyntaxHighlighting: each highlighted run becomes
// <span class="hl-N">...</span>, N being the syntax format's id, and css() gives those
// classes their colours from a light and a dark theme (the dark ones inside a
// prefers-color-scheme: dark media query), so one file follows the reader's system.
#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>
#include <QString>
#include <map>

namespace KSyntaxHighlighting {
class Repository;
}

class HtmlCodeHighlighter : public KSyntaxHighlighting::AbstractHighlighter {
public:
    explicit HtmlCodeHighlighter(const KSyntaxHighlighting::Repository& repository);

    // `code` escaped and highlighted for `language` (a fence's info word such as "cpp",
    // "python", "rs"); escaped only when no syntax matches.
    QString highlight(const QString& code, const QString& language);
    // Rules for the formats used since the last reset(), and the code block colours.
    QString css() const;
    void reset() { used_.clear(); }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format) override;

private:
    const KSyntaxHighlighting::Repository& repository_;
    KSyntaxHighlighting::Theme light_;
    KSyntaxHighlighting::Theme dark_;
    std::map<int, std::pair<QString, QString>> used_; // format id -> light, dark CSS
    QStringView line_;
    int position_ = 0; // how much of line_ has been written
    QString out_;
};

// The syntax definition for a fence's language word ("cpp", "Python", "rs"); invalid when
// none matches. Shared with the PDF export's highlighter.
KSyntaxHighlighting::Definition codeDefinition(const KSyntaxHighlighting::Repository& repository,
                                               const QString& language);

// Text with &, <, >, " and ' replaced by entities.
QString htmlEscaped(QStringView text);
