// Splits an assistant answer (Markdown) into display blocks while it streams: runs of prose
// (paragraphs, lists, quotes, tables: rendered as Markdown text) and fenced code blocks
// (rendered as plain text with syntax highlighting and a language label).
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
    enum class Kind { Prose, Code };

    Kind kind = Kind::Prose;
    QString text;        // prose: Markdown source; code: the code without the fence lines
    QString language;    // code: first word of the info string ("" when none)
    bool closed = false; // code: the closing fence arrived

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

    QList<MessageBlock> blocks_;
    QString committed_; // text of the last block from complete lines only
    QString pending_;   // the current, not yet terminated line
    QChar fence_char_;
    qsizetype fence_length_ = 0; // > 0 while inside a code block
    qsizetype code_lines_ = 0;   // complete lines in the open code block
    qsizetype first_changed_ = -1;
};
