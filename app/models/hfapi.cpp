#include "hfapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QUrlQuery>
#include <algorithm>

namespace {

const QString kHubHost = QStringLiteral("huggingface.co");

TrText problem(const char* source, QList<TrText> args = {}) {
    return TrText("HfApi", source, std::move(args));
}

// The answer as a JSON list; an empty list and `*error` set when it is not one.
QJsonArray jsonArray(const QByteArray& json, TrText* error) {
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = problem(QT_TRANSLATE_NOOP("HfApi", "it is not valid JSON (%1 at byte %2)"),
                         {parse.errorString(), QString::number(parse.offset)});
        return {};
    }
    if (!document.isArray()) {
        *error = problem(QT_TRANSLATE_NOOP("HfApi", "it is not a JSON list"));
    }
    return document.array();
}

// A JSON number that is a whole count of bytes or downloads; -1 when it is not one.
qint64 count(const QJsonValue& value) {
    const double d = value.toDouble(-1);
    return value.isDouble() && d >= 0 && d < 9.0e15 && d == double(qint64(d)) ? qint64(d) : -1;
}

} // namespace

qint64 HfModelFile::totalSize() const {
    qint64 total = 0;
    for (const HfFile& part : parts) {
        total += part.size;
    }
    return total;
}

bool isValidRepoId(const QString& repo) {
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"));
    return pattern.match(repo).hasMatch() && !repo.contains(QStringLiteral(".."));
}

HfQuery parseHfQuery(const QString& input) {
    HfQuery query;
    const QString text = input.trimmed();
    query.text = text;
    if (isValidRepoId(text)) {
        query.kind = HfQuery::Kind::Repository;
        query.repo = text;
        return query;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host() != kHubHost) {
        return query; // words to search for
    }
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.size() < 2 || !isValidRepoId(segments[0] + QLatin1Char('/') + segments[1])) {
        return query;
    }
    query.repo = segments[0] + QLatin1Char('/') + segments[1];
    query.kind = HfQuery::Kind::Repository;
    // owner/name/(blob|resolve)/<revision>/<path...>.gguf
    if (segments.size() >= 5 &&
        (segments[2] == QLatin1String("blob") || segments[2] == QLatin1String("resolve")) &&
        segments.last().endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) &&
        !segments.mid(3).contains(QStringLiteral(".."))) {
        query.kind = HfQuery::Kind::File;
        query.revision = segments[3];
        query.file = segments.mid(4).join(QLatin1Char('/'));
    }
    return query;
}

QUrl hfSearchUrl(const QUrl& hub, const QString& text, int limit) {
    QUrl url = hub;
    url.setPath(QStringLiteral("/api/models"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("search"),
                       QString::fromLatin1(QUrl::toPercentEncoding(text)));
    query.addQueryItem(QStringLiteral("filter"), QStringLiteral("gguf"));
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("downloads"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    url.setQuery(query);
    return url;
}

QUrl hfTreeUrl(const QUrl& hub, const QString& repo, const QString& revision) {
    QUrl url = hub;
    url.setPath(QStringLiteral("/api/models/%1/tree/%2").arg(repo, revision));
    url.setQuery(QStringLiteral("recursive=true"));
    return url;
}

QUrl hfFileUrl(const QUrl& hub, const QString& repo, const QString& revision, const QString& path) {
    QUrl url = hub;
    url.setPath(QStringLiteral("/%1/resolve/%2/%3").arg(repo, revision, path));
    return url;
}

QList<HfModelHit> parseHfSearch(const QByteArray& json, TrText* error) {
    *error = {};
    const QJsonArray array = jsonArray(json, error);
    QList<HfModelHit> hits;
    for (const QJsonValue& value : array) {
        const QJsonObject o = value.toObject();
        HfModelHit hit;
        hit.id = o.value(QLatin1String("id")).toString();
        if (!isValidRepoId(hit.id)) {
            *error = problem(QT_TRANSLATE_NOOP("HfApi", "a result has no valid owner/name"));
            return {};
        }
        hit.downloads = std::max<qint64>(0, count(o.value(QLatin1String("downloads"))));
        hit.likes = std::max<qint64>(0, count(o.value(QLatin1String("likes"))));
        const QJsonValue gated = o.value(QLatin1String("gated"));
        hit.gated = gated.isString() || gated.toBool(false);
        hits.append(hit);
    }
    return hits;
}

QList<HfFile> parseHfTree(const QByteArray& json, TrText* error) {
    *error = {};
    const QJsonArray array = jsonArray(json, error);
    QList<HfFile> files;
    for (const QJsonValue& value : array) {
        const QJsonObject o = value.toObject();
        const QString path = o.value(QLatin1String("path")).toString();
        if (o.value(QLatin1String("type")).toString() != QLatin1String("file") ||
            !path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) {
            continue;
        }
        HfFile file;
        file.path = path;
        const QJsonObject lfs = o.value(QLatin1String("lfs")).toObject();
        file.size = count(lfs.isEmpty() ? o.value(QLatin1String("size"))
                                        : lfs.value(QLatin1String("size")));
        if (file.size < 0) {
            *error = problem(QT_TRANSLATE_NOOP("HfApi", "it gives no size for %1"), {path});
            return {};
        }
        const QString oid = lfs.value(QLatin1String("oid")).toString().toLower();
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        if (!lfs.isEmpty() && !hex.match(oid).hasMatch()) {
            *error = problem(QT_TRANSLATE_NOOP("HfApi", "it gives no SHA-256 for %1"), {path});
            return {};
        }
        file.sha256 = oid.toLatin1();
        files.append(file);
    }
    return files;
}
QString quantFromFileName(const QString& fileName) {
    // Quant names as llama.cpp's llama-quantize spells them, most specific first.
    static const QRegularExpression pattern(
        QStringLiteral("(?:^|[-_.])((?:IQ[1-4]_(?:XXS|XS|S|M|NL))|(?:Q[2-8]_K(?:_[SML]|_XL)?)|"
                       "(?:Q[4-8]_[01])|(?:TQ[12]_0)|MXFP4|BF16|F16|F32)(?=[-_.])"),
        QRegularExpression::CaseInsensitiveOption);
    QString quant;
    auto it = pattern.globalMatch(fileName);
    while (it.hasNext()) {
        quant = it.next().captured(1).toUpper(); // the last one: "Llama-3-8B-Q4_K_M.gguf"
    }
    return quant;
}

QList<HfModelFile> groupHfModels(const QList<HfFile>& files, QStringList* incomplete) {
    static const QRegularExpression split(QStringLiteral("^(.*)-(\\d{5})-of-(\\d{5})\\.gguf$"),
                                          QRegularExpression::CaseInsensitiveOption);
    QList<HfModelFile> models;
    QMap<QString, QMap<int, HfFile>> sets; // stem (with folder) -> part number -> file
    QMap<QString, int> counts;
    for (const HfFile& file : files) {
        const QRegularExpressionMatch m = split.match(file.path);
        const int index = m.hasMatch() ? m.captured(2).toInt() : 0;
        const int total = m.hasMatch() ? m.captured(3).toInt() : 0;
        if (index < 1 || index > total) {
            HfModelFile model;
            model.name = file.path.section(QLatin1Char('/'), -1);
            model.quant = quantFromFileName(model.name);
            model.parts = {file};
            models.append(model);
            continue;
        }
        sets[m.captured(1)][index] = file;
        counts[m.captured(1)] = total;
    }
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        if (it->size() != counts.value(it.key())) {
            if (incomplete != nullptr) {
                incomplete->append(it.key().section(QLatin1Char('/'), -1));
            }
            continue;
        }
        HfModelFile model;
        model.name = it.key().section(QLatin1Char('/'), -1) + QStringLiteral(".gguf");
        model.quant = quantFromFileName(model.name);
        model.parts = it->values();
        models.append(model);
    }
    std::sort(models.begin(), models.end(), [](const HfModelFile& a, const HfModelFile& b) {
        return a.quant != b.quant ? a.quant < b.quant : a.name < b.name;
    });
    return models;
}
