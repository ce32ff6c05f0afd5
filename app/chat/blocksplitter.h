// Splits an assistant answer (Markdown) into display blocks while it streams: runs of prose
// (paragraphs, lists, quotes, tables: rendered as Markdown text) and fenced code blocks
// (rendered as plain text with syntax highlighting and a language label).
//
// Display formulas split the same way: a top-level line starting with $$ or \[ opens a math
// block that the next line ending with $$ or \] closes (both may be on one line). The block's
// text is the LaTeX between the delimiters; until it is closed it is shown as source.
//
// Only top-level fences open code blocks (CommonMark: up to 3 spaces of indentation, three
// or more ` or ~, an info string whose first word is the language; the fence closes on a
// line of the same character at least as long, or at the end of the text). A fence indented
// inside a list stays part of the prose.
//
// Appending text only ever changes the last block: finished blocks are never re-parsed, so
// a streaming view updates one delegate per token batch.
#pragma once

#include <QList>
#include <QString>

struct MessageBlock {
    enum class Kind { Prose, Code, Math };

    Kind kind = Kind::Prose;
    QString text;        // prose: Markdown source; code: the code without the fence lines;
                         // math: the LaTeX without the delimiters
    QString language;    // code: first word of the info string ("" when none)
    bool closed = false; // code, math: the closing fence or delimiter arrived

    bool operator==(const MessageBlock&) const = default;
};

class BlockSplitter {
public:
    // Adds streamed text. Returns the index of the first block that changed (blocks before
    // it are final), or -1 when nothing changed. An unterminated last line is shown
    // provisionally in the last block.
    qsizetype append(QStringView text);
    // The text is complete: its last line counts even without a line break.
    qsizetype finish();
    const QList<MessageBlock>& blocks() const { return blocks_; }

    // All blocks of a complete text at once.
    static QList<MessageBlock> split(QStringView text);

private:
    void add_line(QStringView line);
    void touch(qsizetype index);
    void update_last();
    void show_pending();
    bool open_math(QStringView line, qsizetype indent);
    void add_math_line(QStringView line);
    void start_block(MessageBlock::Kind kind);

    QList<MessageBlock> blocks_;
    QString committed_; // text of the last block from complete lines only
    QString pending_;   // the current, not yet terminated line
    QChar fence_char_;
    qsizetype fence_length_ = 0; // > 0 while inside a code block
    qsizetype code_lines_ = 0;   // complete lines in the open code or math block
    QString math_close_;         // "$$" or "\\]" while inside a math block
    qsizetype first_changed_ = -1;
};
