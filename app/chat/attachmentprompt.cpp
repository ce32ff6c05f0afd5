#include "attachmentprompt.h"

std::string attachmentBlock(const AttachmentText& file) {
    const bool paged = file.kind == hearth::storage::AttachmentKind::Pdf;
    std::string block = "[File: " + file.file_name;
    if (paged) {
        block += ", " + std::to_string(file.pages.size()) +
                 (file.pages.size() == 1 ? " page]\n" : " pages]\n");
    } else {
        block += "]\n";
    }
    for (size_t i = 0; i < file.pages.size(); ++i) {
        if (paged) {
            block += "[Page " + std::to_string(i + 1) + "]\n";
        } else if (i > 0) {
            block += "\n\n"; // a text stored as several pages without numbers: one text
        }
        block += file.pages[i];
        if (paged && !block.ends_with('\n')) {
            block += '\n';
        }
    }
    if (!block.ends_with('\n')) {
        block += '\n';
    }
    block += "[End of file: " + file.file_name + "]";
    return block;
}

std::string userTurnWithAttachments(std::string_view message,
                                    std::span<const AttachmentText> files) {
    std::string turn;
    for (const AttachmentText& file : files) {
        if (!turn.empty()) {
            turn += "\n\n";
        }
        turn += attachmentBlock(file);
    }
    if (!message.empty()) {
        if (!turn.empty()) {
            turn += "\n\n";
        }
        turn += message;
    }
    return turn;
}

hearth::Result<std::string> storedUserTurn(hearth::storage::ConversationStore& store,
                                           const hearth::storage::Message& m) {
    if (m.attachments.empty()) {
        return m.content;
    }
    std::vector<AttachmentText> files;
    files.reserve(m.attachments.size());
    for (const hearth::storage::Attachment& a : m.attachments) {
        hearth::Result<std::vector<std::string>> pages = store.attachment_pages(a.id);
        if (!pages) {
            return pages.error();
        }
        files.push_back({a.file_name, a.kind, std::move(*pages)});
    }
    return userTurnWithAttachments(m.content, files);
}
