// Splits Markdown into prose and fenced code blocks (``` or ~~~, CommonMark rules: up to
// three spaces of indent, a closing fence of the same character at least as long). The
// HTML export highlights the code blocks; the Markdown export closes a fence a cut-off
// answer left open, so the next message is not swallowed into it.
#pragma once

#include <QList>
#include <QString>

struct TextBlock {
    enum class Kind { Prose, Code };
    Kind kind = Kind::Prose;
    QString text;       // prose as written; code without its fences and fence indent
    QString language;   // first word of the fence's info string ("cpp"), code only
    QString fence;      // the opening fence ("```", "~~~~"), code only
    bool closed = true; // false: the text ended inside this code block
};

QList<TextBlock> splitCodeFences(const QString& markdown);
