// The Hugging Face Hub's public API as plain data: what the user typed, the addresses Hearth
// asks, and the JSON answers parsed into structs. No network here (see HfClient).
//
// Answers used (documented Hub API shapes, https://huggingface.co/docs/hub/api):
//   GET /api/models?search=<text>&filter=gguf&sort=downloads&limit=<n>
//       [ { "id": "owner/name", "downloads": 123, "likes": 4, "gated": false | "auto" |
//           "manual", "private": false, "lastModified": "2025-01-01T00:00:00.000Z" }, ... ]
//   GET /api/models/<owner>/<name>/tree/<revision>?recursive=true
//       [ { "type": "file" | "directory", "path": "sub/x.gguf", "size": 123,
//           "lfs": { "oid": "<sha256 hex>", "size": 123, "pointerSize": 134 } }, ... ]
//     (lfs is absent for files kept in git itself; a listing longer than one page (1000
//     entries) is cut there: GGUF repositories hold far fewer files).
//   GET /<owner>/<name>/resolve/<revision>/<path>   the file (redirected to a CDN); Hearth
//     reads its first bytes with a Range request to see the GGUF header.
#pragma once

#include "trtext.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

// What the search field held, once the user pressed Enter.
struct HfQuery {
    enum class Kind { Search, Repository, File };
    Kind kind = Kind::Search;
    QString text;     // the search words (Search)
    QString repo;     // owner/name (Repository, File)
    QString revision; // "main" unless the URL names one (File)
    QString file;     // path of the file in the repository (File)
};

// Reads "owner/name", "https://huggingface.co/owner/name[/...]" or a file address
// ".../owner/name/blob|resolve/<revision>/<path>.gguf"; anything else is a search. Owner
// and name follow the Hub's rules: letters, digits, '-', '_', '.' (at most 96 each).
HfQuery parseHfQuery(const QString& input);
bool isValidRepoId(const QString& repo);

struct HfModelHit {
    QString id; // owner/name
    qint64 downloads = 0;
    qint64 likes = 0;
    bool gated = false; // the publisher asks people to accept terms on the website first
};

struct HfFile {
    QString path;      // in the repository
    qint64 size = 0;   // bytes (the LFS object's size)
    QByteArray sha256; // lower-case hex from the LFS metadata; empty when not stored in LFS
};

// One downloadable model: a single GGUF file or the parts of a split one, in order.
struct HfModelFile {
    QString name;  // the file name, or the split stem + ".gguf" for a split model
    QString quant; // read from the name ("Q4_K_M"), empty when the name says none
    QList<HfFile> parts;
    qint64 totalSize() const;
};

// Addresses on `hub` (https://huggingface.co, or a test server).
QUrl hfSearchUrl(const QUrl& hub, const QString& text, int limit);
QUrl hfTreeUrl(const QUrl& hub, const QString& repo, const QString& revision);
QUrl hfFileUrl(const QUrl& hub, const QString& repo, const QString& revision, const QString& path);

// The search results; on bad JSON, none and `*error` says what is wrong (for people).
QList<HfModelHit> parseHfSearch(const QByteArray& json, TrText* error);
// Every .gguf file of a tree listing; on bad JSON, none and `*error` says what is wrong.
QList<HfFile> parseHfTree(const QByteArray& json, TrText* error);

// The quantization a file name states (…-Q4_K_M.gguf, ….IQ2_XXS.gguf, …-f16.gguf), upper-case.
QString quantFromFileName(const QString& fileName);

// Groups files into models: parts named <stem>-0000i-of-0000N.gguf become one model when all
// N are present (an incomplete set stays out, with its stem in `incomplete`); other files
// are a model each. Sorted by quant name, then file name.
QList<HfModelFile> groupHfModels(const QList<HfFile>& files, QStringList* incomplete);
