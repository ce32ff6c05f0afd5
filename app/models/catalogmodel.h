// The model catalog as a list for QML: one row per catalog entry, with whether this computer
// can run it ("fits") and whether the engine supports its architecture yet ("coming soon").
//
// Privacy: loading never touches the network. The built-in catalog comes from the resources;
// a catalog the user refreshed earlier is read from disk. Only refresh() (a user action)
// fetches a newer one over HTTPS; whatever goes wrong, the catalog in use stays.
#pragma once

#include "catalog.h"
#include "modelfit.h"
#include "trtext.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class QNetworkAccessManager;
class QNetworkReply;

class CatalogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.catalog")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString catalogVersion READ catalogVersion NOTIFY catalogChanged)
    Q_PROPERTY(bool usingRefreshed READ usingRefreshed NOTIFY catalogChanged)
    Q_PROPERTY(bool refreshing READ refreshing NOTIFY refreshingChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QUrl refreshUrl READ refreshUrl WRITE setRefreshUrl NOTIFY refreshUrlChanged)
    // Whether an address for "Refresh catalog" is set (none by default: then the action is
    // not offered at all).
    Q_PROPERTY(bool canRefresh READ canRefresh NOTIFY refreshUrlChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        FamilyRole,
        PublisherRole,
        ArchitectureRole,
        ParametersBillionsRole,
        ActiveParametersBillionsRole, // 0 unless a mixture of experts
        QuantRole,
        SizeRole,            // bytes, all files together
        SizeApproximateRole, // the size was rounded in the publisher's listing
        VerifiedRole,        // the catalog has a SHA-256 for every file
        FileCountRole,       // > 1 for a split GGUF
        LicenseNameRole,
        LicenseUrlRole,
        RequiresAcceptanceRole, // the licence's terms must be accepted before downloading
        MinRamGbRole,
        ContextLengthRole,
        LanguagesRole,
        TagsRole,
        DescriptionRole,
        RecommendedRole,
        ComingSoonRole, // the engine does not run this architecture yet: not offered
        FitRole,        // ModelFit::Fit
        RequiredBytesRole,
        SamplingRole,       // {temperature, topK, ...}: the keys of sampling_params.h
        EstimatedSpeedRole, // tokens/s expected on this computer's CPU; 0 if unknown
        InitialsRole,       // the family's initials for its badge, "DS" for "DeepSeek-R1"
        FamilyHueRole,      // 0..1: a colour hue that stays the same for a family
    };
    Q_ENUM(Role)

    static constexpr qint64 kMaxCatalogBytes = 4 * 1024 * 1024;
    static inline const QString kBuiltInPath = QStringLiteral(":/hearth/catalog.json");

    explicit CatalogModel(QObject* parent = nullptr);
    ~CatalogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // The badge of a family: its initials (the first letter of each word, words split at
    // spaces and hyphens, at most two, upper case) and a hue in 0..1 from a hash of its name.
    static QString familyInitials(const QString& family);
    static double familyHue(const QString& family);

    // Loads the built-in catalog, then the refreshed copy at cachePath() when it is valid and
    // not older. False (with lastError) only when the built-in catalog itself is unusable.
    bool load(const QString& builtInPath = kBuiltInPath);
    // Where a refreshed catalog is kept between runs; empty: not kept.
    void setCachePath(const QString& path) { cachePath_ = path; }
    QString cachePath() const { return cachePath_; }

    // Used by refresh() only; null: one is created on the first refresh.
    void setNetworkAccessManager(QNetworkAccessManager* manager);
    // TLS settings for refresh() (tests trust their own certificate this way); verification
    // of the server's certificate is never turned off.
    void setSslConfiguration(const QSslConfiguration& configuration);
    void setMemoryBudget(const MemoryBudget& budget);
    // This computer's memory read bandwidth (GB/s), from which each model's speed here is
    // estimated (EstimatedSpeedRole, and Slow fits).
    void setReadBandwidth(double gbs);

    const Catalog& catalog() const { return catalog_; }
    int count() const { return int(catalog_.entries.size()); }
    QString catalogVersion() const { return catalog_.catalogVersion; }
    bool usingRefreshed() const { return usingRefreshed_; }
    bool refreshing() const { return reply_ != nullptr; }
    QString lastError() const { return lastError_.toString(); }
    bool canRefresh() const { return !refreshUrl_.isEmpty(); }
    QUrl refreshUrl() const { return refreshUrl_; }
    void setRefreshUrl(const QUrl& url);

    Q_INVOKABLE int indexOf(const QString& id) const;
    // Every role of a row by its QML name (empty for a row out of range).
    Q_INVOKABLE QVariantMap get(int row) const;
    // The model to offer a new user: among the runnable models that fit this computer and,
    // when its speed is known, answer at least kGoodTokensPerSecond here, the catalog's
    // recommended first model, else the largest such (the smallest while the speed is not
    // known); when none is fast enough, the fastest (smallest) one that fits; -1 when none
    // fits.
    Q_INVOKABLE int firstModelIndex() const;
    // Fetches the catalog at refreshUrl over HTTPS, validates it and uses it when valid and
    // not older than the current one. Emits refreshFinished either way.
    Q_INVOKABLE void refresh();

signals:
    void countChanged();
    void catalogChanged();
    void refreshingChanged();
    void lastErrorChanged();
    void refreshUrlChanged();
    void refreshFinished(bool ok);

private:
    void setCatalog(Catalog catalog, bool refreshed);
    void setLastError(const TrText& error);
    static TrText message(const char* source, QList<TrText> args = {});
    void onRefreshFinished();
    void finishRefresh(bool ok, const TrText& error);

    Catalog catalog_;
    bool usingRefreshed_ = false;
    QString cachePath_;
    TrText lastError_;
    QUrl refreshUrl_;
    MemoryBudget memory_;
    double readGBs_ = 0.0;
    QPointer<QNetworkAccessManager> network_;
    bool ownsNetwork_ = false;
    QSslConfiguration ssl_;
    bool customSsl_ = false;
    QNetworkReply* reply_ = nullptr;
};
