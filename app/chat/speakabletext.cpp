#include "speakabletext.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <md4c.h>

namespace {

// Collects the words md4c reports, block by block, into phrases separated by line breaks.
struct Walk {
    const SpeakablePhrases* phrases = nullptr;
    QString out;
    QString phrase; // the block being read
    QString math;   // the formula being read (inside a LaTeX span)
    int codeBlock = 0;
    int mathSpan = 0;

    // Ends the current phrase with a full stop when it has none, so the voice pauses
    // after a heading, a list item or a table cell as it does after a sentence.
    void endPhrase() {
        const QString text = phrase.simplified();
        phrase.clear();
        if (text.isEmpty()) {
            return;
        }
        out += text;
        static const QString stops = QStringLiteral(".!?:;\u3002\uff01\uff1f\uff1a\uff1b");
        if (!stops.contains(text.back())) {
            const ushort last = text.back().unicode();
            out +=
                last >= 0x2E80 && last <= 0x9FFF ? QStringLiteral("\u3002") : QStringLiteral(".");
        }
        out += u'\n';
    }

    void say(const QString& words) {
        endPhrase();
        phrase = words;
        endPhrase();
    }
};

// A formula read plainly: letters, digits, spaces and the operators a voice says well.
bool readablePlainly(const QString& formula) {
    static const QString operators = QStringLiteral(" +-=<>.,()/*");
    for (const QChar c : formula) {
        if (!c.isLetterOrNumber() && !operators.contains(c)) {
            return false;
        }
    }
    return !formula.trimmed().isEmpty();
}

// The few entities answers contain; any other is left out.
QString entity(const QString& name) {
    if (name == QLatin1String("&amp;"))
        return QStringLiteral("&");
    if (name == QLatin1String("&lt;"))
        return QStringLiteral("<");
    if (name == QLatin1String("&gt;"))
        return QStringLiteral(">");
    if (name == QLatin1String("&quot;"))
        return QStringLiteral("\"");
    if (name == QLatin1String("&nbsp;"))
        return QStringLiteral(" ");
    if (name.startsWith(QLatin1String("&#"))) {
        bool ok = false;
        const QStringView digits = QStringView(name).mid(2).chopped(1);
        const uint code = digits.startsWith(u'x') || digits.startsWith(u'X')
                              ? digits.mid(1).toUInt(&ok, 16)
                              : digits.toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF) {
            return QString::fromUcs4(reinterpret_cast<const char32_t*>(&code), 1);
        }
    }
    return {};
}

int enterBlock(MD_BLOCKTYPE type, void*, void* data) {
    auto* walk = static_cast<Walk*>(data);
    if (type == MD_BLOCK_CODE) {
        walk->endPhrase();
        ++walk->codeBlock;
    } else if (type == MD_BLOCK_LI || type == MD_BLOCK_TR) {
        walk->endPhrase();
    }
    return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void*, void* data) {
    auto* walk = static_cast<Walk*>(data);
    switch (type) {
    case MD_BLOCK_CODE:
        --walk->codeBlock;
        walk->say(walk->phrases->codeOmitted);
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_H:
    case MD_BLOCK_LI:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        walk->endPhrase();
        break;
    default:
        break;
    }
    return 0;
}

int enterSpan(MD_SPANTYPE type, void*, void* data) {
    auto* walk = static_cast<Walk*>(data);
    if (type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
        ++walk->mathSpan;
        walk->math.clear();
    }
    return 0;
}

int leaveSpan(MD_SPANTYPE type, void*, void* data) {
    auto* walk = static_cast<Walk*>(data);
    if (type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
        --walk->mathSpan;
        const QString formula = walk->math.simplified();
        walk->phrase += u' ';
        walk->phrase += readablePlainly(formula) ? formula : walk->phrases->formulaOmitted;
        walk->phrase += u' ';
    }
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* data) {
    auto* walk = static_cast<Walk*>(data);
    if (walk->codeBlock > 0 || type == MD_TEXT_HTML) {
        return 0;
    }
    const QString part = QString::fromUtf8(chars, qsizetype(size));
    if (walk->mathSpan > 0) {
        walk->math += part;
    } else if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
        walk->phrase += u' ';
    } else if (type == MD_TEXT_ENTITY) {
        walk->phrase += entity(part);
    } else if (type != MD_TEXT_NULLCHAR) {
        walk->phrase += part;
    }
    return 0;
}

// \( \) and \[ \] as md4c's $ and $$ (md4c reads only the dollar forms as formulas).
QString dollarMath(const QString& markdown) {
    QString out = markdown;
    out.replace(QLatin1String("\\["), QLatin1String("$$"));
    out.replace(QLatin1String("\\]"), QLatin1String("$$"));
    out.replace(QLatin1String("\\("), QLatin1String("$"));
    out.replace(QLatin1String("\\)"), QLatin1String("$"));
    return out;
}

} // namespace

QString SpeakableText::speakable(const QString& markdown, const SpeakablePhrases& phrases) {
    Walk walk;
    walk.phrases = &phrases;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_LATEXMATHSPANS;
    parser.enter_block = enterBlock;
    parser.leave_block = leaveBlock;
    parser.enter_span = enterSpan;
    parser.leave_span = leaveSpan;
    parser.text = text;
    const QByteArray utf8 = dollarMath(markdown).toUtf8();
    md_parse(utf8.constData(), MD_SIZE(utf8.size()), &parser, &walk);
    walk.endPhrase();
    return walk.out.trimmed();
}

QLocale::Language SpeakableText::language(const QString& text, QLocale::Language fallback) {
    qsizetype han = 0, kana = 0, hangul = 0, cyrillic = 0, greek = 0, arabic = 0, latin = 0;
    for (const char32_t c : text.toUcs4()) {
        if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
            ++han;
        } else if (c >= 0x3040 && c <= 0x30FF) {
            ++kana;
        } else if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF)) {
            ++hangul;
        } else if (c >= 0x0400 && c <= 0x04FF) {
            ++cyrillic;
        } else if (c >= 0x0370 && c <= 0x03FF) {
            ++greek;
        } else if (c >= 0x0600 && c <= 0x06FF) {
            ++arabic;
        } else if (QChar::isLetter(c) && QChar::script(c) == QChar::Script_Latin) {
            ++latin;
        }
    }
    // An ideograph or syllable block is about a word, a Latin word about five letters.
    const qsizetype cjk = 5 * (han + kana);
    const qsizetype best = std::max({cjk, 5 * hangul, cyrillic, greek, arabic, latin});
    if (best == 0) {
        return fallback;
    }
    if (best == cjk) {
        return kana > 0 ? QLocale::Japanese : QLocale::Chinese;
    }
    if (best == 5 * hangul)
        return QLocale::Korean;
    if (best == cyrillic)
        return QLocale::Russian;
    if (best == greek)
        return QLocale::Greek;
    if (best == arabic)
        return QLocale::Arabic;

    static const QStringList german{"der", "die",  "das", "und",  "ist",  "nicht", "ein", "eine",
                                    "mit", "den",  "von", "zu",   "ich",  "sie",   "es",  "auf",
                                    "für", "sich", "dem", "auch", "wird", "sind",  "oder"};
    static const QStringList english{"the", "and",  "is",  "of",   "to",  "a",   "in", "that", "it",
                                     "for", "with", "are", "this", "you", "not", "be", "or"};
    qsizetype de = 0, en = 0;
    for (const QString& word :
         text.toLower().split(QRegularExpression(QStringLiteral("\\W+"),
                                                 QRegularExpression::UseUnicodePropertiesOption),
                              Qt::SkipEmptyParts)) {
        de += german.contains(word) ? 1 : 0;
        en += english.contains(word) ? 1 : 0;
    }
    if (de > en)
        return QLocale::German;
    if (en > 0)
        return QLocale::English;
    return QLocale(fallback).script() == QLocale::LatinScript ? fallback : QLocale::English;
}
