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

// Lines are taken from `pending_` by position and the last block's text is set once per
// call, not per line: a long answer appended or split at once costs time in proportion to
// its length (removing each line from the front, or copying the block's text after each
// line, would take its length times its number of lines).
qsizetype BlockSplitter::append(QStringView text) {
    first_changed_ = -1;
    pending_ += text;
    qsizetype start = 0, newline;
    while ((newline = pending_.indexOf(u'\n', start)) >= 0) {
        add_line(QStringView(pending_).sliced(start, newline - start));
        start = newline + 1;
    }
    pending_.remove(0, start);
    update_last();
    show_pending();
    return first_changed_;
}

qsizetype BlockSplitter::finish() {
    first_changed_ = -1;
    if (!pending_.isEmpty()) {
        const QString line = pending_;
        pending_.clear();
        add_line(line);
        update_last();
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

// The last block's text from its complete lines (committed_ always belongs to it).
void BlockSplitter::update_last() {
    if (first_changed_ >= 0 && !blocks_.isEmpty()) {
        blocks_.last().text = committed_;
    }
}

// A code or math block starts: the prose block shown so far may have displayed its first
// line provisionally; take it back (and the block, if that line was all it held).
void BlockSplitter::start_block(MessageBlock::Kind kind) {
    if (!blocks_.isEmpty() && blocks_.last().kind == MessageBlock::Kind::Prose) {
        touch(blocks_.size() - 1);
        if (committed_.isEmpty()) {
            blocks_.removeLast();
        } else {
            blocks_.last().text = committed_;
        }
    } else if (!blocks_.isEmpty()) {
        blocks_.last().text = committed_; // the code or math block before is complete
    }
    MessageBlock block;
    block.kind = kind;
    blocks_.append(block);
    touch(blocks_.size() - 1);
    code_lines_ = 0;
    committed_.clear();
}

// A line starting with $$ or \[ (after at most three spaces) opens a display formula. One
// that also ends with the closing delimiter, with no other closing delimiter before it, is a
// complete formula; "$$a$$ and $$b$$" is prose with two inline formulas.
bool BlockSplitter::open_math(QStringView line, qsizetype indent) {
    const QStringView rest = line.sliced(indent);
    const bool dollars = rest.startsWith(u"$$");
    if (!dollars && !rest.startsWith(u"\\[")) {
        return false;
    }
    const QString close = dollars ? u"$$"_s : u"\\]"_s;
    const QStringView body = rest.sliced(2).trimmed();
    const qsizetype first_close = body.indexOf(close);
    if (first_close >= 0 && first_close != body.size() - close.size()) {
        return false;
    }
    start_block(MessageBlock::Kind::Math);
    math_close_ = close;
    add_math_line(body);
    return true;
}

// A line inside a display formula; one ending with the closing delimiter closes it.
void BlockSplitter::add_math_line(QStringView line) {
    QStringView content = line;
    const QStringView trimmed = line.trimmed();
    const bool closing = trimmed.endsWith(math_close_);
    if (closing) {
        content = trimmed.chopped(math_close_.size()).trimmed();
    }
    if (!content.trimmed().isEmpty()) {
        committed_ += code_lines_++ > 0 ? u"\n"_s : u""_s;
        committed_ += content;
    }
    if (closing) {
        blocks_.last().closed = true;
        math_close_.clear();
    }
    touch(blocks_.size() - 1);
}

void BlockSplitter::add_line(QStringView raw) {
    const QStringView line = without_line_end(raw);
    const qsizetype indent = indentation(line);

    if (!math_close_.isEmpty()) { // inside a display formula
        add_math_line(line);
        return;
    }

    if (fence_length_ > 0) { // inside a code block
        const bool closing =
            indent <= 3 && run_of(line, indent, fence_char_) >= fence_length_ &&
            line.sliced(indent + run_of(line, indent, fence_char_)).trimmed().isEmpty();
        if (closing) {
            blocks_.last().closed = true;
            fence_length_ = 0;
        } else {
            committed_ += code_lines_++ > 0 ? u"\n"_s : u""_s;
            committed_ += line;
        }
        touch(blocks_.size() - 1);
        return;
    }

    if (indent <= 3 && indent < line.size() && (line[indent] == u'`' || line[indent] == u'~')) {
        const QChar c = line[indent];
        const qsizetype length = run_of(line, indent, c);
        const QStringView info = line.sliced(indent + length).trimmed();
        if (length >= 3 && !(c == u'`' && info.contains(u'`'))) {
            start_block(MessageBlock::Kind::Code);
            blocks_.last().language = info.toString().section(u' ', 0, 0);
            fence_char_ = c;
            fence_length_ = length;
            return;
        }
    }

    if (indent <= 3 && open_math(line, indent)) {
        return;
    }

    const bool continues_prose =
        !blocks_.isEmpty() && blocks_.last().kind == MessageBlock::Kind::Prose;
    if (!continues_prose) {
        if (line.trimmed().isEmpty()) {
            return; // blank lines only separate blocks; a new prose block starts with text
        }
        if (!blocks_.isEmpty()) {
            blocks_.last().text = committed_; // the code block before is complete
        }
        blocks_.append(MessageBlock{});
        committed_.clear();
    }
    committed_ += line;
    committed_ += u'\n';
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
    if (!math_close_.isEmpty()) {
        // A line that may be becoming the closing delimiter is not shown.
        const QStringView line = QStringView(pending_).trimmed();
        if (line.isEmpty() || QStringView(math_close_).startsWith(line)) {
            return;
        }
        MessageBlock& math = blocks_.last();
        math.text = committed_ + (code_lines_ > 0 ? u"\n"_s : u""_s) + pending_;
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
