// HTML -> the text a reader sees: tags dropped, the contents of script, style, template,
// noscript, svg and head (but its title) left out, paragraphs, headings, lists and tables
// apart by a blank line, other block elements on lines of their own, list items as "- item", table
// cells separated by tabs, whitespace collapsed except in <pre>, character references decoded. A
// linear scan with no recursion: nesting depth, unclosed tags and stray '<' cost nothing extra.
// Nothing is ever fetched (images, styles, frames are names only). Internal to hearth_documents.
#pragma once

#include <QString>

struct HtmlText {
    QString title; // <title>, whitespace collapsed; empty if none
    QString text;
};

HtmlText htmlToText(const QString& html);

// "&amp;" "&#233;" "&#x1F600;" -> their characters; an unknown or malformed reference is
// kept as written. Exposed for the tests.
QString decodeCharacterReferences(QStringView text);
