#include "sourcetext.h"

#include "documenttext.h"

#include <QFileInfo>
#include <algorithm>
#include <cstdlib>

namespace {

// The stored excerpt is the chunk trimmed, so at its stored offset it starts after the
// chunk's leading white space: this far after `start` still counts as in place.
constexpr int kSlack = 256;
// A changed passage is looked for by its first line (or this many characters of it), when
// that is long enough not to match by chance.
constexpr int kPrefixChars = 80;
constexpr int kMinPrefixChars = 16;
// A part of a large file starts and ends at a line end, unless the line is longer than this.
constexpr int kLineSnap = 2000;

// The occurrence of `needle` in `text` nearest to `near`, or -1.
qsizetype nearest(const QString& text, const QString& needle, qsizetype near) {
    qsizetype best = -1;
    for (qsizetype at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        if (best < 0 || std::abs(at - near) < std::abs(best - near)) {
            best = at;
        }
        if (at > near) {
            break; // later ones are farther
        }
    }
    return best;
}

} // namespace

SourceText::SourceText(QObject* parent) : QObject(parent) {}

SourceText::Located SourceText::locate(const QString& text, int start, const QString& excerpt) {
    if (excerpt.isEmpty()) {
        return {};
    }
    const qsizetype from = std::clamp<qsizetype>(start, 0, text.size());
    if (const qsizetype at = text.indexOf(excerpt, from); at >= 0 && at - from <= kSlack) {
        return {int(at), int(excerpt.size()), State::Found};
    }
    if (const qsizetype at = nearest(text, excerpt, from); at >= 0) {
        return {int(at), int(excerpt.size()), State::Moved};
    }
    // Edited inside: its first line, when that is distinctive enough.
    QString prefix = excerpt.left(excerpt.indexOf(QLatin1Char('\n'))).left(kPrefixChars).trimmed();
    if (prefix.size() < kMinPrefixChars) {
        prefix = excerpt.left(kPrefixChars);
    }
    if (prefix.size() >= kMinPrefixChars) {
        if (const qsizetype at = nearest(text, prefix, from); at >= 0) {
            return {int(at), int(prefix.size()), State::Moved};
        }
    }
    return {};
}

void SourceText::load(const QString& path, int start, const QString& excerpt) {
    clear();
    if (!QFileInfo::exists(path)) {
        state_ = State::Missing;
        emit loaded();
        return;
    }
    const DocumentResult document = extractDocument(path);
    if (!document) {
        state_ = State::Unreadable;
        error_ = document.error().message();
        emit loaded();
        return;
    }
    // Every kind but PDF (which has its own viewer) is one page.
    text_ = document->pages.isEmpty() ? QString() : document->pages.first().text;
    code_ = document->kind == DocumentKind::SourceCode;
    const Located found = locate(text_, start, excerpt);
    state_ = found.state;
    passageStart_ = found.start;
    passageLength_ = found.length;
    lastLine_ = int(text_.count(QLatin1Char('\n'))) + (text_.endsWith(QLatin1Char('\n')) ? 0 : 1);
    if (text_.size() > kMaxShownChars) {
        keepPartAroundPassage();
    }
    emit loaded();
}

void SourceText::keepPartAroundPassage() {
    // A quarter before the passage, the rest after it (where the passage itself goes on).
    const qsizetype size = text_.size();
    qsizetype from = std::max<qsizetype>(0, passageStart_ - kMaxShownChars / 4);
    qsizetype to = std::min(size, from + kMaxShownChars);
    from = std::max<qsizetype>(0, to - kMaxShownChars);
    if (from > 0) {
        const qsizetype lineStart = text_.lastIndexOf(QLatin1Char('\n'), from - 1) + 1;
        from = from - lineStart <= kLineSnap ? lineStart : from;
    }
    if (to < size) {
        const qsizetype lineEnd = text_.indexOf(QLatin1Char('\n'), to);
        to = lineEnd >= 0 && lineEnd - to <= kLineSnap ? lineEnd + 1 : to;
    }
    firstLine_ = int(QStringView(text_).left(from).count(QLatin1Char('\n'))) + 1;
    const QString part = text_.mid(from, to - from);
    lastLine_ = firstLine_ + int(part.count(QLatin1Char('\n'))) -
                (part.endsWith(QLatin1Char('\n')) ? 1 : 0);
    text_ = part;
    partial_ = true;
    if (passageLength_ > 0) {
        const qsizetype start = std::clamp<qsizetype>(passageStart_ - from, 0, part.size());
        const qsizetype end =
            std::clamp<qsizetype>(passageStart_ + passageLength_ - from, 0, part.size());
        passageStart_ = int(start);
        passageLength_ = int(end - start);
    }
}

void SourceText::clear() {
    state_ = State::Empty;
    text_.clear();
    passageStart_ = passageLength_ = 0;
    code_ = false;
    error_.clear();
    partial_ = false;
    firstLine_ = lastLine_ = 1;
}
