#include "mathscan.h"

namespace hearth::math {

namespace {

// The end of the inline code span starting at `at` (a run of n backticks up to the next run
// of exactly n), or -1 when it is not closed.
qsizetype codeSpanEnd(QStringView s, qsizetype at) {
    qsizetype n = 0;
    while (at + n < s.size() && s[at + n] == u'`') {
        ++n;
    }
    for (qsizetype i = at + n; i < s.size();) {
        if (s[i] != u'`') {
            ++i;
            continue;
        }
        qsizetype m = 0;
        while (i + m < s.size() && s[i + m] == u'`') {
            ++m;
        }
        if (m == n) {
            return i + m;
        }
        i += m;
    }
    return -1;
}

bool escapedAt(QStringView s, qsizetype at) {
    qsizetype backslashes = 0;
    while (at - 1 - backslashes >= 0 && s[at - 1 - backslashes] == u'\\') {
        ++backslashes;
    }
    return backslashes % 2 == 1;
}

struct Found {
    qsizetype start = -1, end = 0; // the formula with its delimiters: [start, end)
    qsizetype contentStart = 0, contentEnd = 0;
    bool display = false;
};

class Scanner {
public:
    explicit Scanner(QStringView s) : s_(s) {}

    // A formula starting at `i`, if one does.
    Found formulaAt(qsizetype i) {
        Found f;
        auto pair = [&](QStringView open, QStringView close, bool display) {
            const qsizetype from = i + open.size();
            const qsizetype end = findCloser(from, close);
            if (end > from && !s_.sliced(from, end - from).trimmed().isEmpty()) {
                f = {i, end + close.size(), from, end, display};
            }
        };
        if (s_[i] == u'\\' && i + 1 < s_.size() && !escapedAt(s_, i)) {
            if (s_[i + 1] == u'(') {
                pair(u"\\(", u"\\)", false);
            } else if (s_[i + 1] == u'[') {
                pair(u"\\[", u"\\]", true);
            }
            return f;
        }
        if (s_[i] != u'$' || escapedAt(s_, i)) {
            return f;
        }
        if (i + 1 < s_.size() && s_[i + 1] == u'$') {
            pair(u"$$", u"$$", true);
            return f;
        }
        // Single dollar: Pandoc's rules (see the header).
        if (i + 1 >= s_.size() || s_[i + 1].isSpace()) {
            return f;
        }
        const qsizetype end = findCloser(i + 1, u"$");
        if (end < 0 || s_[end - 1].isSpace() ||
            (end + 1 < s_.size() && (s_[end + 1].isDigit() || s_[end + 1] == u'$'))) {
            return f;
        }
        return {i, end + 1, i + 1, end, false};
    }

private:
    // The position of the next unescaped `closer` from `from`, or -1. A blank line ends the
    // search: formulas never span paragraphs. A failed search is remembered (up to where
    // it stopped), so text full of unclosed openers is still scanned in linear time.
    qsizetype findCloser(qsizetype from, QStringView closer) {
        Failed& failed = failed_[closer == u"$"      ? 0
                                 : closer == u"$$"   ? 1
                                 : closer[1] == u')' ? 2
                                                     : 3];
        if (from >= failed.from && from < failed.stop) {
            return -1;
        }
        qsizetype i = from;
        for (; i + closer.size() <= s_.size(); ++i) {
            if (s_[i] == u'\n') {
                qsizetype k = i + 1;
                while (k < s_.size() && (s_[k] == u' ' || s_[k] == u'\t')) {
                    ++k;
                }
                if (k < s_.size() && s_[k] == u'\n') {
                    break;
                }
            }
            if (s_.sliced(i).startsWith(closer) && !escapedAt(s_, i)) {
                return i;
            }
        }
        failed = {from, i + 1};
        return -1;
    }

    struct Failed {
        qsizetype from = 0, stop = 0;
    };
    QStringView s_;
    Failed failed_[4];
};

} // namespace

QList<TextSpan> splitMath(QStringView s) {
    QList<TextSpan> spans;
    Scanner scanner(s);
    qsizetype textStart = 0;
    auto flushText = [&](qsizetype upTo) {
        if (upTo > textStart) {
            spans.append({TextSpan::Kind::Text, s.sliced(textStart, upTo - textStart).toString(),
                          false, textStart, upTo - textStart});
        }
    };
    for (qsizetype i = 0; i < s.size();) {
        if (s[i] == u'`' && !escapedAt(s, i)) {
            const qsizetype end = codeSpanEnd(s, i);
            if (end > 0) {
                i = end;
                continue;
            }
            while (i < s.size() && s[i] == u'`') {
                ++i;
            }
            continue;
        }
        const Found f = scanner.formulaAt(i);
        if (f.start < 0) {
            ++i;
            continue;
        }
        flushText(f.start);
        spans.append({TextSpan::Kind::Math,
                      s.sliced(f.contentStart, f.contentEnd - f.contentStart).toString(), f.display,
                      f.start, f.end - f.start});
        i = textStart = f.end;
    }
    flushText(s.size());
    return spans;
}

bool containsMath(QStringView text) {
    if (!text.contains(u'$') && !text.contains(u"\\(") && !text.contains(u"\\[")) {
        return false; // the common case, without building spans
    }
    for (const TextSpan& span : splitMath(text)) {
        if (span.kind == TextSpan::Kind::Math) {
            return true;
        }
    }
    return false;
}

} // namespace hearth::math
