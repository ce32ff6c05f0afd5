// What the model reads of a user turn that carries attached files: each file as a block,
// its name first and then its text, in the order attached, then the message itself. The
// format (a golden in tests/app/tst_attachment_prompt.cpp):
//
//   [File: notes.md]
//   <the text>
//   [End of file: notes.md]
//
//   [File: report.pdf, 2 pages]
//   [Page 1]
//   <the text of page 1>
//   [Page 2]
//   <the text of page 2>
//   [End of file: report.pdf]
//
//   <the message>
//
// Blocks are separated by a blank line and so is the message (left out when empty). Page
// markers are written for PDFs, whose page numbers a reader refers to; other files are one
// text. Every text ends with a line break before its end marker. The markers are English
// whatever the interface language: they are part of the prompt, not of the interface.
#pragma once

#include "conversationstore.h"
#include "records.h"
#include "result.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

struct AttachmentText {
    std::string file_name;
    hearth::storage::AttachmentKind kind = hearth::storage::AttachmentKind::Text;
    std::vector<std::string> pages;
};

// One file's block, without the blank line around it (what its token count measures).
std::string attachmentBlock(const AttachmentText& file);

// The user turn as the model reads it.
std::string userTurnWithAttachments(std::string_view message,
                                    std::span<const AttachmentText> files);

// The turn of stored message `m`: its content, with its attachments' text read from
// `store` when it has any.
hearth::Result<std::string> storedUserTurn(hearth::storage::ConversationStore& store,
                                           const hearth::storage::Message& m);
