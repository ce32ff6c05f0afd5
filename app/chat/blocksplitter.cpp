#include "blocksplitter.h"

using namespace Qt::StringLiterals;

namespace {

// Leading spaces of a fence line may be at most three (four would be indented code).
qsizetype indentation(QStringView line) {
    qsizetype n = 0;
    while (n < line.size() && line[n] == u' ') {
        ++n;
    }
    return n;
}

qsizetype run_of(QStringView line, qsizetype from, QChar c) {
    qsizetype n = from;
    while (n < line.size() && line[n] == c) {
        ++n;
    }
    return n - from;
}

QStringView without_line_end(QStringView line) {
    return line.endsWith(u'\r') ? line.chopped(1) : line;
}

} // namespace

qsizetype BlockSplitter::append(QStringView text) {
    first_changed_ = -1;
    pending_ += text;
    qsizetype newline;
    while ((newline = pending_.indexOf(u'\n')) >= 0) {
        const QString line = pending_.left(newline);
        pending_.remove(0, newline + 1);
        add_line(line);
    }
    show_pending();
    return first_changed_;
}

qsizetype BlockSplitter::finish() {
    first_changed_ = -1;
    if (!pending_.isEmpty()) {
        const QString line = pending_;
        pending_.clear();
        add_line(line);
        show_pending();
    }
    return first_changed_;
}

QList<MessageBlock> BlockSplitter::split(QStringView text) {
    BlockSplitter splitter;
    splitter.append(text);
    splitter.finish();
    return splitter.blocks_;
}

void BlockSplitter::touch(qsizetype index) {
    if (first_changed_ < 0 || index < first_changed_) {
        first_changed_ = index;
    }
}

void BlockSplitter::add_line(QStringView raw) {
    const QStringView line = without_line_end(raw);
    const qsizetype indent = indentation(line);

    if (fence_length_ > 0) { // inside a code block
        const bool closing =
            indent <= 3 && run_of(line, indent, fence_char_) >= fence_length_ &&
            line.sliced(indent + run_of(line, indent, fence_char_)).trimmed().isEmpty();
        MessageBlock& code = blocks_.last();
        if (closing) {
            code.closed = true;
            fence_length_ = 0;
        } else {
            committed_ += code_lines_++ > 0 ? u"\n"_s : u""_s;
            committed_ += line;
        }
        code.text = committed_;
        touch(blocks_.size() - 1);
        return;
    }

    if (indent <= 3 && indent < line.size() && (line[indent] == u'`' || line[indent] == u'~')) {
        const QChar c = line[indent];
        const qsizetype length = run_of(line, indent, c);
        const QStringView info = line.sliced(indent + length).trimmed();
        if (length >= 3 && !(c == u'`' && info.contains(u'`'))) {
            // The prose block shown so far may have displayed this line provisionally;
            // take it back (and the block, if that line was all it held).
            if (!blocks_.isEmpty() && blocks_.last().kind == MessageBlock::Kind::Prose) {
                touch(blocks_.size() - 1);
                if (committed_.isEmpty()) {
                    blocks_.removeLast();
                } else {
                    blocks_.last().text = committed_;
                }
            }
            MessageBlock code;
            code.kind = MessageBlock::Kind::Code;
            code.language = info.toString().section(u' ', 0, 0);
            blocks_.append(code);
            touch(blocks_.size() - 1);
            fence_char_ = c;
            fence_length_ = length;
            code_lines_ = 0;
            committed_.clear();
            return;
        }
    }

    const bool continues_prose =
        !blocks_.isEmpty() && blocks_.last().kind == MessageBlock::Kind::Prose;
    if (!continues_prose) {
        if (line.trimmed().isEmpty()) {
            return; // blank lines only separate blocks; a new prose block starts with text
        }
        blocks_.append(MessageBlock{});
        committed_.clear();
    }
    committed_ += line;
    committed_ += u'\n';
    blocks_.last().text = committed_;
    touch(blocks_.size() - 1);
}

// The unterminated last line appears in the last block at once (provisionally: a fence
// opener is only recognised when its line is complete).
void BlockSplitter::show_pending() {
    if (pending_.isEmpty()) {
        return;
    }
    if (fence_length_ > 0) {
        // A line of only fence characters is (the start of) the closing fence: not code.
        const QStringView line = QStringView(pending_).trimmed();
        if (!line.isEmpty() && run_of(line, 0, fence_char_) == line.size()) {
            return;
        }
        MessageBlock& code = blocks_.last();
        code.text = committed_ + (code_lines_ > 0 ? u"\n"_s : u""_s) + pending_;
        touch(blocks_.size() - 1);
        return;
    }
    if (blocks_.isEmpty() || blocks_.last().kind != MessageBlock::Kind::Prose) {
        if (pending_.trimmed().isEmpty()) {
            return;
        }
        blocks_.append(MessageBlock{});
        committed_.clear();
    }
    blocks_.last().text = committed_ + pending_;
    touch(blocks_.size() - 1);
}
