// What an installed GGUF file is, read through the engine's own reader (hearth::gguf::File,
// hearth::Model): name, architecture, size, quantization, context length, chat template, and
// whether this build of Hearth can run it, with the reason when not.
//
// Thread-safe and slow for large files on a cold disk (it maps the file and checks every
// tensor): call it from a worker thread (QtConcurrent), never from the GUI thread.
#pragma once

#include "catalog.h"
#include "trtext.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

struct GgufInfo {
    QString path; // the file, or the first part of a split model
    QString fileName;
    qint64 sizeBytes = 0; // every part together
    bool valid = false;   // a readable GGUF file at all
    QString name;         // general.name, else the file name without .gguf
    QString architecture;
    quint64 parameters = 0; // elements of every tensor
    QString quant;          // from general.file_type, else the most common tensor type
    qint64 contextLength = 0;
    bool hasChatTemplate = false;
    int splitCount = 1;                  // parts of a split GGUF (name-00001-of-0000N.gguf)
    bool runnable = false;               // the engine can load and run it
    TrText problem;                      // why not, for people; empty when runnable
    QString license;                     // general.license, when the file names one
    std::optional<KvCacheShape> kvCache; // from the configuration, when the engine reads it
};

GgufInfo inspectGguf(const QString& path);

// The same from the first bytes of a GGUF file of `fileSize` bytes that is not here (a ranged
// download): nothing but the header is read; a model whose tensors all are in this file (not
// a split one) is checked by the engine's loader as inspectGguf() does, minus the tensor
// data. When the prefix ends inside the header, `*needed` is set to the length a retry needs
// (0 otherwise) and the result is not valid.
GgufInfo inspectGgufHeader(QByteArrayView prefix, qint64 fileSize, const QString& fileName,
                           qint64* needed);

// llama.cpp's gguf-split names the parts of a large model <stem>-00001-of-0000N.gguf,
// <stem>-00002-of-0000N.gguf, ... (five digits each); the first part holds the metadata.
// For such a name: N, this part's number and the paths of all N parts in the same folder;
// {1, 1, {path}} for any other name.
struct SplitParts {
    int count = 1;
    int index = 1;
    QStringList paths;
};
SplitParts splitParts(const QString& path);

// The usual name of a llama.cpp file type (general.file_type), e.g. 15 -> "Q4_K_M".
QString fileTypeName(quint64 fileType);
