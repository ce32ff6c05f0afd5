// The model catalog: which open-weight GGUF releases Hearth offers, where their files live and
// how to check them. Parsed from JSON (resources/catalog.json, or a refreshed copy) and
// validated field by field, so a broken or hostile catalog is refused with a message naming
// the field, never half-loaded. The format is described in README.md ("Model catalog").
#pragma once

#include "result.h"
#include "sampling_params.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

// The schema version this build reads. A catalog with a higher version is refused (it may use
// fields whose meaning this build does not know); lower versions do not exist yet.
inline constexpr int kCatalogSchemaVersion = 1;

struct CatalogFile {
    QUrl url;                     // https only
    QString fileName;             // last path segment of url: the name in the models folder
    qint64 size = 0;              // bytes
    bool sizeApproximate = false; // size was rounded in the publisher's listing
    QByteArray sha256;            // 64 lower-case hex digits; empty when the publisher lists none
};

// What the key/value cache needs per token: 2 (K and V) x layers x kvHeads x headDim values;
// `slidingLayers` of the layers (Gemma 3's 5 of 6) keep only about `slidingWindow` positions.
struct KvCacheShape {
    int layers = 0;
    int kvHeads = 0;
    int headDim = 0;
    int slidingLayers = 0;
    int slidingWindow = 0;
};

struct CatalogEntry {
    QString id; // stable, [a-z0-9._-]
    QString name;
    QString family;       // Qwen, DeepSeek, Llama, Gemma, Hunyuan, gpt-oss, Mistral, Seed...
    QString publisher;    // who published the GGUF files
    QString architecture; // GGUF general.architecture
    double parametersBillions = 0;
    double activeParametersBillions = 0; // used per token by a mixture of experts; 0 = all
    QString quant;
    QList<CatalogFile> files; // several for a split GGUF, in part order
    QString licenseName;
    QUrl licenseUrl;
    // The licence asks users to accept its terms (Gemma's): downloads start only after they
    // said so.
    bool licenseRequiresAcceptance = false;
    double minRamGb = 0;
    qint64 contextLength = 0;
    std::optional<KvCacheShape> kvCache;
    // The publisher's recommended sampling (keys and ranges: sampling_params.h); applied as
    // the model's defaults when it is loaded.
    hearth::SamplingValues sampling;
    QStringList languages; // ISO 639-1 codes
    QStringList tags;      // reasoning, coding, multilingual, small, fast, ...
    QString description;
    bool recommendedFirst = false;

    qint64 totalSize() const;
    // What generating one token reads: the whole file, or for a mixture of experts about its
    // active share (only the chosen experts' pages are read).
    qint64 bytesPerToken() const;
    bool sizeApproximate() const;
    bool hasChecksums() const; // every file has a SHA-256
    // Whether the engine runs this architecture (hearth::supported_architectures()).
    bool runnable() const;
};

struct Catalog {
    int schemaVersion = 0;
    QString catalogVersion; // ISO date of the catalog's contents, e.g. 2026-11-29
    QList<CatalogEntry> entries;

    const CatalogEntry* find(const QString& id) const;
    // The entry one of whose files is `fileName` (a model file's name), or null.
    const CatalogEntry* findFile(const QString& fileName) const;
};

// Parses and validates a catalog; the error names the entry and field at fault.
hearth::Result<Catalog> parseCatalog(const QByteArray& json);

// True for a file name safe to create in the models folder: [A-Za-z0-9._-], ends in .gguf,
// does not start with a dot.
bool isSafeModelFileName(const QString& name);
