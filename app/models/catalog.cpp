#include "catalog.h"

#include "model/model_config.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace {

// Numbers in JSON are doubles: integers above 2^53 would silently lose precision.
constexpr double kMaxExactInteger = 9007199254740992.0;
constexpr int kMaxEntries = 1000;
constexpr int kMaxFilesPerEntry = 64;

// Thrown inside the parser only and turned into an Error at its boundary; it never escapes.
struct Invalid {
    QString message;
};

class Reader {
public:
    Reader(const QJsonObject& object, QString where) : object_(object), where_(std::move(where)) {}

    QJsonValue required(const char* key) const {
        const QJsonValue v = object_.value(QLatin1String(key));
        if (v.isUndefined()) {
            fail(key, QStringLiteral("is missing"));
        }
        return v;
    }

    QString text(const char* key, int maxLength = 200) const {
        const QJsonValue v = required(key);
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            fail(key, QStringLiteral("must be a non-empty string"));
        }
        if (v.toString().size() > maxLength) {
            fail(key, QStringLiteral("is longer than %1 characters").arg(maxLength));
        }
        return v.toString();
    }

    double number(const char* key, double min, double max, bool integral = false) const {
        return numberValue(required(key), key, min, max, integral);
    }

    double optionalNumber(const char* key, double fallback, double min, double max) const {
        const QJsonValue v = object_.value(QLatin1String(key));
        return v.isUndefined() ? fallback : numberValue(v, key, min, max, false);
    }

    // A field of the sampling table (sampling_params.h) within its range; none when absent
    // and not `required`.
    std::optional<double> samplingField(const hearth::SamplingFieldInfo& f, bool required) const {
        const QByteArray key(f.key.data(), qsizetype(f.key.size()));
        const QJsonValue v = object_.value(QLatin1String(key));
        if (v.isUndefined() && !required) {
            return std::nullopt;
        }
        return numberValue(required ? this->required(key.constData()) : v, key.constData(), f.min,
                           f.max, f.integer);
    }

    bool flag(const char* key, bool fallback) const {
        const QJsonValue v = object_.value(QLatin1String(key));
        if (v.isUndefined()) {
            return fallback;
        }
        if (!v.isBool()) {
            fail(key, QStringLiteral("must be true or false"));
        }
        return v.toBool();
    }

    QUrl httpsUrl(const char* key) const {
        const QUrl url(text(key, 2000), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() ||
            !url.userInfo().isEmpty()) {
            fail(key, QStringLiteral("must be an https:// address"));
        }
        return url;
    }

    QStringList words(const char* key, const QRegularExpression& pattern) const {
        const QJsonValue v = required(key);
        if (!v.isArray() || v.toArray().size() > 64) {
            fail(key, QStringLiteral("must be a list of at most 64 strings"));
        }
        QStringList out;
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString() || !pattern.match(item.toString()).hasMatch()) {
                fail(key, QStringLiteral("holds an invalid value"));
            }
            out.append(item.toString());
        }
        return out;
    }

    QJsonObject object(const char* key) const {
        const QJsonValue v = required(key);
        if (!v.isObject()) {
            fail(key, QStringLiteral("must be an object"));
        }
        return v.toObject();
    }

    [[noreturn]] void fail(const char* key, const QString& what) const {
        throw Invalid{QStringLiteral("%1: \"%2\" %3").arg(where_, QLatin1String(key), what)};
    }

    const QString& where() const { return where_; }

private:
    double numberValue(const QJsonValue& v, const char* key, double min, double max,
                       bool integral) const {
        if (!v.isDouble()) {
            fail(key, QStringLiteral("must be a number"));
        }
        const double x = v.toDouble();
        if (!std::isfinite(x) || x < min || x > max || (integral && std::floor(x) != x)) {
            fail(key, QStringLiteral("is out of range"));
        }
        return x;
    }

    QJsonObject object_;
    QString where_;
};

// Split GGUF parts are named <stem>-00001-of-00003.gguf ... in order.
void checkSplitNames(const QList<CatalogFile>& files, const QString& where) {
    if (files.size() < 2) {
        return;
    }
    static const QRegularExpression part(QStringLiteral("^(.+)-(\\d{5})-of-(\\d{5})\\.gguf$"));
    QString stem;
    for (int i = 0; i < files.size(); ++i) {
        const QRegularExpressionMatch m = part.match(files[i].fileName);
        if (!m.hasMatch() || m.captured(2).toInt() != i + 1 ||
            m.captured(3).toInt() != files.size() || (i > 0 && m.captured(1) != stem)) {
            throw Invalid{QStringLiteral("%1: file %2 is not part %3 of %4 of a split GGUF")
                              .arg(where)
                              .arg(i + 1)
                              .arg(i + 1)
                              .arg(files.size())};
        }
        stem = m.captured(1);
    }
}

CatalogFile parseFile(const QJsonValue& value, const QString& where) {
    if (!value.isObject()) {
        throw Invalid{where + QStringLiteral(" must be an object")};
    }
    const Reader r(value.toObject(), where);
    CatalogFile file;
    file.url = r.httpsUrl("url");
    file.fileName = file.url.fileName();
    if (!isSafeModelFileName(file.fileName)) {
        r.fail("url", QStringLiteral("does not end in a plain .gguf file name"));
    }
    file.size = static_cast<qint64>(r.number("size", 1, kMaxExactInteger, true));
    file.sizeApproximate = r.flag("sizeApproximate", false);
    if (const QJsonValue sha = value.toObject().value(QLatin1String("sha256"));
        !sha.isUndefined()) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        if (!sha.isString() || !hex.match(sha.toString()).hasMatch()) {
            r.fail("sha256", QStringLiteral("must be 64 lower-case hexadecimal digits"));
        }
        file.sha256 = sha.toString().toLatin1();
    }
    return file;
}

CatalogEntry parseEntry(const QJsonValue& value, int index) {
    const QString at = QStringLiteral("models[%1]").arg(index);
    if (!value.isObject()) {
        throw Invalid{at + QStringLiteral(" must be an object")};
    }
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,79}$"));
    const QJsonObject object = value.toObject();
    const Reader probe(object, at);
    const QString id = probe.text("id", 80);
    if (!idPattern.match(id).hasMatch()) {
        probe.fail("id", QStringLiteral("may only hold a-z, 0-9, '.', '_' and '-'"));
    }
    const Reader r(object, QStringLiteral("%1 (%2)").arg(at, id));

    CatalogEntry e;
    e.id = id;
    e.name = r.text("name");
    e.family = r.text("family", 40);
    e.publisher = r.text("publisher", 80);
    e.architecture = r.text("architecture", 40);
    e.parametersBillions = r.number("parametersBillions", 0.001, 10000);
    // Mixtures of experts use a part of their parameters per token; 0 means all of them.
    e.activeParametersBillions =
        r.optionalNumber("activeParametersBillions", 0, 0.001, e.parametersBillions);
    e.quant = r.text("quant", 20);
    const QJsonValue files = r.required("files");
    if (!files.isArray() || files.toArray().isEmpty() ||
        files.toArray().size() > kMaxFilesPerEntry) {
        r.fail("files", QStringLiteral("must be a list of 1 to %1 files").arg(kMaxFilesPerEntry));
    }
    for (int i = 0; i < files.toArray().size(); ++i) {
        e.files.append(
            parseFile(files.toArray()[i], r.where() + QStringLiteral(" files[%1]").arg(i)));
    }
    checkSplitNames(e.files, r.where());
    const Reader license(r.object("license"), r.where() + QStringLiteral(" license"));
    e.licenseName = license.text("name", 120);
    e.licenseUrl = license.httpsUrl("url");
    e.licenseRequiresAcceptance = license.flag("requiresAcceptance", false);
    e.minRamGb = r.number("minRamGb", 0, 4096);
    e.contextLength = static_cast<qint64>(r.number("contextLength", 1, 1 << 24, true));
    if (object.contains(QLatin1String("kvCache"))) {
        const Reader kv(r.object("kvCache"), r.where() + QStringLiteral(" kvCache"));
        e.kvCache =
            KvCacheShape{static_cast<int>(kv.number("layers", 1, 1024, true)),
                         static_cast<int>(kv.number("kvHeads", 1, 1024, true)),
                         static_cast<int>(kv.number("headDim", 1, 4096, true)),
                         static_cast<int>(kv.optionalNumber("slidingLayers", 0, 0, 1024)),
                         static_cast<int>(kv.optionalNumber("slidingWindow", 0, 0, 1 << 24))};
        if (e.kvCache->slidingLayers > e.kvCache->layers ||
            (e.kvCache->slidingLayers > 0) != (e.kvCache->slidingWindow > 0)) {
            kv.fail("slidingLayers", QStringLiteral("needs slidingWindow and at most the layers"));
        }
    }
    const Reader s(r.object("sampling"), r.where() + QStringLiteral(" sampling"));
    for (const hearth::SamplingFieldInfo& f : hearth::kSamplingFields) {
        // Every entry states temperature, top-k and top-p; the rest only where the publisher
        // recommends a value.
        const bool required = f.field == hearth::SamplingField::Temperature ||
                              f.field == hearth::SamplingField::TopK ||
                              f.field == hearth::SamplingField::TopP;
        e.sampling[f.field] = s.samplingField(f, required);
    }
    static const QRegularExpression language(QStringLiteral("^[a-z]{2,3}$"));
    static const QRegularExpression tag(QStringLiteral("^[a-z][a-z-]{0,29}$"));
    e.languages = r.words("languages", language);
    e.tags = r.words("tags", tag);
    e.description = r.text("description", 2000);
    e.recommendedFirst = r.flag("recommendedFirst", false);
    return e;
}

Catalog parseOrThrow(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        throw Invalid{QStringLiteral("not valid JSON (%1 at byte %2)")
                          .arg(error.errorString())
                          .arg(error.offset)};
    }
    if (!doc.isObject()) {
        throw Invalid{QStringLiteral("the catalog must be a JSON object")};
    }
    const Reader top(doc.object(), QStringLiteral("catalog"));
    if (top.text("schema", 40) != QLatin1String("hearth-catalog")) {
        top.fail("schema", QStringLiteral("is not \"hearth-catalog\""));
    }
    Catalog catalog;
    catalog.schemaVersion = static_cast<int>(top.number("schemaVersion", 1, 1000000, true));
    if (catalog.schemaVersion > kCatalogSchemaVersion) {
        throw Invalid{QStringLiteral("the catalog uses schema version %1, but this version of "
                                     "Hearth reads version %2; update Hearth to use it")
                          .arg(catalog.schemaVersion)
                          .arg(kCatalogSchemaVersion)};
    }
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    catalog.catalogVersion = top.text("catalogVersion", 10);
    if (!date.match(catalog.catalogVersion).hasMatch()) {
        top.fail("catalogVersion", QStringLiteral("must be a date like 2026-01-31"));
    }
    const QJsonValue models = top.required("models");
    if (!models.isArray() || models.toArray().isEmpty() || models.toArray().size() > kMaxEntries) {
        top.fail("models", QStringLiteral("must be a list of 1 to %1 models").arg(kMaxEntries));
    }
    QSet<QString> ids;
    QSet<QString> fileNames;
    int recommended = 0;
    for (int i = 0; i < models.toArray().size(); ++i) {
        CatalogEntry entry = parseEntry(models.toArray()[i], i);
        if (ids.contains(entry.id)) {
            throw Invalid{
                QStringLiteral("models[%1]: the id \"%2\" is used twice").arg(i).arg(entry.id)};
        }
        ids.insert(entry.id);
        for (const CatalogFile& file : entry.files) {
            if (fileNames.contains(file.fileName)) {
                throw Invalid{QStringLiteral("models[%1] (%2): the file %3 belongs to two models")
                                  .arg(i)
                                  .arg(entry.id, file.fileName)};
            }
            fileNames.insert(file.fileName);
        }
        recommended += entry.recommendedFirst ? 1 : 0;
        catalog.entries.append(std::move(entry));
    }
    if (recommended > 1) {
        throw Invalid{QStringLiteral("more than one model is marked \"recommendedFirst\"")};
    }
    return catalog;
}

} // namespace

qint64 CatalogEntry::totalSize() const {
    qint64 total = 0;
    for (const CatalogFile& f : files) {
        total += f.size;
    }
    return total;
}

qint64 CatalogEntry::bytesPerToken() const {
    const qint64 total = totalSize();
    return activeParametersBillions > 0
               ? qint64(double(total) * activeParametersBillions / parametersBillions)
               : total;
}

bool CatalogEntry::sizeApproximate() const {
    return std::any_of(files.begin(), files.end(),
                       [](const CatalogFile& f) { return f.sizeApproximate; });
}

bool CatalogEntry::hasChecksums() const {
    return std::all_of(files.begin(), files.end(),
                       [](const CatalogFile& f) { return !f.sha256.isEmpty(); });
}

bool CatalogEntry::runnable() const {
    return hearth::find_architecture(architecture.toStdString()) != nullptr;
}

const CatalogEntry* Catalog::find(const QString& id) const {
    for (const CatalogEntry& e : entries) {
        if (e.id == id) {
            return &e;
        }
    }
    return nullptr;
}

const CatalogEntry* Catalog::findFile(const QString& fileName) const {
    for (const CatalogEntry& e : entries) {
        for (const CatalogFile& f : e.files) {
            if (f.fileName == fileName) {
                return &e;
            }
        }
    }
    return nullptr;
}

hearth::Result<Catalog> parseCatalog(const QByteArray& json) {
    try {
        return parseOrThrow(json);
    } catch (const Invalid& invalid) {
        return hearth::Error{invalid.message.toStdString()};
    }
}

bool isSafeModelFileName(const QString& name) {
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$"));
    return safe.match(name).hasMatch() && name.endsWith(QLatin1String(".gguf")) &&
           !name.contains(QLatin1String(".."));
}
