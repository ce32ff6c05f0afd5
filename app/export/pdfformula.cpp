#include "pdfformula.h"

#include "mathparser.h"
#include "mathtextobject.h"

#include <QFont>
#include <QTextCursor>

namespace {

bool inlineDollarCloses(const QString& text, qsizetype at) {
    return at > 0 && !text[at - 1].isSpace() && text[at - 1] != u'\\' &&
           (at + 1 >= text.size() || !text[at + 1].isDigit());
}

} // namespace

QList<ProseRun> splitMath(const QString& prose) {
    QList<ProseRun> runs;
    QString text;
    auto flush = [&] {
        if (!text.isEmpty()) {
            runs.append({ProseRun::Kind::Text, text});
            text.clear();
        }
    };
    // A delimiter found unclosed once is unclosed for the rest of the text: remembered, so
    // text with many of them stays linear.
    bool unclosed[3] = {false, false, false};
    qsizetype i = 0;
    while (i < prose.size()) {
        const QStringView rest = QStringView(prose).mid(i);
        // Display first: "$$" and "\[" before "$" and "\(".
        struct Delimiter {
            QStringView open, close;
            ProseRun::Kind kind;
        };
        static const Delimiter kDelimiters[] = {
            {u"$$", u"$$", ProseRun::Kind::DisplayMath},
            {u"\\[", u"\\]", ProseRun::Kind::DisplayMath},
            {u"\\(", u"\\)", ProseRun::Kind::InlineMath},
        };
        bool matched = false;
        for (int k = 0; k < 3; ++k) {
            const Delimiter& d = kDelimiters[k];
            if (!rest.startsWith(d.open)) {
                continue;
            }
            const qsizetype end = unclosed[k] ? -1 : prose.indexOf(d.close, i + d.open.size());
            unclosed[k] = end < 0;
            if (end > i + d.open.size()) {
                flush();
                runs.append({d.kind, prose.mid(i + d.open.size(), end - i - d.open.size())});
                i = end + d.close.size();
                matched = true;
            }
            break;
        }
        if (matched) {
            continue;
        }
        if (rest.startsWith(u"\\$")) {
            text += u'$';
            i += 2;
            continue;
        }
        if (prose[i] == u'$' && i + 1 < prose.size() && !prose[i + 1].isSpace() &&
            prose[i + 1] != u'$') {
            // Only the next "$" can close it, on the same line: "$5 and $10" stays text.
            const qsizetype end = prose.indexOf(u'$', i + 1);
            if (end > i + 1 && inlineDollarCloses(prose, end) &&
                !QStringView(prose).mid(i, end - i).contains(u'\n')) {
                flush();
                runs.append({ProseRun::Kind::InlineMath, prose.mid(i + 1, end - i - 1)});
                i = end + 1;
                continue;
            }
        }
        text += prose[i];
        ++i;
    }
    flush();
    return runs;
}

// The formula drawn by the math renderer (app/math) as a text object of the document; input
// it does not support stays as its LaTeX source in the monospace font.
void insertPdfFormula(QTextCursor& cursor, const QString& latex, bool display) {
    QTextCharFormat format = cursor.charFormat();
    const QTextCharFormat previous = format;
    QTextCharFormat source = format;
    source.setFontFamilies(
        {QStringLiteral("Noto Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC")});
    source.setFontFixedPitch(true);
    auto insert = [&] {
        cursor.setCharFormat(previous);
        if (!hearth::math::parse(latex).ok()) {
            cursor.insertText(latex, source);
        } else {
            hearth::math::insertFormula(cursor, latex, display, hearth::math::TextTarget::Document);
        }
    };
    if (display) {
        QTextBlockFormat centred = cursor.blockFormat();
        centred.setAlignment(Qt::AlignHCenter);
        cursor.insertBlock(centred, format);
        insert();
        QTextBlockFormat after = centred;
        after.setAlignment(Qt::AlignLeft);
        cursor.insertBlock(after, previous);
    } else {
        insert();
        cursor.setCharFormat(previous);
    }
}
