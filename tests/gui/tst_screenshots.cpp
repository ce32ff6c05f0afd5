// Renders the main window for visual review: the chat page with a conversation that has a
// code block and a reasoning block, a math answer (inline and display formulas, prices that
// stay text), the model browser and the settings page, an answer cut
// off by a full context, the export dialog, a dropdown with an entry highlighted, and the
// welcome card of a first start whose download failed for want of a network, and the
// Hugging Face tab showing a repository's files (served by the local HTTPS server), each in
// English, German and Chinese (interface and conversation), in the light and the dark
// palette, with a model loaded (but for the welcome card); and a question sent with two
// attached files, with a third waiting in the composer. PNGs go to
// <build>/test-output/screenshots/<page>-<lang>-<scheme>.png. The checks are what a reviewer
// would notice first: the size, that the page shows what it is about, and that dark is dark.
#include "answersources.h"
#include "appinfo.h"
#include "catalogmodel.h"
#include "chatcontroller.h"
#include "conversationstore.h"
#include "hardwareinfo.h"
#include "languages.h"
#include "modelhub.h"
#include "partialdownload.h"
#include "screenshot_samples.h"
#include "streamingmessage.h"
#include "testhttpsserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

const QString kModel = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";

double meanLuminance(const QImage& image) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            sum += qGray(image.pixel(x, y));
            ++n;
        }
    }
    return sum / n;
}

} // namespace

class TestScreenshots : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(home_.isValid());
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home_.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        QSettings settings(AppInfo::settingsFile(), QSettings::IniFormat);
        if (QFile::exists(kModel)) {
            settings.setValue("models/imported", QStringList{kModel});
        }
        settings.setValue("chat/backend", "cpu");
        settings.sync();

        // The conversations, written the way the app writes them.
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        auto store = hearth::storage::ConversationStore::open(
            (AppInfo::dataLocation() + "/conversations.db").toStdString());
        QVERIFY(store);
        for (const Sample& s : kSamples) {
            auto c = store->create_conversation({s.title});
            QVERIFY(c);
            auto q =
                store->add_message(c->id, std::nullopt, hearth::storage::Role::User, s.question);
            QVERIFY(q);
            QVERIFY(store->add_message(c->id, q->id, hearth::storage::Role::Assistant, s.answer,
                                       s.thinking));
            ids_[s.language] = c->id;
            // An answer that filled the context: 200 prompt and 56 answer tokens of 256.
            auto cut = store->create_conversation({s.cutQuestion});
            auto cq = store->add_message(cut->id, std::nullopt, hearth::storage::Role::User,
                                         s.cutQuestion);
            hearth::storage::Provenance p;
            p.prompt_tokens = 200;
            p.completion_tokens = 56;
            p.context_length = 256;
            auto answer = store->begin_answer(cut->id, cq->id, p);
            QVERIFY(answer && answer->append(s.cutAnswer, ""));
            QVERIFY(answer->finish(hearth::storage::MessageStatus::Done,
                                   hearth::storage::FinishReason::Length));
            cutIds_[s.language] = cut->id;
            // A math answer: formulas inline and on lines of their own.
            auto m = store->create_conversation({s.mathQuestion});
            auto mq = store->add_message(m->id, std::nullopt, hearth::storage::Role::User,
                                         s.mathQuestion);
            QVERIFY(mq && store->add_message(m->id, mq->id, hearth::storage::Role::Assistant,
                                             s.mathAnswer));
            mathIds_[s.language] = m->id;
        }
        for (const SourcesSample& s : kSourcesSamples) {
            auto c = store->create_conversation({s.question});
            QVERIFY(c);
            auto q =
                store->add_message(c->id, std::nullopt, hearth::storage::Role::User, s.question);
            QVERIFY(q);
            auto a = store->add_message(c->id, q->id, hearth::storage::Role::Assistant, s.answer);
            QVERIFY(a);
            // The cited files exist (a source whose file is gone is shown greyed).
            const QString docs = home_.filePath(QStringLiteral("Documents"));
            QVERIFY(QDir().mkpath(docs));
            hearth::storage::AnswerSearch search;
            search.collections = {s.collection};
            int number = 1;
            for (const char* name : {s.pdf, s.note}) {
                const QString path = docs + "/" + QString::fromUtf8(name);
                const bool pdf = number == 1;
                if (pdf) { // twelve pages with a line each, as the source cites page 3
                    QPdfWriter writer(path);
                    QPainter painter(&writer);
                    for (int page = 1; page <= 12; ++page) {
                        if (page > 1) {
                            writer.newPage();
                        }
                        painter.drawText(QPointF(100, 200), QString::fromUtf8(s.answer).left(60));
                    }
                } else {
                    QFile file(path);
                    QVERIFY(file.open(QIODevice::WriteOnly));
                    file.write(s.noteText);
                }
                // The note's passage where it is in the file, as the index records it.
                const int start = int(QString::fromUtf8(s.noteText).indexOf(s.notePassage));
                QVERIFY(pdf || start > 0);
                search.sources.push_back({number++, "u1", path.toStdString(), name, pdf ? 3 : 1,
                                          pdf ? 12 : 1, pdf ? 0 : start,
                                          pdf ? "..." : s.notePassage});
            }
            QVERIFY(hearth::storage::save_answer_search(store->database(), a->id, search));
            sourcesIds_[s.language] = c->id;
        }
        for (const AttachmentSample& s : kAttachmentSamples) {
            auto c = store->create_conversation({s.question});
            QVERIFY(c);
            hearth::storage::NewAttachment note;
            note.info.file_name = s.note;
            note.info.kind = hearth::storage::AttachmentKind::Markdown;
            note.info.tokens = 14;
            note.pages = {s.noteText};
            hearth::storage::NewAttachment pdf;
            pdf.info.file_name = s.pdf;
            pdf.info.kind = hearth::storage::AttachmentKind::Pdf;
            pdf.info.tokens = 1240;
            pdf.pages = {"Weekdays: 9:40, 12:15", "Sundays: 10:30 only"};
            const std::vector<hearth::storage::NewAttachment> files = {note, pdf};
            auto q = store->add_message(c->id, std::nullopt, hearth::storage::Role::User,
                                        s.question, {}, files);
            QVERIFY(q);
            QVERIFY(store->add_message(c->id, q->id, hearth::storage::Role::Assistant, s.answer));
            attachmentIds_[s.language] = c->id;
        }
        QVERIFY(QDir().mkpath(outputDir()));
        startHub();
    }

    void render_data() {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("scheme");
        for (const char* page :
             {"welcome-offline", "chat", "models", "settings", "cutoff", "export", "dropdown",
              "math", "huggingface", "sources", "source-text", "collections", "attachments"}) {
            for (const Sample& s : kSamples) {
                for (const char* scheme : {"light", "dark"}) {
                    QTest::addRow("%s-%s-%s", page, s.language, scheme)
                        << page << s.language << scheme;
                }
            }
        }
    }

    void render() {
        QFETCH(QString, page);
        QFETCH(QString, language);
        QFETCH(QString, scheme);
        // The welcome card: no model installed, and the recommended one failed to download
        // for want of a network (as the app keeps that across a restart).
        const bool welcome = page == "welcome-offline";
        QSettings settings(AppInfo::settingsFile(), QSettings::IniFormat);
        const QVariant imported = settings.value("models/imported");
        if (welcome) {
            settings.setValue("models/imported", QStringList());
            settings.sync();
            QVERIFY(writeFailedDownload());
        }
        auto restore = qScopeGuard([&] {
            if (welcome) {
                settings.setValue("models/imported", imported);
                settings.sync();
                QDir(modelsFolder() + "/.partial").removeRecursively();
            }
        });
        QQmlApplicationEngine engine;
        engine.singletonInstance<Languages*>("Hearth.Core", "Languages")
            ->setLanguage(language == "zh" ? "zh_CN" : language);
        engine.loadFromModule("Hearth.Ui", "Main");
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
        QVERIFY(window);
        engine.singletonInstance<QObject*>("Hearth.Ui", "Theme")->setProperty("scheme", scheme);
        auto* chat = engine.singletonInstance<ChatController*>("Hearth.Core", "ChatController");
        QVERIFY(QTest::qWaitForWindowExposed(window));
        if (QFile::exists(kModel) && !welcome) {
            QTRY_COMPARE_WITH_TIMEOUT(chat->models()->state(), ModelController::State::Ready,
                                      60000);
        }
        const QString shown = page == "cutoff" || page == "math" || page == "sources" ||
                                      page == "source-text" || page == "attachments"
                                  ? "chat"
                              : page == "dropdown" || page == "collections" ? "settings"
                              : page == "export" || welcome                 ? "chat"
                              : page == "huggingface"                       ? "models"
                                                                            : page;
        window->setProperty("page", shown);
        if (welcome) {
            QQuickItem* retry = nullptr;
            QTRY_VERIFY((retry = find(window->contentItem(), "retryRecommended")) != nullptr);
            QVERIFY(find(window->contentItem(), "importInstead") != nullptr);
        } else {
            chat->openConversation(page == "cutoff"            ? cutIds_.value(language)
                                   : page == "math"            ? mathIds_.value(language)
                                   : page.startsWith("source") ? sourcesIds_.value(language)
                                   : page == "attachments"     ? attachmentIds_.value(language)
                                                               : ids_.value(language));
            QCOMPARE(chat->messages()->count(), 2);
        }
        if (page == "attachments") { // two files on the question, a third in the composer
            QTRY_VERIFY(find(window->contentItem(), "messageChips") != nullptr);
            for (const AttachmentSample& s : kAttachmentSamples) {
                if (language == s.language) {
                    chat->attachments()->addText(QString::fromUtf8(s.noteText).repeated(3),
                                                 QString::fromUtf8(s.waiting));
                }
            }
            QTRY_VERIFY(!chat->attachments()->busy());
            QCOMPARE(chat->attachments()->count(), 1);
        }
        if (page == "cutoff") {
            QQuickItem* status = nullptr;
            QTRY_VERIFY((status = find(window->contentItem(), "messageStatus")) != nullptr);
            QVERIFY(!status->property("text").toString().isEmpty());
        }
        if (page == "collections") { // Settings, Document collections, with one indexed
            CollectionManager* collections = chat->collections();
            if (collections->count() == 0) {
                QVERIFY(!collections->add(home_.filePath(QStringLiteral("Documents"))).isEmpty());
            }
            QTRY_VERIFY_WITH_TIMEOUT(!collections->indexing(), 30000);
            QQuickItem* section = nullptr;
            QTRY_VERIFY((section = find(window->contentItem(), "collectionsSection")) != nullptr);
            scrollIntoView(section);
        }
        if (page == "sources") { // the cited sources under the answer
            QQuickItem* source = nullptr;
            QTRY_VERIFY((source = find(window->contentItem(), "sourceButton")) != nullptr);
            QVERIFY(source->isEnabled());
        }
        if (page == "source-text") { // the cited note open in Hearth at its passage
            QList<QQuickItem*> sources;
            QTRY_COMPARE((sources = findAll(window->contentItem(), "sourceButton")).size(), 2);
            QMetaObject::invokeMethod(sources.last(), "clicked");
            QQuickItem* text = nullptr;
            QTRY_VERIFY((text = find(window->contentItem(), "sourceText")) != nullptr);
            QTRY_VERIFY(!text->property("text").toString().isEmpty());
            QVERIFY(find(window->contentItem(), "sourceNotice") == nullptr); // found in place
        }
        if (page == "export") {
            QMetaObject::invokeMethod(window, "exportConversation",
                                      Q_ARG(QVariant, ids_.value(language)),
                                      Q_ARG(QVariant, int(Export::Pdf)));
            QTRY_VERIFY(find(window->contentItem(), "exportTarget") != nullptr);
        }
        if (page == "dropdown") { // the Colours box open, its second entry highlighted
            QQuickItem* box = nullptr;
            QTRY_VERIFY((box = find(window->contentItem(), "schemeChoice")) != nullptr);
            scrollIntoView(box);
            box->forceActiveFocus(Qt::TabFocusReason);
            auto* popup = box->property("popup").value<QObject*>();
            QMetaObject::invokeMethod(popup, "open");
            QTRY_VERIFY(popup->property("opened").toBool());
            QTest::keyClick(window, Qt::Key_Down);
            QTRY_VERIFY(box->property("highlightedIndex").toInt() >= 0);
        }
        if (page == "chat") { // open the reasoning block so it shows in the picture
            QQuickItem* toggle = nullptr;
            QTRY_VERIFY((toggle = find(window->contentItem(), "thinkingToggle")) != nullptr);
            QMetaObject::invokeMethod(toggle, "clicked");
        }
        if (page == "math") { // the two display formulas are drawn, not shown as source
            QTRY_COMPARE(findAll(window->contentItem(), "mathFormula").size(), 2);
        }
        if (page == "huggingface") {
            showHuggingFace(engine, window);
        }
        if (page == "settings") { // the Vulkan devices are looked up when it opens
            auto* hardware = engine.singletonInstance<HardwareInfo*>("Hearth.Core", "HardwareInfo");
            QTRY_VERIFY_WITH_TIMEOUT(!hardware->scanning(), 30000);
        }
        QTest::qWait(200); // the highlighter and the layout settle

        const QImage image = window->grabWindow();
        QCOMPARE(image.size(), QSize(1200, 780) * window->devicePixelRatio());
        const QString file = outputDir() + QString("/%1-%2-%3.png").arg(page, language, scheme);
        QVERIFY(image.save(file));
        qInfo("screenshot: %s", qPrintable(file));
        const double luminance = meanLuminance(image);
        QVERIFY2(scheme == "dark" ? luminance < 80 : luminance > 200,
                 qPrintable(QString::number(luminance)));
    }

private:
    // The local server plays the Hub: a repository with the two tiny llama quantizations.
    void startHub() {
        const QString tiny = HEARTH_MODELS_DIR "/tiny/tiny-llama-";
        QVERIFY(hub_.start(QStringLiteral(HEARTH_HTTPS_DATA_DIR)));
        QByteArray tree = "[";
        for (const char* quant : {"Q4_0", "Q8_0"}) {
            const QString name = tiny + quant + ".gguf";
            QFile file(name);
            if (!file.open(QIODevice::ReadOnly)) {
                return; // no models: the tab shows what the server says
            }
            const QByteArray body = file.readAll();
            const QString path = QFileInfo(name).fileName();
            hub_.setRoute("/hearth-test/tiny-llama-GGUF/resolve/main/" + path.toLatin1(), {body});
            tree +=
                QStringLiteral(R"(%1{"type":"file","oid":"0","size":%2,"path":"%3",)"
                               R"("lfs":{"oid":"%4","size":%2,"pointerSize":135}})")
                    .arg(tree.size() > 1 ? "," : "")
                    .arg(body.size())
                    .arg(path,
                         QString::fromLatin1(
                             QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()))
                    .toUtf8();
        }
        hub_.setRoute("/api/models/hearth-test/tiny-llama-GGUF/tree/main?recursive=true",
                      {tree + "]"});
    }

    void showHuggingFace(QQmlApplicationEngine& engine, QQuickWindow* window) {
        QQuickItem* tabs = nullptr;
        QTRY_VERIFY((tabs = find(window->contentItem(), "modelTabs")) != nullptr);
        tabs->setProperty("currentIndex", 2);
        auto* hub = engine.singletonInstance<ModelHub*>("Hearth.Core", "ModelHub");
        hub->huggingFace()->client()->setHub(hub_.url(""));
        hub->huggingFace()->client()->setSslConfiguration(hub_.clientSslConfiguration());
        const QString repo = QStringLiteral("hearth-test/tiny-llama-GGUF");
        QQuickItem* query = nullptr;
        QTRY_VERIFY((query = find(window->contentItem(), "hfQuery")) != nullptr);
        query->setProperty("text", repo);
        hub->huggingFace()->submit(repo);
        QTRY_VERIFY_WITH_TIMEOUT(!hub->huggingFace()->busy(), 30000);
        QCOMPARE(hub->huggingFace()->files()->count(), QFile::exists(kModel) ? 2 : 0);
    }

    static QString outputDir() { return QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/screenshots"); }
    static QString modelsFolder() { return AppInfo::dataLocation() + "/models"; }

    // Scrolls the page holding `item` so that it sits in the upper part of the window.
    static void scrollIntoView(QQuickItem* item) {
        for (QQuickItem* p = item->parentItem(); p != nullptr; p = p->parentItem()) {
            if (p->inherits("QQuickFlickable")) {
                const double y =
                    item->mapToItem(p, {0, 0}).y() + p->property("contentY").toDouble();
                p->setProperty("contentY", std::max(0.0, y - 160));
                return;
            }
        }
    }

    // A download of the model the welcome card recommends, failed for want of a network, as
    // its record in the models folder keeps it (the app reads it at start).
    static bool writeFailedDownload() {
        CatalogModel catalog;
        if (!catalog.load()) {
            return false;
        }
        const int row = catalog.firstModelIndex();
        const CatalogEntry* entry =
            row >= 0 ? catalog.catalog().find(catalog.get(row).value("modelId").toString())
                     : nullptr;
        if (entry == nullptr || entry->files.isEmpty()) {
            return false;
        }
        PartialDownload partial;
        partial.url = entry->files.first().url;
        partial.fileName = entry->files.first().fileName;
        partial.catalogId = entry->id;
        partial.expectedSize = entry->files.first().size;
        partial.failed = true;
        partial.offline = true;
        QFile part(partialDataPath(modelsFolder(), partial.fileName));
        return savePartial(modelsFolder(), partial).ok() &&
               part.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }

    static QQuickItem* find(QQuickItem* root, const char* name) {
        for (QQuickItem* child : root->childItems()) {
            if (child->objectName() == QLatin1String(name) && child->isVisible()) {
                return child;
            }
            if (QQuickItem* found = find(child, name)) {
                return found;
            }
        }
        return nullptr;
    }

    // The visible items called `name` under `root`.
    static QList<QQuickItem*> findAll(QQuickItem* root, const char* name) {
        QList<QQuickItem*> out;
        for (QQuickItem* child : root->childItems()) {
            if (child->objectName() == QLatin1String(name) && child->isVisible()) {
                out << child;
            }
            out << findAll(child, name);
        }
        return out;
    }

    QTemporaryDir home_;
    TestHttpsServer hub_;
    QHash<QString, qint64> ids_;
    QHash<QString, qint64> cutIds_;
    QHash<QString, qint64> mathIds_;
    QHash<QString, qint64> sourcesIds_;
    QHash<QString, qint64> attachmentIds_;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
