#include "fencedblocks.h"

#include <QStringList>

namespace {

struct Fence {
    int indent = 0;
    QChar marker;
    int length = 0;
    QString info;
};

// The fence opening `line`, if it is one: <= 3 spaces, >= 3 of ` or ~, then an info
// string (which for backticks may not contain a backtick).
bool openingFence(const QString& line, Fence& fence) {
    int i = 0;
    while (i < line.size() && i < 4 && line[i] == QLatin1Char(' ')) {
        ++i;
    }
    if (i > 3 || i >= line.size() || (line[i] != QLatin1Char('`') && line[i] != QLatin1Char('~'))) {
        return false;
    }
    const QChar marker = line[i];
    int length = 0;
    while (i + length < line.size() && line[i + length] == marker) {
        ++length;
    }
    if (length < 3) {
        return false;
    }
    const QString info = line.mid(i + length).trimmed();
    if (marker == QLatin1Char('`') && info.contains(QLatin1Char('`'))) {
        return false;
    }
    fence = {i, marker, length, info};
    return true;
}

bool closingFence(const QString& line, const Fence& open) {
    int i = 0;
    while (i < line.size() && i < 4 && line[i] == QLatin1Char(' ')) {
        ++i;
    }
    if (i > 3) {
        return false;
    }
    int length = 0;
    while (i + length < line.size() && line[i + length] == open.marker) {
        ++length;
    }
    return length >= open.length && line.mid(i + length).trimmed().isEmpty();
}

// Removes up to `indent` leading spaces, as CommonMark does inside an indented fence.
QString dedent(const QString& line, int indent) {
    int i = 0;
    while (i < indent && i < line.size() && line[i] == QLatin1Char(' ')) {
        ++i;
    }
    return line.mid(i);
}

} // namespace

QList<TextBlock> splitCodeFences(const QString& markdown) {
    QList<TextBlock> blocks;
    QStringList prose;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Fence fence;
        if (!openingFence(lines[i], fence)) {
            prose << lines[i];
            continue;
        }
        if (!prose.isEmpty()) {
            blocks.append({TextBlock::Kind::Prose, prose.join(QLatin1Char('\n')), {}, {}, true});
            prose.clear();
        }
        TextBlock code;
        code.kind = TextBlock::Kind::Code;
        code.language = fence.info.section(QLatin1Char(' '), 0, 0);
        code.fence = QString(fence.length, fence.marker);
        code.closed = false;
        QStringList body;
        for (++i; i < lines.size(); ++i) {
            if (closingFence(lines[i], fence)) {
                code.closed = true;
                break;
            }
            body << dedent(lines[i], fence.indent);
        }
        code.text = body.join(QLatin1Char('\n'));
        blocks.append(code);
    }
    if (!prose.isEmpty()) {
        blocks.append({TextBlock::Kind::Prose, prose.join(QLatin1Char('\n')), {}, {}, true});
    }
    return blocks;
}
