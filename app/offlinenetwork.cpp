#include "offlinenetwork.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace {

class OfflineNetworkAccessManager : public QNetworkAccessManager {
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* data) override {
        const QString scheme = request.url().scheme();
        if (scheme == QLatin1String("file") || scheme == QLatin1String("qrc") ||
            scheme == QLatin1String("data") || scheme.isEmpty()) {
            return QNetworkAccessManager::createRequest(op, request, data);
        }
        // An unknown scheme: the base class answers with ProtocolUnknownError at once.
        QNetworkRequest blocked(request);
        blocked.setUrl(QUrl(QStringLiteral("hearth-blocked:")));
        return QNetworkAccessManager::createRequest(op, blocked, data);
    }
};

} // namespace

QNetworkAccessManager* OfflineNetworkFactory::create(QObject* parent) {
    return new OfflineNetworkAccessManager(parent);
}
