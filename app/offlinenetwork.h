// Keeps QML from touching the network. Model output is Markdown, and Markdown can name
// remote images (![x](https://...)) that a Qt Quick text item would otherwise fetch as it
// renders, telling a server what the user is reading. The QML engine's network access goes
// through this factory, whose managers answer every request that is not local (file:, qrc:,
// data:) with an error, without opening a connection. Downloads and the catalog refresh use
// their own QNetworkAccessManager and are unaffected.
#pragma once

#include <QtQml/qqmlnetworkaccessmanagerfactory.h>

class OfflineNetworkFactory : public QQmlNetworkAccessManagerFactory {
public:
    QNetworkAccessManager* create(QObject* parent) override;
};
