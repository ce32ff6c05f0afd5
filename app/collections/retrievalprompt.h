// What the model reads on a turn with document search: the user's question is replaced,
// for this one request, by a message that carries the passages found, numbered, and asks
// for citations by number. The stored conversation keeps the question as typed; earlier
// turns are sent as typed (their passages are not repeated, which keeps the context free).
//
// The format, exactly (one blank line between blocks; no trailing newline):
//
//   Answer the question using the numbered sources below, which come from the user's
//   documents. Cite every source you use by its number in square brackets, like [1]. If
//   the sources do not answer the question, say so instead of guessing, and never cite a
//   source that is not listed.
//
//   [1] <title>, page <page>        (", page N" only for documents with pages)
//   <passage text, trimmed>
//
//   [2] ...
//
//   Question: <question, trimmed>
//
// With no passages (nothing relevant found) the message is instead:
//
//   The user's documents (<"name", "name">) were searched for this question and nothing
//   relevant was found. Say that the documents do not answer it, and cite no sources. If
//   you answer from general knowledge, say so.
//
//   Question: <question>
//
// (The instructions are one line each; they are wrapped here only for reading.)
#pragma once

#include "retriever.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hearth::collections {

QString retrievalTurn(const QString& question, const QList<Passage>& passages,
                      const QStringList& collectionNames);

// The source numbers cited in an answer, ascending and once each: "[1]", "[2, 3]",
// "[1][4]" and "[2-3]" style. Numbers outside 1..count are ignored (the UI never shows a
// source that was not given).
QList<int> citedNumbers(const QString& answer, int count);

} // namespace hearth::collections
