#include "sourcetext.h"

#include "documenttext.h"

#include <QFileInfo>
#include <cstdlib>

namespace {

// The stored excerpt is the chunk trimmed, so at its stored offset it starts after the
// chunk's leading white space: this far after `start` still counts as in place.
constexpr int kSlack = 256;
// A changed passage is looked for by its first line (or this many characters of it), when
// that is long enough not to match by chance.
constexpr int kPrefixChars = 80;
constexpr int kMinPrefixChars = 16;

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
    emit loaded();
}

void SourceText::clear() {
    state_ = State::Empty;
    text_.clear();
    passageStart_ = passageLength_ = 0;
    code_ = false;
    error_.clear();
}
