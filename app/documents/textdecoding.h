// Bytes of a text file -> text: the encoding from a byte order mark (UTF-8, UTF-16 and
// UTF-32, either byte order), else strict UTF-8; binary data (NUL bytes, known binary
// formats, mostly control characters) refused. Internal to hearth_documents.
#pragma once

#include "documenttext.h"

#include <QByteArray>
#include <QString>

struct DecodedText {
    bool ok = false;
    QString text;                                              // when ok, cleaned (cleanText)
    DocumentError::Kind failure = DocumentError::Kind::Binary; // when not ok
    QString format; // Binary: the format recognized by its first bytes ("PNG"), if any
};

DecodedText decodeText(const QByteArray& data);

// The name of a binary format recognized by its first bytes ("PNG", "ZIP"), or empty.
QString binaryFormatName(const QByteArray& data);

// "\r\n" and lone "\r" -> "\n"; other control characters but tab, and byte order marks,
// removed. Modifies in place (most text has nothing to change and is not copied).
void cleanText(QString& text);
