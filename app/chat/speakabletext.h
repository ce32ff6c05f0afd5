// What read aloud says for an answer: its Markdown turned into plain sentences, and the
// language it is written in.
//
// speakable(): code blocks and display formulas are left out and replaced by a short
// phrase ("Code omitted."), links are read as their text, images as their description,
// emphasis and headings as their words, list items and table cells as separate phrases.
// An inline formula of plain letters, digits and operators ($x + 1$) is read as it is;
// any other formula ($\frac{a}{b}$) is replaced by a phrase. Raw HTML is not read.
//
// language(): the answer's language from its letters: Han ideographs (with no kana) →
// Chinese, kana → Japanese, Hangul → Korean, Cyrillic → Russian, Greek → Greek, Arabic →
// Arabic; Latin text → German when its common function words outnumber English ones, else
// English; no letters at all → `fallback` (the interface language).
#pragma once

#include <QLocale>
#include <QString>

struct SpeakablePhrases {
    QString codeOmitted;    // said where a code block was
    QString formulaOmitted; // said where a formula could not be read plainly
};

class SpeakableText {
public:
    static QString speakable(const QString& markdown, const SpeakablePhrases& phrases);
    static QLocale::Language language(const QString& text, QLocale::Language fallback);
};
