// What a reviewer checks with a contrast meter and a ruler, in the real window (offscreen):
// the highlighted entry of every dropdown is legible, WCAG AA (4.5:1) computed from the
// colours the window draws it with, in the light and the dark palette; the details popup
// stays inside the chat column; the undo toast leaves the sidebar's buttons free; the
// Installed tab keeps its margins; the catalog's filters are not cut short at the largest
// text size; changing the text size leaves its slider where it was on screen; and after a
// change of language numbers, sizes and times are written that language's way.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "languages.h"
#include "modelhub.h"
#include "streamingmessage.h"
#include "windowtest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QtQml/qqmlextensionplugin.h>
#include <cmath>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString& kQwen3 = WindowTest::kQwen3;
const QString& kLlama = WindowTest::kLlama;

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor& c) {
    auto linear = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

// `top` drawn over the opaque `bottom`.
QColor over(const QColor& top, const QColor& bottom) {
    const double a = top.alphaF();
    return QColor::fromRgbF(float(top.redF() * a + bottom.redF() * (1 - a)),
                            float(top.greenF() * a + bottom.greenF() * (1 - a)),
                            float(top.blueF() * a + bottom.blueF() * (1 - a)));
}

QColor colorOf(QQuickItem* item) {
    return item ? item->property("color").value<QColor>() : QColor();
}

QRectF sceneRect(QQuickItem* item) {
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

} // namespace

class TestLook : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QSettings settings = WindowTest::settings();
        settings.setValue("models/imported", QStringList{kQwen3, kLlama});
        settings.setValue("chat/backend", "cpu");
        settings.sync();
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        auto store = hearth::storage::ConversationStore::open(
            (AppInfo::dataLocation() + "/conversations.db").toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"Trip plans"});
        auto q = store->add_message(c->id, std::nullopt, hearth::storage::Role::User, "Hello?");
        hearth::storage::Provenance p;
        p.model_name = "Tiny";
        p.prompt_tokens = 12;
        p.completion_tokens = 3;
        auto a = store->begin_answer(c->id, q->id, p);
        QVERIFY(a && a->append("Hi!", ""));
        QVERIFY(
            a->finish(hearth::storage::MessageStatus::Done, hearth::storage::FinishReason::Eos));
        conversation_ = c->id;
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        w_.window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(w_.window()));
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, 60000);
    }

    void cleanupTestCase() { w_.close(); }

    void cleanup() {
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        w_.window()->setProperty("page", "chat");
    }

    void highlightedDropdownEntriesAreLegible_data() {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("box");
        for (const char* scheme : {"light", "dark"}) {
            for (auto [page, box] : {std::pair{"chat", "modelPicker"},
                                     {"chat", "personaPicker"},
                                     {"models", "familyFilter"},
                                     {"models", "sortChoice"},
                                     {"settings", "schemeChoice"},
                                     {"settings", "languageChoice"}}) {
                QTest::addRow("%s-%s", scheme, box) << scheme << page << box;
            }
        }
    }

    void highlightedDropdownEntriesAreLegible() {
        QFETCH(QString, scheme);
        QFETCH(QString, page);
        QFETCH(QString, box);
        w_.singleton<QObject>("Hearth.Ui", "Theme")->setProperty("scheme", scheme);
        w_.window()->setProperty("page", page);
        QQuickItem* combo = w_.item(box.toLatin1());
        QVERIFY(combo);
        QTRY_VERIFY(combo->isVisible() && combo->isEnabled());
        auto* popup = combo->property("popup").value<QObject*>();
        QVERIFY(popup);
        combo->forceActiveFocus(Qt::TabFocusReason);
        QMetaObject::invokeMethod(popup, "open");
        QTRY_VERIFY(popup->property("opened").toBool());
        w_.key(Qt::Key_Down); // highlights an entry, as the arrow keys or the pointer do
        QTRY_VERIFY(combo->property("highlightedIndex").toInt() >= 0);
        QQuickItem* entry = nullptr;
        QTRY_VERIFY((entry = highlightedEntry(popup)) != nullptr);
        const QColor text = colorOf(entry->property("contentItem").value<QQuickItem*>());
        QColor background = colorOf(popup->property("background").value<QQuickItem*>());
        QVERIFY(background.isValid() && background.alpha() == 255);
        auto* fill = entry->property("background").value<QQuickItem*>();
        if (fill && fill->isVisible()) {
            background = over(colorOf(fill), background);
        }
        const double ratio = contrast(text, background);
        QVERIFY2(ratio >= 4.5, qPrintable(QString("%1 on %2: %3:1")
                                              .arg(text.name(), background.name())
                                              .arg(ratio, 0, 'f', 2)));
        QMetaObject::invokeMethod(popup, "close");
        QTRY_VERIFY(!popup->property("visible").toBool());
        w_.singleton<QObject>("Hearth.Ui", "Theme")->setProperty("scheme", "light");
    }

    // It opened to the left of its button and covered the sidebar.
    void detailsStayInTheChatColumn() {
        chat_->openConversation(conversation_);
        QQuickItem* info = nullptr;
        QTRY_VERIFY((info = visibleNamed("messageInfo")) != nullptr);
        w_.click(info);
        QQuickItem* grid = nullptr;
        QTRY_VERIFY((grid = visibleNamed("infoGrid")) != nullptr);
        QQuickItem* popup = grid->parentItem();
        const QRectF column = sceneRect(w_.item("chatView"));
        QTRY_VERIFY(sceneRect(popup).width() > 0);
        QVERIFY2(sceneRect(popup).left() >= column.left() &&
                     sceneRect(popup).right() <= column.right(),
                 qPrintable(QString("popup %1..%2, column %3..%4")
                                .arg(sceneRect(popup).left())
                                .arg(sceneRect(popup).right())
                                .arg(column.left())
                                .arg(column.right())));
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY(visibleNamed("infoGrid") == nullptr);
    }

    void theUndoToastLeavesTheSidebarFree() {
        chat_->deleteConversation(conversation_);
        QQuickItem* toast = w_.item("undoToast");
        QTRY_VERIFY(toast->isVisible());
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        for (const char* button : {"settingsNav", "modelsNav", "newChatButton", "composer"}) {
            QVERIFY2(!sceneRect(toast).intersects(sceneRect(w_.item(button))), button);
        }
        w_.click(w_.item("undoDelete"));
        QTRY_VERIFY(!toast->isVisible());
    }

    void theInstalledTabKeepsItsMargins() {
        w_.window()->setProperty("page", "models");
        w_.click(w_.item("installedTab"));
        QQuickItem* usage = w_.item("diskUsage");
        QTRY_VERIFY(usage->isVisible());
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        const QRectF page = sceneRect(w_.item("modelsPage"));
        QVERIFY2(sceneRect(usage).left() >= page.left() + 16,
                 qPrintable(QString::number(sceneRect(usage).left())));
        QVERIFY(sceneRect(w_.item("importGguf")).right() <= page.right() - 16);
        w_.click(w_.item("discoverTab"));
        // No catalog address in this build: nothing offers to connect to a catalog server.
        QVERIFY(!w_.item("refreshCatalog")->isVisible());
    }

    void filtersAreNotCutShortAtTheLargestText() {
        QObject* theme = w_.singleton<QObject>("Hearth.Ui", "Theme");
        theme->setProperty("fontScale", 1.5);
        w_.window()->setProperty("page", "models");
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        const QRectF list = sceneRect(w_.item("catalogList"));
        for (const char* name : {"familyFilter", "sortChoice"}) {
            QQuickItem* box = w_.item(name);
            QTRY_VERIFY(box->isVisible());
            QVERIFY2(
                box->width() >= box->implicitWidth() - 0.5,
                qPrintable(
                    QString("%1: %2 of %3").arg(name).arg(box->width()).arg(box->implicitWidth())));
            QVERIFY2(sceneRect(box).right() <= list.right() + 0.5, name);
        }
        theme->setProperty("fontScale", 1.0);
    }

    // Everything above the slider grows with the text: the page scrolls along so the
    // slider stays under the pointer.
    void theTextSizeSliderStaysInPlace() {
        w_.window()->setProperty("page", "settings");
        QQuickItem* slider = w_.item("fontScale");
        QTRY_VERIFY(slider->isVisible());
        QQuickItem* page = w_.item("settingsPage");
        QQuickItem* flick = nullptr;
        for (QQuickItem* i : WindowTest::descendants(page)) {
            if (i->inherits("QQuickFlickable")) {
                flick = i;
                break;
            }
        }
        QVERIFY(flick);
        const double target =
            slider->mapToItem(flick, {0, 0}).y() + flick->property("contentY").toDouble() - 300;
        flick->setProperty("contentY", std::max(0.0, target));
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        const double before = slider->mapToScene({0, 0}).y();
        QMetaObject::invokeMethod(slider, "moved", Q_ARG(double, 1.4));
        QTest::qWait(300);
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        const double after = slider->mapToScene({0, 0}).y();
        QVERIFY2(std::abs(after - before) <= 3,
                 qPrintable(QString("%1 -> %2").arg(before).arg(after)));
        QMetaObject::invokeMethod(slider, "moved", Q_ARG(double, 1.0));
    }

    // After a switch of language, numbers, sizes and times are written that language's way
    // everywhere, also in what was on screen before the switch (German had "1,024" beside
    // "12,19 MiB", and "8:00 PM").
    void numbersAndTimesFollowTheLanguage_data() {
        QTest::addColumn<QString>("code");
        QTest::newRow("de") << "de";
        QTest::newRow("zh_CN") << "zh_CN";
    }

    void numbersAndTimesFollowTheLanguage() {
        QFETCH(QString, code);
        auto* hub = w_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        if (hub->networkLog()->count() == 0) { // one request, to nowhere, for the privacy list
            QNetworkReply* reply = hub->networkLog()->manager()->get(
                QNetworkRequest(QUrl(QStringLiteral("https://127.0.0.1:1/catalog.json"))));
            connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
        }
        QTRY_COMPARE(hub->networkLog()->count(), 1);
        // Everything on screen once in English, so that stale text would show.
        for (const char* page : {"settings", "models", "chat"}) {
            w_.window()->setProperty("page", page);
            QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        }
        w_.singleton<Languages>("Hearth.Core", "Languages")->setLanguage(code);
        auto cleanup = qScopeGuard(
            [&] { w_.singleton<Languages>("Hearth.Core", "Languages")->setLanguage("en"); });
        const QLocale locale(code);

        w_.window()->setProperty("page", "settings");
        QQuickItem* maxTokens = w_.item("maxTokens");
        QTRY_VERIFY(maxTokens->isVisible());
        QCOMPARE(maxTokens->property("displayText").toString(),
                 locale.toString(maxTokens->property("value").toInt()));
        QQuickItem* entry = w_.item("networkEntry");
        QVERIFY(entry);
        const QDateTime time =
            hub->networkLog()->data(hub->networkLog()->index(0), NetworkLog::TimeRole).toDateTime();
        const QString shown = entry->property("text").toString();
        QVERIFY2(shown.startsWith(locale.toString(time.time(), QLocale::ShortFormat)),
                 qPrintable(shown));

        w_.window()->setProperty("page", "models");
        w_.click(w_.item("installedTab"));
        QQuickItem* facts = nullptr;
        QTRY_VERIFY((facts = w_.item("installedFacts")) != nullptr && facts->isVisible());
        const qint64 size =
            hub->library()->data(hub->library()->index(0), ModelLibrary::SizeRole).toLongLong();
        QVERIFY2(facts->property("text").toString().contains(locale.formattedDataSize(size)),
                 qPrintable(facts->property("text").toString()));
        w_.click(w_.item("discoverTab"));
    }

private:
    QQuickItem* visibleNamed(const char* name) const {
        for (QQuickItem* i : WindowTest::descendants(w_.window()->contentItem())) {
            if (i->objectName() == QLatin1String(name) && i->isVisible()) {
                return i;
            }
        }
        return nullptr;
    }

    static QQuickItem* highlightedEntry(QObject* popup) {
        auto* content = popup->property("contentItem").value<QQuickItem*>();
        for (QQuickItem* i : WindowTest::descendants(content)) {
            if (i->isVisible() && i->property("highlighted").toBool() &&
                i->property("contentItem").isValid()) {
                return i;
            }
        }
        return nullptr;
    }

    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
    qint64 conversation_ = 0;
};

QTEST_MAIN(TestLook)
#include "tst_look.moc"
