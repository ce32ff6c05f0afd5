// Model output is rendered without fetching anything: an answer whose Markdown names a
// remote image must not open a connection. A local TCP server stands in for the remote
// host and counts connection attempts. The same answer rendered by an engine without
// Hearth's OfflineNetworkFactory does connect, which shows the test can see a fetch.
#include "offlinenetwork.h"

#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QTcpServer>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

class TestOffline : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(server_.listen(QHostAddress::LocalHost));
        connections_ = 0;
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = server_.nextPendingConnection()) {
                ++connections_;
                socket->close();
            }
        });
    }

    void cleanup() {
        server_.disconnect(this);
        server_.close();
    }

    void answerImagesAreNotFetched() {
        OfflineNetworkFactory offline;
        QCOMPARE(render(&offline), 0);
    }

    void withoutTheFactoryTheyWouldBe() { QVERIFY(render(nullptr) > 0); }

private:
    // Shows an answer with a remote image and a remote link; returns the connections the
    // server saw within two seconds.
    int render(QQmlNetworkAccessManagerFactory* factory) {
        QQuickView view;
        if (factory != nullptr) {
            view.engine()->setNetworkAccessManagerFactory(factory);
        }
        const QString url = QString("http://127.0.0.1:%1").arg(server_.serverPort());
        view.setInitialProperties(
            {{"content", QString("An image: ![chart](%1/chart.png)\n\nA [link](%1/page).\n\n"
                                 "<img src=\"%1/raw.png\">\n")
                             .arg(url)}});
        view.loadFromModule("Hearth.Ui", "AssistantMessage");
        if (view.status() != QQuickView::Ready) {
            qWarning() << view.errors();
            return -1;
        }
        view.resize(600, 400);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view)) {
            return -1;
        }
        (void)QTest::qWaitFor([&] { return connections_ > 0; }, 2000); // or time out: none
        return connections_;
    }

    QTcpServer server_;
    int connections_ = 0;
};

QTEST_MAIN(TestOffline)
#include "tst_offline.moc"
