#include "exporter.h"

#include "pdfrenderer.h"
#include "renderers.h"
#include "transaction.h"

#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QSaveFile>
#include <QSet>

using namespace hearth::storage;

namespace {

constexpr int kSlugLength = 60;

hearth::Result<void> writeFile(const QString& path, const QByteArray& data) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return hearth::Error{"cannot write " + path.toStdString() + ": " +
                             file.errorString().toStdString()};
    }
    return {};
}

QString slug(const QString& title) {
    QString out;
    for (QChar c : title.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            out += c;
        } else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-'))) {
            out += QLatin1Char('-');
        }
        if (out.size() >= kSlugLength) {
            break;
        }
    }
    while (out.endsWith(QLatin1Char('-'))) {
        out.chop(1);
    }
    return out.isEmpty() ? QStringLiteral("conversation") : out;
}

QString uniqueIn(QSet<QString>& taken, const QString& name) {
    QString candidate = name;
    for (int n = 2; taken.contains(candidate); ++n) {
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        candidate = name.left(dot) + QLatin1Char('-') + QString::number(n) + name.mid(dot);
    }
    taken.insert(candidate);
    return candidate;
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString& name) {
    if (name == QLatin1String("md")) {
        return ExportFormat::Markdown;
    }
    if (name == QLatin1String("json")) {
        return ExportFormat::Json;
    }
    if (name == QLatin1String("html")) {
        return ExportFormat::Html;
    }
    if (name == QLatin1String("txt")) {
        return ExportFormat::Text;
    }
    return std::nullopt;
}

QString fileExtension(ExportFormat format) {
    switch (format) {
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Text:
        return QStringLiteral("txt");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QString exportFileName(const Conversation& conversation, ExportFormat format) {
    return slug(QString::fromStdString(conversation.title)) + QLatin1Char('-') +
           QString::fromStdString(conversation.uuid.substr(0, 8)) + QLatin1Char('.') +
           fileExtension(format);
}

hearth::Result<int64_t> findConversation(ConversationStore& store, const QString& idOrUuid) {
    bool number = false;
    const qlonglong row = idOrUuid.toLongLong(&number);
    if (number) {
        hearth::Result<Conversation> c = store.conversation(row);
        if (c && !c->deleted_at) {
            return c->id;
        }
        if (idOrUuid.size() < 8) { // else it may be the start of an id made of digits
            return hearth::Error{"there is no conversation with id " + idOrUuid.toStdString()};
        }
    }
    const std::string prefix = idOrUuid.toLower().toStdString();
    hearth::Result<std::vector<Conversation>> all =
        store.list_conversations({ConversationFilter::Archived::Include, std::nullopt});
    if (!all) {
        return all.error();
    }
    std::vector<int64_t> matches;
    for (const Conversation& c : *all) {
        if (prefix.size() >= 8 && c.uuid.starts_with(prefix)) {
            matches.push_back(c.id);
        }
    }
    if (matches.size() != 1) {
        return hearth::Error{(matches.empty() ? "there is no conversation with id "
                                              : "more than one conversation has an id starting "
                                                "with ") +
                             idOrUuid.toStdString()};
    }
    return matches.front();
}

hearth::Result<ExportOutcome> exportConversations(ConversationStore& store, ExportFormat format,
                                                  const QString& folder,
                                                  std::optional<int64_t> conversationId,
                                                  const Progress& progress, ExportScope scope) {
    if (format == ExportFormat::Pdf &&
        !qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        return hearth::Error{"PDF export needs the app's fonts: export PDF from the Hearth window"};
    }
    if (!QDir().mkpath(folder)) {
        return hearth::Error{"cannot create the folder " + folder.toStdString()};
    }
    // One snapshot for everything: the app may go on writing meanwhile.
    hearth::Result<Transaction> snapshot =
        Transaction::begin(store.database(), Transaction::Kind::Deferred);
    if (!snapshot) {
        return snapshot.error();
    }
    std::vector<Conversation> chosen;
    if (conversationId) {
        hearth::Result<Conversation> c = store.conversation(*conversationId);
        if (!c) {
            return c.error();
        }
        chosen.push_back(std::move(c).value());
    } else {
        hearth::Result<std::vector<Conversation>> all =
            store.list_conversations({ConversationFilter::Archived::Include, std::nullopt});
        if (!all) {
            return all.error();
        }
        chosen = std::move(all).value();
    }
    ExportOutcome outcome;
    outcome.conversations = static_cast<int>(chosen.size());
    const QDir dir(folder);
    if (format == ExportFormat::Json) {
        const QString name = conversationId ? exportFileName(chosen.front(), format)
                                            : QStringLiteral("hearth-conversations.json");
        std::vector<int64_t> ids;
        for (const Conversation& c : chosen) {
            ids.push_back(c.id);
        }
        QSaveFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly)) {
            return hearth::Error{"cannot write " + file.fileName().toStdString() + ": " +
                                 file.errorString().toStdString()};
        }
        // With no ids export_json writes every conversation: an empty store gives an
        // empty archive, as it should.
        if (hearth::Result<void> r =
                export_json(store, ids, file, QDateTime::currentMSecsSinceEpoch(), progress);
            !r) {
            return r.error();
        }
        if (!file.commit()) {
            return hearth::Error{"cannot write " + file.fileName().toStdString() + ": " +
                                 file.errorString().toStdString()};
        }
        outcome.files << file.fileName();
        return outcome;
    }
    std::unique_ptr<HtmlRenderer> html; // each loads the syntax definitions once
    std::unique_ptr<PdfRenderer> pdf;
    if (format == ExportFormat::Html) {
        html = std::make_unique<HtmlRenderer>();
    } else if (format == ExportFormat::Pdf) {
        pdf = std::make_unique<PdfRenderer>();
    }
    QSet<QString> taken;
    const auto total = static_cast<int64_t>(chosen.size());
    for (int64_t i = 0; i < total; ++i) {
        if (progress && !progress(i, total)) {
            return hearth::Error{"the export was cancelled"};
        }
        const Conversation& c = chosen[static_cast<size_t>(i)];
        hearth::Result<ExportDocument> document = loadExportDocument(store, c.id, scope);
        if (!document) {
            return document.error();
        }
        const QString path = dir.filePath(uniqueIn(taken, exportFileName(c, format)));
        if (pdf) {
            if (hearth::Result<void> r = pdf->write(*document, path); !r) {
                return r.error();
            }
            outcome.files << path;
            continue;
        }
        QString text;
        switch (format) {
        case ExportFormat::Markdown:
            text = renderMarkdown(*document);
            break;
        case ExportFormat::Text:
            text = renderPlainText(*document);
            break;
        case ExportFormat::Html:
            text = html->render(*document);
            break;
        case ExportFormat::Json:
        case ExportFormat::Pdf:
            break;
        }
        if (hearth::Result<void> r = writeFile(path, text.toUtf8()); !r) {
            return r.error();
        }
        outcome.files << path;
    }
    if (progress) {
        progress(total, total);
    }
    return outcome;
}
