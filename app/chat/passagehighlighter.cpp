#include "passagehighlighter.h"

#include <QSyntaxHighlighter>
#include <QTextDocument>
#include <algorithm>

// Formats, block by block, the part of [start, start + length) that falls in the block.
class PassageHighlighter::Highlighter : public QSyntaxHighlighter {
public:
    Highlighter(QTextDocument* document, const PassageHighlighter& owner)
        : QSyntaxHighlighter(document), owner_(owner) {}

protected:
    void highlightBlock(const QString& text) override {
        const int block = currentBlock().position();
        const int from = std::max(owner_.start_, block);
        const int to = std::min(owner_.start_ + owner_.length_, block + int(text.size()) + 1);
        if (owner_.length_ <= 0 || to <= from) {
            return;
        }
        QTextCharFormat format;
        format.setBackground(owner_.color_);
        setFormat(from - block, to - from, format);
    }

private:
    const PassageHighlighter& owner_;
};

PassageHighlighter::PassageHighlighter(QObject* parent) : QObject(parent) {}

PassageHighlighter::~PassageHighlighter() {
    delete highlighter_.data(); // it reads this object's fields while the document lives
}

void PassageHighlighter::setDocument(QQuickTextDocument* document) {
    if (document_ == document) {
        return;
    }
    document_ = document;
    delete highlighter_.data();
    if (document_ && document_->textDocument()) {
        highlighter_ = new Highlighter(document_->textDocument(), *this);
    }
    emit changed();
}

void PassageHighlighter::setStart(int start) {
    if (start_ != start) {
        start_ = start;
        apply();
    }
}

void PassageHighlighter::setLength(int length) {
    if (length_ != length) {
        length_ = length;
        apply();
    }
}

void PassageHighlighter::setColor(const QColor& color) {
    if (color_ != color) {
        color_ = color;
        apply();
    }
}

void PassageHighlighter::apply() {
    if (highlighter_) {
        highlighter_->rehighlight();
    }
    emit changed();
}
