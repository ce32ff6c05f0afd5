// The model browser and the settings page in the real window (offscreen), driven by
// clicks: the catalog is searched and filtered; a model listed in the catalog at a local
// HTTPS server is downloaded, paused, resumed and finished, then shows in Installed and in
// the chat's model picker; a GGUF is imported and a model deleted; a setting changed for
// one model is used by the next answer (its stored provenance says so) and not by another
// model; colours, text size and language apply at once.
#include "appinfo.h"
#include "chatcontroller.h"
#include "downloadfixture.h"
#include "fast/kernels.h"
#include "modelhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
const QString kLlama = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";
const QString kQwen2 = HEARTH_MODELS_DIR "/tiny/tiny-qwen2-Q8_0.gguf";
constexpr int kWait = 30000;

QList<QQuickItem*> descendants(QQuickItem* root) {
    QList<QQuickItem*> all;
    for (QQuickItem* child : root->childItems()) {
        all << child << descendants(child);
    }
    return all;
}

} // namespace

class TestModelsSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home_.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        QSettings settings(AppInfo::settingsFile(), QSettings::IniFormat);
        settings.setValue("models/imported", QStringList{kQwen3});
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 8);
        settings.sync();

        // The catalog: the built-in one with a first entry served by the local server.
        QVERIFY(server_.start(QStringLiteral(HEARTH_HTTPS_DATA_DIR)));
        payload_ = readFile(kLlama);
        QVERIFY(!payload_.isEmpty());
        server_.setRoute("/hf/hearth-test-Q8_0.gguf",
                         {.body = payload_, .etag = "1", .stallAt = payload_.size() / 2});
        QFile builtIn(QStringLiteral(":/hearth/catalog.json"));
        QVERIFY(builtIn.open(QIODevice::ReadOnly));
        QJsonObject catalog = QJsonDocument::fromJson(builtIn.readAll()).object();
        QJsonArray models = catalog["models"].toArray();
        catalogSize_ = int(models.size()) + 1;
        QJsonObject entry = models[0].toObject();
        entry["id"] = "hearth-test";
        entry["name"] = "Hearth Test Tiny";
        entry["family"] = "Llama";
        entry["architecture"] = "llama";
        entry["recommendedFirst"] = false;
        entry["tags"] = QJsonArray{"small"};
        // Terms to accept before the download (as Gemma's ask).
        entry["license"] = QJsonObject{{"name", "Hearth Test Terms"},
                                       {"url", "https://example.org/terms"},
                                       {"requiresAcceptance", true}};
        entry["files"] =
            QJsonArray{QJsonObject{{"url", server_.url("/hf/hearth-test-Q8_0.gguf").toString()},
                                   {"size", payload_.size()},
                                   {"sha256", QString::fromLatin1(sha256Hex(payload_))}}};
        models.prepend(entry);
        catalog["models"] = models;
        catalogPath_ = home_.filePath("test-catalog.json");
        QFile out(catalogPath_);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(catalog).toJson());
        out.close();

        engine_ = std::make_unique<QQmlApplicationEngine>();
        connect(engine_.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError>& list) {
            for (const QQmlError& e : list) {
                warnings_ << e.toString();
            }
        });
        engine_->loadFromModule("Hearth.Ui", "Main");
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().value(0));
        QVERIFY(window_ && QTest::qWaitForWindowExposed(window_));
        chat_ = engine_->singletonInstance<ChatController*>("Hearth.Core", "ChatController");
        hub_ = engine_->singletonInstance<ModelHub*>("Hearth.Core", "ModelHub");
        QVERIFY(hub_->catalog()->load(catalogPath_));
        hub_->downloads()->setSslConfiguration(server_.clientSslConfiguration());
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
    }

    void cleanupTestCase() { engine_.reset(); }

    void cleanup() {
        QVERIFY2(warnings_.isEmpty(), qPrintable(warnings_.join('\n')));
        warnings_.clear();
    }

    void browsesAndFiltersTheCatalog() {
        click(item("modelsNav"));
        QTRY_VERIFY(item("modelsPage")->isVisible());
        QQuickItem* list = item("catalogList");
        QTRY_COMPARE(list->property("count").toInt(), catalogSize_);
        item("catalogSearch")->setProperty("text", "hearth test");
        QTRY_COMPARE(list->property("count").toInt(), 1);
        click(item("tag_coding"));
        QTRY_COMPARE(list->property("count").toInt(), 0);
        click(item("tag_all"));
        QTRY_COMPARE(list->property("count").toInt(), 1);
        QTRY_VERIFY(row(list, "modelId", "hearth-test") != nullptr);
        click(row(list, "modelId", "hearth-test"));
        QTRY_COMPARE(item("modelDetail")->property("entry").toMap().value("name").toString(),
                     QString("Hearth Test Tiny"));
    }

    void downloadsPausesResumesAndInstalls() {
        const QString file = QStringLiteral("hearth-test-Q8_0.gguf");
        auto state = [&] {
            return hub_->downloads()
                ->data(hub_->downloads()->index(hub_->downloads()->indexOf(file)),
                       DownloadManager::StateRole)
                .toInt();
        };
        // The terms first: Download stays disabled until they are accepted.
        QTRY_VERIFY(item("downloadModel")->isVisible());
        QVERIFY(!item("downloadModel")->isEnabled());
        QCOMPARE(hub_->downloads()->count(), 0);
        click(item("acceptLicense"));
        click(item("downloadModel"));
        QTRY_COMPARE_WITH_TIMEOUT(hub_->downloads()->count(), 1, kWait);
        // The server stops halfway; the user pauses, then resumes from there.
        QTRY_COMPARE_WITH_TIMEOUT(
            hub_->downloads()
                ->data(hub_->downloads()->index(hub_->downloads()->indexOf(file)),
                       DownloadManager::BytesDoneRole)
                .toLongLong(),
            qint64(payload_.size() / 2), kWait);
        click(item("pauseDownload"));
        QTRY_COMPARE_WITH_TIMEOUT(state(), int(DownloadManager::Paused), kWait);
        QTRY_COMPARE(item("resumeDownload")->property("text").toString(), QString("Resume"));
        click(item("resumeDownload"));
        QTRY_COMPARE_WITH_TIMEOUT(state(), int(DownloadManager::Done), kWait);
        QCOMPARE(server_.requests().last().range,
                 QByteArray("bytes=") + QByteArray::number(payload_.size() / 2) + "-");
        QCOMPARE(readFile(hub_->modelsFolder() + "/" + file), payload_);

        QTRY_COMPARE_WITH_TIMEOUT(hub_->library()->count(), 2, kWait);
        click(item("installedTab"));
        QTRY_VERIFY(item("installedList")->isVisible());
        QTRY_VERIFY(row(item("installedList"), "fileName", file) != nullptr);
        QQuickItem* picker = item("modelPicker");
        QTRY_COMPARE(picker->property("count").toInt(), 2);
    }

    void importsAGguf() {
        QSignalSpy imported(hub_->library(), &ModelLibrary::importFinished);
        hub_->library()->importFile(QUrl::fromLocalFile(kQwen2).toString(), true);
        QVERIFY(QTest::qWaitFor([&] { return imported.count() > 0; }, kWait));
        QVERIFY2(imported.first().at(0).toBool(), qPrintable(imported.first().at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(hub_->library()->count(), 3, kWait);
        QVERIFY(QFile::exists(hub_->modelsFolder() + "/tiny-qwen2-Q8_0.gguf"));
    }

    void aModelsOwnSettingIsUsedForItsNextAnswer() {
        QCOMPARE(chat_->models()->path(), kQwen3);
        click(item("settingsNav"));
        QTRY_VERIFY(item("settingsPage")->isVisible());
        QQuickItem* slider = item("temperatureSlider");
        slider->setProperty("value", 0.7);
        QMetaObject::invokeMethod(slider, "moved");
        QTRY_COMPARE(chat_->generation()->temperature(), 0.7);
        QVERIFY(item("resetGeneration")->isEnabled());

        QTest::keyClick(window_, Qt::Key_N, Qt::ControlModifier); // a new chat, on the chat page
        QTRY_VERIFY(item("composer") != nullptr);
        QSignalSpy finished(chat_, &ChatController::answerFinished);
        QVERIFY(chat_->send("Hello"));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        auto* messages = chat_->messages();
        QCOMPARE(float(messages->data(messages->index(1), MessageListModel::ProvenanceRole)
                           .toMap()
                           .value("temperature")
                           .toDouble()),
                 0.7f); // stored as the sampler's float

        chat_->models()->load(hub_->modelsFolder() + "/hearth-test-Q8_0.gguf");
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QCOMPARE(chat_->generation()->temperature(), 0.0); // the user's default, not 0.7
        finished.clear();
        QVERIFY(chat_->send("And you?"));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, kWait));
        QCOMPARE(messages->data(messages->index(3), MessageListModel::ProvenanceRole)
                     .toMap()
                     .value("temperature")
                     .toDouble(),
                 0.0);
    }

    // The hardware section names this CPU's kernels; the thread count and the GPU layers are
    // kept for the next load, and the fast CPU backend is what runs the model.
    void hardwareShowsTheCpuKernelsAndKeepsTheThreads() {
        click(item("settingsNav"));
        QTRY_VERIFY(item("settingsPage")->isVisible());
        const QString kernels = QString::fromStdString((*hearth::fast::choose_variant())->name);
        QVERIFY2(item("cpuKernels")->property("text").toString().contains(kernels),
                 qPrintable(item("cpuKernels")->property("text").toString()));
        QCOMPARE(chat_->models()->info().backend,
                 (hearth::BackendDescription{"cpu", kernels.toStdString()}));
        QQuickItem* threads = item("cpuThreads");
        QCOMPARE(threads->property("value").toInt(), 0); // automatic
        threads->setProperty("value", 1);
        QMetaObject::invokeMethod(threads, "valueModified");
        QTRY_COMPARE(chat_->models()->cpuThreads(), 1);
        QCOMPARE(
            QSettings(AppInfo::settingsFile(), QSettings::IniFormat).value("chat/threads").toInt(),
            1);
        chat_->models()->load(hub_->modelsFolder() + "/hearth-test-Q8_0.gguf");
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        chat_->models()->setCpuThreads(0);
        // GPU layers: automatic at first, at most the loaded model's layers, kept.
        QQuickItem* layers = item("gpuLayers");
        QCOMPARE(layers->property("value").toInt(), -1);
        QVERIFY(chat_->models()->modelLayers() > 0);
        QCOMPARE(layers->property("to").toInt(), chat_->models()->modelLayers());
        layers->setProperty("value", 1);
        QMetaObject::invokeMethod(layers, "valueModified");
        QTRY_COMPARE(chat_->models()->gpuLayers(), 1);
        QCOMPARE(QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
                     .value("chat/gpuLayers")
                     .toInt(),
                 1);
        chat_->models()->setGpuLayers(-1);
    }

    void deletesAModelAfterConfirmation() {
        const QString file = QStringLiteral("hearth-test-Q8_0.gguf");
        click(item("modelsNav"));
        click(item("installedTab"));
        QQuickItem* model = nullptr;
        QTRY_VERIFY((model = row(item("installedList"), "fileName", file)) != nullptr);
        QCOMPARE(model->property("inUse").toBool(), true);
        click(child(model, "deleteModel"));
        auto* dialog = window_->findChild<QObject*>("deleteModelDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->property("visible").toBool());
        QVERIFY(dialog->property("title").toString().contains("Delete"));
        QMetaObject::invokeMethod(dialog, "accept");
        QTRY_COMPARE_WITH_TIMEOUT(hub_->library()->count(), 2, kWait);
        QVERIFY(!QFile::exists(hub_->modelsFolder() + "/" + file));
        // It was in use: unloaded first; another installed model takes its place.
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, kWait);
        QVERIFY(hub_->library()->runnablePaths().contains(chat_->models()->path()));
    }

    void appearanceAndLanguageApplyAtOnce() {
        click(item("settingsNav"));
        QTRY_VERIFY(item("settingsPage")->isVisible());
        QObject* theme = engine_->singletonInstance<QObject*>("Hearth.Ui", "Theme");
        QMetaObject::invokeMethod(item("schemeChoice"), "activated", Q_ARG(int, 2));
        QTRY_VERIFY(theme->property("dark").toBool());
        QCOMPARE(window_->color(), QColor("#1c1b1a"));
        QMetaObject::invokeMethod(item("schemeChoice"), "activated", Q_ARG(int, 1));
        QTRY_VERIFY(!theme->property("dark").toBool());

        const int body = theme->property("bodySize").toInt();
        QQuickItem* scale = item("fontScaleSlider");
        scale->setProperty("value", 1.3);
        QMetaObject::invokeMethod(scale, "moved");
        QTRY_COMPARE(theme->property("bodySize").toInt(), qRound(15 * 1.3));
        QVERIFY(theme->property("bodySize").toInt() > body);

        QQuickItem* newChat = item("newChatButton");
        QCOMPARE(newChat->property("text").toString(), QString("New chat"));
        QMetaObject::invokeMethod(item("languageChoice"), "activated", Q_ARG(int, 2)); // Deutsch
        const QString german = QCoreApplication::translate("Sidebar", "New chat");
        QVERIFY(german != "New chat");
        QTRY_COMPARE(newChat->property("text").toString(), german);
        QCOMPARE(QLocale().language(), QLocale::German);
        QMetaObject::invokeMethod(item("languageChoice"), "activated", Q_ARG(int, 1)); // English
        QTRY_COMPARE(newChat->property("text").toString(), QString("New chat"));

        // Kept for the next start (QML's Settings writes after a short delay).
        auto saved = [](const char* key) {
            return QSettings(AppInfo::settingsFile(), QSettings::IniFormat).value(key);
        };
        QTRY_COMPARE(saved("appearance/scheme").toString(), QString("light"));
        QTRY_COMPARE(saved("appearance/fontScale").toDouble(), 1.3);
        QCOMPARE(saved("appearance/language").toString(), QString("en"));
    }

    // The reasoning effort shows only for a model whose template takes one (gpt-oss); the
    // choice is that model's setting, as the enum.
    void reasoningEffortOnlyForHarmonyModels() {
        if (QQuickItem* page = item("settingsPage"); page == nullptr || !page->isVisible()) {
            click(item("settingsNav"));
        }
        QTRY_VERIFY(item("settingsPage")->isVisible());
        GenerationSettings* g = chat_->generation();
        QVERIFY(!g->reasoningEffortSupported());
        const auto shown = [&] {
            QQuickItem* combo = item("reasoningEffort");
            return combo != nullptr && combo->isVisible();
        };
        QVERIFY(!shown());
        const QString previous = g->modelFile();
        g->setModel("gpt-oss-like.gguf", {}, 4096, false, true);
        QTRY_VERIFY(shown());
        QQuickItem* combo = item("reasoningEffort");
        QCOMPARE(combo->property("currentText").toString(), QString("Medium"));
        combo->setProperty("currentIndex", 2);
        QMetaObject::invokeMethod(combo, "activated", Q_ARG(int, 2));
        QTRY_COMPARE(g->reasoningEffort(), GenerationSettings::ReasoningEffort::High);
        QCOMPARE(QSettings(AppInfo::settingsFile(), QSettings::IniFormat)
                     .value("models/gpt-oss-like.gguf/generation/reasoningEffort")
                     .toString(),
                 QString("high"));
        g->setModel(previous, {}, 4096);
        QTRY_VERIFY(!shown());
    }

private:
    QQuickItem* item(const char* name) const {
        for (QQuickItem* i : descendants(window_->contentItem())) {
            if (i->objectName() == QLatin1String(name) && i->isVisible()) {
                return i;
            }
        }
        return window_->findChild<QQuickItem*>(name);
    }

    static QQuickItem* child(QQuickItem* parent, const char* name) {
        for (QQuickItem* i : descendants(parent)) {
            if (i->objectName() == QLatin1String(name)) {
                return i;
            }
        }
        return nullptr;
    }

    // The visible delegate of `list` whose `property` is `value`.
    static QQuickItem* row(QQuickItem* list, const char* property, const QString& value) {
        for (QQuickItem* i : descendants(list)) {
            if (i->isVisible() && i->property(property).toString() == value) {
                return i;
            }
        }
        return nullptr;
    }

    void click(QQuickItem* target) {
        QVERIFY(target);
        QTRY_VERIFY(target->isVisible() && target->isEnabled());
        QVERIFY(QQuickTest::qWaitForPolish(window_));
        const QPointF centre = target->mapToScene({target->width() / 2, target->height() / 2});
        QTest::mouseClick(window_, Qt::LeftButton, {}, centre.toPoint());
    }

    QTemporaryDir home_;
    TestHttpsServer server_;
    QByteArray payload_;
    QString catalogPath_;
    int catalogSize_ = 0;
    QStringList warnings_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    ChatController* chat_ = nullptr;
    ModelHub* hub_ = nullptr;
};

QTEST_MAIN(TestModelsSettings)
#include "tst_models_settings.moc"
