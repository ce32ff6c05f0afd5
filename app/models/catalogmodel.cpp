#include "catalogmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>

namespace {

constexpr int kRefreshTimeoutMs = 30000;

hearth::Result<Catalog> readCatalogFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return hearth::Error{
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString()};
    }
    if (file.size() > CatalogModel::kMaxCatalogBytes) {
        return hearth::Error{
            QStringLiteral("%1 is too large for a catalog").arg(path).toStdString()};
    }
    return parseCatalog(file.readAll());
}

} // namespace

CatalogModel::CatalogModel(QObject* parent) : QAbstractListModel(parent), memory_(systemMemory()) {
    whenLanguageChanges(this, [this] { emit lastErrorChanged(); });
}

CatalogModel::~CatalogModel() {
    if (reply_ != nullptr) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

int CatalogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QString CatalogModel::familyInitials(const QString& family) {
    static const QRegularExpression separator(QStringLiteral("[\\s-]"));
    QString initials;
    for (const QString& word : family.split(separator)) {
        if (!word.isEmpty()) {
            initials += word.front();
        }
    }
    return initials.left(2).toUpper();
}

double CatalogModel::familyHue(const QString& family) {
    // A string hash (h * 31 + c, from 7) kept below 360 at every step: the hue in degrees.
    // Characters are code points, each counted by its first UTF-16 unit.
    int hue = 7;
    for (qsizetype i = 0; i < family.size(); ++i) {
        hue = (hue * 31 + family[i].unicode()) % 360;
        if (family[i].isHighSurrogate() && i + 1 < family.size() &&
            family[i + 1].isLowSurrogate()) {
            ++i;
        }
    }
    return hue / 360.0;
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CatalogEntry& e = catalog_.entries[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return e.name;
    case IdRole:
        return e.id;
    case FamilyRole:
        return e.family;
    case PublisherRole:
        return e.publisher;
    case ArchitectureRole:
        return e.architecture;
    case ParametersBillionsRole:
        return e.parametersBillions;
    case ActiveParametersBillionsRole:
        return e.activeParametersBillions;
    case QuantRole:
        return e.quant;
    case SizeRole:
        return e.totalSize();
    case SizeApproximateRole:
        return e.sizeApproximate();
    case VerifiedRole:
        return e.hasChecksums();
    case FileCountRole:
        return int(e.files.size());
    case LicenseNameRole:
        return e.licenseName;
    case LicenseUrlRole:
        return e.licenseUrl;
    case RequiresAcceptanceRole:
        return e.licenseRequiresAcceptance;
    case MinRamGbRole:
        return e.minRamGb;
    case ContextLengthRole:
        return e.contextLength;
    case LanguagesRole:
        return e.languages;
    case TagsRole:
        return e.tags;
    case DescriptionRole:
        return e.description;
    case RecommendedRole:
        return e.recommendedFirst;
    case ComingSoonRole:
        return !e.runnable();
    case FitRole:
        return int(estimateFit(requiredBytes(e), memory_,
                               estimatedTokensPerSecond(e.bytesPerToken(), readGBs_)));
    case EstimatedSpeedRole:
        return estimatedTokensPerSecond(e.bytesPerToken(), readGBs_);
    case RequiredBytesRole:
        return requiredBytes(e);
    case InitialsRole:
        return familyInitials(e.family);
    case FamilyHueRole:
        return familyHue(e.family);
    case SamplingRole: {
        // What loading the model will use: the entry's values, else the engine's defaults.
        QVariantMap map;
        for (const hearth::SamplingFieldInfo& f : hearth::kSamplingFields) {
            const double v = e.sampling[f.field].value_or(f.default_value);
            map.insert(QString::fromLatin1(f.key.data(), qsizetype(f.key.size())),
                       f.integer ? QVariant(int(v)) : QVariant(v));
        }
        return map;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const {
    return {{IdRole, "modelId"},
            {NameRole, "name"},
            {FamilyRole, "family"},
            {PublisherRole, "publisher"},
            {ArchitectureRole, "architecture"},
            {ParametersBillionsRole, "parametersBillions"},
            {ActiveParametersBillionsRole, "activeParametersBillions"},
            {QuantRole, "quant"},
            {SizeRole, "size"},
            {SizeApproximateRole, "sizeApproximate"},
            {VerifiedRole, "verified"},
            {FileCountRole, "fileCount"},
            {LicenseNameRole, "licenseName"},
            {LicenseUrlRole, "licenseUrl"},
            {RequiresAcceptanceRole, "requiresAcceptance"},
            {MinRamGbRole, "minRamGb"},
            {ContextLengthRole, "contextLength"},
            {LanguagesRole, "languages"},
            {TagsRole, "tags"},
            {DescriptionRole, "description"},
            {RecommendedRole, "recommended"},
            {ComingSoonRole, "comingSoon"},
            {FitRole, "fit"},
            {RequiredBytesRole, "requiredBytes"},
            {SamplingRole, "sampling"},
            {EstimatedSpeedRole, "estimatedSpeed"},
            {InitialsRole, "initials"},
            {FamilyHueRole, "familyHue"}};
}

bool CatalogModel::load(const QString& builtInPath) {
    hearth::Result<Catalog> builtIn = readCatalogFile(builtInPath);
    if (!builtIn) {
        setLastError(message(QT_TR_NOOP("The built-in model catalog is damaged: %1"),
                             {QString::fromStdString(builtIn.error().message)}));
        return false;
    }
    if (!cachePath_.isEmpty() && QFileInfo::exists(cachePath_)) {
        hearth::Result<Catalog> cached = readCatalogFile(cachePath_);
        // A refreshed catalog older than the one shipped with this build is stale: an update
        // of Hearth brought newer data. A damaged one is ignored; the next refresh replaces it.
        if (cached && cached->catalogVersion >= builtIn->catalogVersion) {
            setCatalog(std::move(*cached), true);
            return true;
        }
    }
    setCatalog(std::move(*builtIn), false);
    return true;
}

void CatalogModel::setNetworkAccessManager(QNetworkAccessManager* manager) {
    if (ownsNetwork_ && network_) {
        network_->deleteLater();
    }
    network_ = manager;
    ownsNetwork_ = false;
}

void CatalogModel::setSslConfiguration(const QSslConfiguration& configuration) {
    ssl_ = configuration;
    customSsl_ = true;
}

void CatalogModel::setMemoryBudget(const MemoryBudget& budget) {
    memory_ = budget;
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1), {FitRole});
    }
}

void CatalogModel::setReadBandwidth(double gbs) {
    readGBs_ = gbs;
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1), {FitRole, EstimatedSpeedRole});
    }
}

void CatalogModel::setRefreshUrl(const QUrl& url) {
    if (url != refreshUrl_) {
        refreshUrl_ = url;
        emit refreshUrlChanged();
    }
}

QVariantMap CatalogModel::get(int row) const {
    QVariantMap map;
    if (row >= 0 && row < count()) {
        const QHash<int, QByteArray> names = roleNames();
        for (auto it = names.begin(); it != names.end(); ++it) {
            map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
        }
    }
    return map;
}

int CatalogModel::firstModelIndex() const {
    int recommended = -1, largest = -1, fastest = -1;
    for (int row = 0; row < count(); ++row) {
        const CatalogEntry& e = catalog_.entries[size_t(row)];
        const int fit = data(index(row), FitRole).toInt();
        if (!e.runnable() || fit == ModelFit::TooLarge) {
            continue;
        }
        if (fastest < 0 || e.bytesPerToken() < catalog_.entries[size_t(fastest)].bytesPerToken()) {
            fastest = row; // the fastest is the one that reads the fewest bytes per token
        }
        const double speed = estimatedTokensPerSecond(e.bytesPerToken(), readGBs_);
        if (fit == ModelFit::Slow || (readGBs_ > 0.0 && speed < kGoodTokensPerSecond)) {
            continue;
        }
        if (e.recommendedFirst) {
            recommended = row;
        }
        if (largest < 0 ||
            e.parametersBillions > catalog_.entries[size_t(largest)].parametersBillions) {
            largest = row;
        }
    }
    if (readGBs_ <= 0.0) { // speed unknown: the recommended model, else the smallest
        return recommended >= 0 ? recommended : fastest;
    }
    return recommended >= 0 ? recommended : largest >= 0 ? largest : fastest;
}

int CatalogModel::indexOf(const QString& id) const {
    for (int i = 0; i < count(); ++i) {
        if (catalog_.entries[i].id == id) {
            return i;
        }
    }
    return -1;
}

void CatalogModel::refresh() {
    if (reply_ != nullptr) {
        return;
    }
    if (refreshUrl_.isEmpty()) {
        finishRefresh(false,
                      message(QT_TR_NOOP("No address is set for refreshing the model catalog.")));
        return;
    }
    if (refreshUrl_.scheme() != QLatin1String("https")) {
        finishRefresh(false, message(QT_TR_NOOP("The catalog address must start with https://.")));
        return;
    }
    if (!network_) {
        network_ = new QNetworkAccessManager(this);
        ownsNetwork_ = true;
    }
    QNetworkRequest request(refreshUrl_);
    // Redirects may only keep or raise security: an https catalog never comes over http.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(kRefreshTimeoutMs);
    if (customSsl_) {
        request.setSslConfiguration(ssl_);
    }
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > kMaxCatalogBytes && reply_ != nullptr) {
            reply_->setProperty("tooLarge", true);
            reply_->abort();
        }
    });
    connect(reply_, &QNetworkReply::finished, this, &CatalogModel::onRefreshFinished);
    emit refreshingChanged();
}

void CatalogModel::onRefreshFinished() {
    QNetworkReply* reply = reply_;
    reply_ = nullptr;
    reply->deleteLater();
    emit refreshingChanged();
    if (reply->property("tooLarge").toBool()) {
        finishRefresh(false,
                      message(QT_TR_NOOP("The catalog on the server is too large to be genuine.")));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        finishRefresh(false, message(QT_TR_NOOP("Could not reach the catalog server: %1"),
                                     {reply->errorString()}));
        return;
    }
    const QByteArray bytes = reply->readAll();
    if (bytes.size() > kMaxCatalogBytes) {
        finishRefresh(false,
                      message(QT_TR_NOOP("The catalog on the server is too large to be genuine.")));
        return;
    }
    hearth::Result<Catalog> fresh = parseCatalog(bytes);
    if (!fresh) {
        finishRefresh(false, message(QT_TR_NOOP("The catalog on the server is invalid (%1)."),
                                     {QString::fromStdString(fresh.error().message)}));
        return;
    }
    if (fresh->catalogVersion < catalog_.catalogVersion) {
        finishRefresh(true, {}); // ours is newer: nothing to do
        return;
    }
    if (!cachePath_.isEmpty()) {
        // Kept for the next start; a failed write only costs a refresh then.
        QDir().mkpath(QFileInfo(cachePath_).absolutePath());
        QSaveFile file(cachePath_);
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size()) {
            file.commit();
        }
    }
    setCatalog(std::move(*fresh), true);
    finishRefresh(true, {});
}

void CatalogModel::finishRefresh(bool ok, const TrText& error) {
    setLastError(ok ? TrText()
                    : message(QT_TR_NOOP("%1 The model catalog in use was kept."), {error}));
    emit refreshFinished(ok);
}

TrText CatalogModel::message(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}

void CatalogModel::setCatalog(Catalog catalog, bool refreshed) {
    const int before = count();
    beginResetModel();
    catalog_ = std::move(catalog);
    usingRefreshed_ = refreshed;
    endResetModel();
    emit catalogChanged();
    if (count() != before) {
        emit countChanged();
    }
}

void CatalogModel::setLastError(const TrText& error) {
    if (!(error == lastError_)) {
        lastError_ = error;
        emit lastErrorChanged();
    }
}
