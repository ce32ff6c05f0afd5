// What is known about an unfinished download, kept next to its bytes so that a download
// survives a restart of the app:
//
//   <models>/.partial/<name>.part        the bytes received so far, in order
//   <models>/.partial/<name>.part.json   this record (the "sidecar")
//
// Sidecar format (JSON object, written atomically with QSaveFile):
//   format "hearth-partial", version 1, url (https), fileName, catalogId,
//   expectedSize (bytes, -1 unknown), sizeApproximate, sha256 (catalog, may be ""),
//   serverSha256 (from X-Linked-Etag, may be ""), validator (strong ETag or Last-Modified
//   for If-Range, may be ""), bytesDone, paused; failed and offline (optional, false when
//   absent: the download had given up, offline when for want of a network connection).
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

struct PartialDownload {
    QUrl url;
    QString fileName; // final name in the models folder
    QString catalogId;
    qint64 expectedSize = -1;
    bool sizeApproximate = false; // expectedSize is only a hint until the server confirms it
    QByteArray sha256;            // from the catalog
    QByteArray serverSha256;      // from the server (Hugging Face X-Linked-Etag)
    QByteArray validator;         // for If-Range; empty: a resume cannot be checked
    qint64 bytesDone = 0;
    bool paused = false;
    bool failed = false;  // gave up: after a restart it waits for Retry, saying why
    bool offline = false; // it gave up because the network could not be reached

    // The hash the finished file must have: the catalog's, else the server's.
    QByteArray expectedSha256() const { return sha256.isEmpty() ? serverSha256 : sha256; }
    bool sizeKnown() const { return expectedSize >= 0 && !sizeApproximate; }
};

QString partialFolder(const QString& modelsFolder);
QString partialDataPath(const QString& modelsFolder, const QString& fileName);
QString partialSidecarPath(const QString& modelsFolder, const QString& fileName);

// Writes the sidecar (creating .partial/ when needed).
hearth::Result<void> savePartial(const QString& modelsFolder, const PartialDownload& partial);
hearth::Result<PartialDownload> loadPartial(const QString& sidecarPath);
// Every valid sidecar in the models folder, by file name; invalid ones are skipped.
QList<PartialDownload> loadPartials(const QString& modelsFolder);
// Deletes the bytes and the sidecar.
void removePartial(const QString& modelsFolder, const QString& fileName);

// A hexadecimal SHA-256 from an ETag-like header value ("abc...", W/"abc..."), lower-cased;
// empty when the value is not one.
QByteArray sha256FromEtag(const QByteArray& etag);
