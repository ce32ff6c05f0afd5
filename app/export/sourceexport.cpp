// The sources under an answer made with document search, in the readable exports: those the
// answer cites ([1], [2, 3], [2-4]), or when it cites none, every source given to the model,
// as the chat shows them. Each is "[N] file, page P" (the page only for a paged document):
// the file's name, never its path or a link, so an export shows no folder layout and opening
// it fetches nothing. One line under the answer:
//
//   Markdown:   **Sources:** [1] Lease.pdf, page 3; [2] notes.md
//   Plain text and PDF:   Sources: [1] Lease.pdf, page 3; [2] notes.md
//   HTML:       <p class="sources">Sources: [1] Lease.pdf, page 3; [2] notes.md</p>
//
// "Sources given to the model:" when the answer cites none; "Sources: none found in Home,
// Work" when the search found nothing relevant. Names are escaped for Markdown and HTML.
#include "answersources.h"
#include "renderers.h"

#include <QFileInfo>
#include <algorithm>

using namespace hearth::storage;

namespace {

QString fileName(const AnswerSource& s) {
    const QString name = QFileInfo(QString::fromStdString(s.path)).fileName();
    return name.isEmpty() ? QString::fromStdString(s.title) : name;
}

// Backslash before each character Markdown gives a meaning inside a line; < and & as
// entities, so a name cannot open an HTML tag.
QString markdownEscaped(const QString& text) {
    QString out;
    for (const QChar c : text) {
        if (c == QLatin1Char('<')) {
            out += QStringLiteral("&lt;");
        } else if (c == QLatin1Char('&')) {
            out += QStringLiteral("&amp;");
        } else {
            if (QStringLiteral("\\`*_[]#|!").contains(c)) {
                out += QLatin1Char('\\');
            }
            out += c;
        }
    }
    return out;
}

} // namespace

hearth::Result<void> loadAnswerSearches(ConversationStore& store, ExportDocument& document) {
    for (const Message& m : document.messages) {
        if (m.role != Role::Assistant) {
            continue;
        }
        hearth::Result<std::optional<AnswerSearch>> search = answer_search(store.database(), m.id);
        if (!search) {
            return search.error();
        }
        if (*search) {
            document.searches.insert(m.id, std::move(**search));
        }
    }
    return {};
}

SourcesLine sourcesLine(const ExportDocument& document, const Message& message,
                        SourcesStyle style) {
    const auto found = document.searches.constFind(message.id);
    if (found == document.searches.cend()) {
        return {};
    }
    auto escaped = [style](const QString& text) {
        switch (style) {
        case SourcesStyle::Markdown:
            return markdownEscaped(text);
        case SourcesStyle::Html:
            return text.toHtmlEscaped();
        case SourcesStyle::Plain:
            break;
        }
        return text;
    };
    const AnswerSearch& search = *found;
    if (search.sources.empty()) {
        QStringList names;
        for (const std::string& n : search.collections) {
            names << escaped(QString::fromStdString(n));
        }
        return {QStringLiteral("Sources:"),
                QStringLiteral("none found in ") + names.join(QStringLiteral(", "))};
    }
    const std::vector<int> cited =
        cited_numbers(message.content, static_cast<int>(search.sources.size()));
    QStringList items;
    for (const AnswerSource& s : search.sources) {
        if (!cited.empty() && std::find(cited.begin(), cited.end(), s.number) == cited.end()) {
            continue;
        }
        QString item = QStringLiteral("[%1] ").arg(s.number) + escaped(fileName(s));
        if (s.pages > 1) {
            item += QStringLiteral(", page %1").arg(s.page);
        }
        items << item;
    }
    return {cited.empty() ? QStringLiteral("Sources given to the model:")
                          : QStringLiteral("Sources:"),
            items.join(QStringLiteral("; "))};
}
