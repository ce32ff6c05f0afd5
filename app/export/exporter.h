// Exporting conversations into a folder, and finding the conversation a user names: the
// work behind `hearth export` and the app's export (which runs it on a TransferJob).
//
// Files: Markdown, HTML, PDF and plain text write one file per conversation,
// "<title-slug>-<first 8 of its id>.<md|html|pdf|txt>"; JSON writes one archive,
// "hearth-conversations.json" for all conversations or "<slug>-<id8>.json" for one. Files
// are replaced atomically (QSaveFile): an interrupted export never leaves half a file.
#pragma once

#include "conversationstore.h"
#include "exportformat.h"
#include "jsonarchive.h"
#include "result.h"

#include <QString>
#include <QStringList>
#include <optional>

// "md", "json", "html" or "txt" (what the command line takes; PDF needs the app's fonts).
std::optional<ExportFormat> exportFormatFromName(const QString& name);
QString fileExtension(ExportFormat format);

struct ExportOutcome {
    QStringList files; // written, in order
    int conversations = 0;
};

// Exports `conversationId`, or every conversation (archived ones included) when nullopt;
// the readable formats show `scope`. Progress counts conversations; cancelling keeps the
// files already written and reports the cancellation. PDF is refused without a
// QGuiApplication.
hearth::Result<ExportOutcome> exportConversations(hearth::storage::ConversationStore& store,
                                                  ExportFormat format, const QString& folder,
                                                  std::optional<int64_t> conversationId,
                                                  const hearth::storage::Progress& progress = {},
                                                  ExportScope scope = Export::ShownBranch);

// The conversation a user named: a row id ("42") or an id as in exported files (a full
// uuid, or at least its first 8 characters when that is unique).
hearth::Result<int64_t> findConversation(hearth::storage::ConversationStore& store,
                                         const QString& idOrUuid);

// "plans-for-the-trip-0b6c5a3e.md"
QString exportFileName(const hearth::storage::Conversation& conversation, ExportFormat format);
