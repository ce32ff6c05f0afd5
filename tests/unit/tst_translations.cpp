// The translations are complete and current: every German and Chinese entry is finished and
// keeps the placeholders (%1, %n, ...) of its source; every string in the C++ and QML
// sources (collected afresh by lupdate) has a translation; English has its plural forms;
// and the compiled translations in the app's resources answer with the translated text.
//
// Strings made in C++ are covered twice: no sentence for people in app/ bypasses tr() (a
// scan of the sources), and the texts C++ objects hand to the window (section titles,
// notices, errors kept for later, built-in personas, the engine's fallback reason) follow a
// change of language instead of staying in the one they were made in.
#include "catalogmodel.h"
#include "chatcontroller.h"
#include "downloadmanager.h"
#include "enginetext.h"
#include "languages.h"
#include "partialdownload.h"
#include "personamodel.h"
#include "session.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Entry {
    QString context;
    QString source;
    QStringList translations; // one, or the plural forms
    bool unfinished = false;
    bool plural = false;
};

QList<Entry> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
            continue;
        }
        if (xml.name() != QLatin1String("message")) {
            continue;
        }
        Entry e{context, {}, {}, false, xml.attributes().value("numerus") == QLatin1String("yes")};
        bool shown = true;
        while (xml.readNextStartElement()) { // the children of <message>
            if (xml.name() == QLatin1String("source")) {
                e.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const auto type = xml.attributes().value("type");
                e.unfinished = type == QLatin1String("unfinished");
                shown = type != QLatin1String("vanished") && type != QLatin1String("obsolete");
                if (!e.plural) {
                    e.translations = {xml.readElementText()};
                    continue;
                }
                while (xml.readNextStartElement()) { // <numerusform>s
                    if (xml.name() == QLatin1String("numerusform")) {
                        e.translations << xml.readElementText();
                    } else {
                        xml.skipCurrentElement();
                    }
                }
            } else {
                xml.skipCurrentElement();
            }
        }
        if (shown) {
            entries << e;
        }
    }
    return xml.hasError() ? QList<Entry>{} : entries;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        found.insert(it.next().captured());
    }
    return found;
}

const QString kDir = QStringLiteral(HEARTH_SOURCE_DIR "/resources/i18n");
const QString kModel = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";

// A string literal in a C++ source: its text (adjacent literals joined), the line it starts
// on, and the calls it is an argument of, innermost last.
struct Literal {
    QString text;
    int line = 0;
    QStringList calls;
};

// The string literals of C++ source `code`, comments skipped.
QList<Literal> literalsIn(const QString& code) {
    QList<Literal> out;
    QStringList calls;      // the open parentheses, each named by the identifier before it
    QString word;           // the identifier just read
    bool wordEnded = false; // white space after it: the next letter starts another
    int line = 1;
    bool joinable = false; // only white space since the last literal ended
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        if (c == u'\n') {
            ++line;
        }
        if (c == u'/' && i + 1 < code.size() && code[i + 1] == u'/') {
            i = code.indexOf(u'\n', i) - 1;
            if (i < 0) {
                break;
            }
            continue;
        }
        if (c == u'/' && i + 1 < code.size() && code[i + 1] == u'*') {
            const qsizetype end = code.indexOf(QStringLiteral("*/"), i + 2);
            line += int(code.mid(i, end - i).count(u'\n'));
            i = end + 1;
            continue;
        }
        if (c == u'"' || c == u'\'') {
            QString text;
            qsizetype j = i + 1;
            for (; j < code.size() && code[j] != c; ++j) {
                if (code[j] == u'\\') {
                    ++j; // an escaped character; its kind does not matter here
                    text += u' ';
                    continue;
                }
                text += code[j];
            }
            if (c == u'"') {
                if (joinable && !out.isEmpty()) {
                    out.last().text += text;
                } else {
                    out.append({text, line, calls});
                }
                joinable = true;
            }
            i = j;
            word.clear();
            continue;
        }
        if (c.isLetterOrNumber() || c == u'_' || c == u':') {
            if (wordEnded) {
                word.clear();
                wordEnded = false;
            }
            word += c;
            joinable = false;
        } else if (c == u'(') {
            calls << word.section(u':', -1);
            word.clear();
            joinable = false;
        } else if (c == u')') {
            if (!calls.isEmpty()) {
                calls.removeLast();
            }
            word.clear();
            joinable = false;
        } else if (c.isSpace()) {
            wordEnded = true;
        } else {
            word.clear();
            joinable = false;
        }
    }
    return out;
}

// A sentence or title for people: several words, and a capital first or a full stop last.
// Lower-case fragments ("cannot write %1: %2") are details for a translated sentence.
bool looksLikeProse(const QString& text) {
    static const QRegularExpression words(QStringLiteral("[A-Za-z]{2,}[^\\s]*\\s+[A-Za-z%]"));
    const QString t = text.trimmed();
    return words.match(t).hasMatch() &&
           (t.front().isUpper() || t.endsWith(u'.') || t.endsWith(u'?') || t.endsWith(u'!'));
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void everyEntryIsFinished_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("forms"); // plural forms of the language
        QTest::newRow("de") << "hearth_de.ts" << 2;
        QTest::newRow("zh_CN") << "hearth_zh_CN.ts" << 1;
    }

    void everyEntryIsFinished() {
        QFETCH(QString, file);
        QFETCH(int, forms);
        const QList<Entry> entries = readTs(kDir + "/" + file);
        QVERIFY2(entries.size() > 200, qPrintable(QString::number(entries.size())));
        QStringList problems;
        for (const Entry& e : entries) {
            const QString where = e.context + ": \"" + e.source + "\"";
            if (e.unfinished) {
                problems << "unfinished " + where;
            }
            if (e.translations.size() != (e.plural ? forms : 1)) {
                problems << QString("%1 forms for ").arg(e.translations.size()) + where;
            }
            for (const QString& t : e.translations) {
                if (t.trimmed().isEmpty()) {
                    problems << "empty " + where;
                } else if (placeholders(t) != placeholders(e.source)) {
                    problems << "placeholders differ in " + where + " -> \"" + t + "\"";
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    // lupdate run afresh over the sources finds no string the translation files lack.
    void everySourceStringIsInTheFiles() {
        QTemporaryDir dir;
        const QString fresh = dir.filePath("fresh.ts");
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(HEARTH_SOURCE_DIR));
        lupdate.start(QStringLiteral(HEARTH_LUPDATE),
                      {"-no-obsolete", "-locations", "none", "-silent", "app", "ui", "-ts", fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        QSet<QString> known;
        for (const Entry& e : readTs(kDir + "/hearth_de.ts")) {
            known.insert(e.context + "\n" + e.source);
        }
        const QList<Entry> current = readTs(fresh);
        QVERIFY(current.size() > 200);
        QStringList missing;
        for (const Entry& e : current) {
            if (!known.contains(e.context + "\n" + e.source)) {
                missing << e.context + ": \"" + e.source + "\"";
            }
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable("run the hearth_lupdate target and translate:\n" + missing.join('\n')));
    }

    void englishHasItsPluralForms() {
        const QList<Entry> entries = readTs(kDir + "/hearth_en.ts");
        QVERIFY(!entries.isEmpty());
        for (const Entry& e : entries) {
            QVERIFY2(e.plural && !e.unfinished && e.translations.size() == 2, qPrintable(e.source));
        }
        QTranslator en;
        QVERIFY(en.load(QStringLiteral(":/i18n/hearth_en.qm")));
        QCOMPARE(en.translate("ModelDetail", "(%n files)", nullptr, 1), QString("(%n file)"));
        QCOMPARE(en.translate("ModelDetail", "(%n files)", nullptr, 3), QString("(%n files)"));
    }

    // Every sentence for people in the app's C++ goes through tr() (or QT_TR_NOOP for text
    // translated when shown). Not scanned: the command line (app/cli, main.cpp), which talks
    // to a terminal, and app/export, whose fixed words belong to the exported documents.
    void cppSentencesGoThroughTr() {
        const QSet<QString> exempt{"tr",
                                   "QT_TR_NOOP",
                                   "QT_TR_N_NOOP",
                                   "QT_TRANSLATE_NOOP",
                                   "translate",
                                   "QML_UNCREATABLE", // a message for QML programmers
                                   "qWarning",
                                   "qInfo",
                                   "qDebug",
                                   "qCritical",
                                   "qFatal",
                                   "cached", // SQL of the document index (app/collections)
                                   "prepare"};
        // Names, not sentences: KSyntaxHighlighting's names of languages.
        const QSet<QString> names{"JavaScript React (JSX)", "TypeScript React (TSX)"};
        QStringList problems;
        int scanned = 0;
        QDirIterator files(QStringLiteral(HEARTH_SOURCE_DIR "/app"), {"*.cpp", "*.h"}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            const QString relative = QDir(QStringLiteral(HEARTH_SOURCE_DIR)).relativeFilePath(path);
            // The local API server speaks English to programs, as OpenAI's API does, and
            // `hearth serve` is a command line like app/cli; its Settings glue is translated.
            const bool api = relative.startsWith("app/server/") &&
                             !relative.startsWith("app/server/localapiserver");
            // The retrieval prompt speaks to the model in a fixed English format (its golden
            // is tests/collections/tst_retrieval_prompt), not to people.
            const bool prompt = relative == "app/collections/retrievalprompt.cpp" ||
                                relative == "app/collections/retrievalprompt.h";
            if (relative.startsWith("app/cli/") || relative.startsWith("app/export/") ||
                relative == "app/main.cpp" || api || prompt) {
                continue;
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++scanned;
            for (const Literal& literal : literalsIn(QString::fromUtf8(file.readAll()))) {
                const bool translated =
                    std::any_of(literal.calls.begin(), literal.calls.end(),
                                [&](const QString& c) { return exempt.contains(c); });
                if (!translated && looksLikeProse(literal.text) && !names.contains(literal.text)) {
                    problems << QString("%1:%2: \"%3\"")
                                    .arg(relative)
                                    .arg(literal.line)
                                    .arg(literal.text);
                }
            }
        }
        QVERIFY(scanned > 40);
        QVERIFY2(problems.isEmpty(), qPrintable("not translated:\n" + problems.join('\n')));
    }

    // The scan sees what it must: a sentence outside tr() is found, one inside is not.
    void theScanFindsAnUntranslatedSentence() {
        const QList<Literal> found = literalsIn(QStringLiteral(
            "void f() {\n  // \"Not this.\"\n  setText(QStringLiteral(\"Download failed.\"));\n"
            "  setText(tr(\"The model \"\n \"is ready.\").arg(QString(\"x\")));\n}\n"));
        QCOMPARE(found.size(), 3);
        QCOMPARE(found[0].text, QString("Download failed."));
        QCOMPARE(found[0].line, 3);
        QCOMPARE(found[0].calls, QStringList({"setText", "QStringLiteral"}));
        QVERIFY(looksLikeProse(found[0].text));
        QCOMPARE(found[1].text, QString("The model is ready."));
        QVERIFY(found[1].calls.contains("tr"));
        QVERIFY(!looksLikeProse(QStringLiteral("cannot write %1: %2")));
    }

    // Texts that C++ objects made while the interface was English are in German (then
    // Chinese) once the language changes, and each object says so by its change signal.
    void textsMadeInCppFollowTheLanguage() {
        QTemporaryDir home;
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        Languages languages;
        languages.setLanguage("en");
        const QMetaObject& meta = Languages::staticMetaObject;
        QVERIFY(meta.property(meta.indexOfProperty("names")).hasNotifySignal());

        ConversationListModel conversations;
        hearth::storage::Conversation pinned;
        pinned.id = 1;
        pinned.pinned = true;
        conversations.setConversations({pinned});
        QSignalSpy sections(&conversations, &QAbstractItemModel::modelReset);

        CatalogModel catalog;
        QVERIFY(catalog.load());
        catalog.refresh(); // no address is set in tests
        QSignalSpy catalogError(&catalog, &CatalogModel::lastErrorChanged);

        const QString settingsFile = home.filePath("settings.ini");
        ChatController chat({home.filePath("conversations.db"), settingsFile});
        QSignalSpy notice(&chat, &ChatController::noticeChanged);
        chat.exportConversation(0, "json", home.filePath("export"));
        QVERIFY(QTest::qWaitFor([&] { return chat.notice().startsWith("Exported"); }, 10000));

        const QString models = home.filePath("models");
        PartialDownload failed;
        failed.url = QUrl("https://example.org/model.gguf");
        failed.fileName = "model.gguf";
        failed.failed = true;
        failed.offline = true;
        QVERIFY(savePartial(models, failed));
        QFile part(partialDataPath(models, "model.gguf"));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.close();
        DownloadManager downloads;
        downloads.setModelsFolder(models);
        QCOMPARE(downloads.state("model.gguf"), DownloadManager::Failed);
        QSignalSpy downloadError(&downloads, &QAbstractItemModel::dataChanged);

        QSettings settings(settingsFile, QSettings::IniFormat);
        PersonaModel personas(&settings, nullptr);
        QSignalSpy persona(&personas, &QAbstractItemModel::dataChanged);

        auto texts = [&] {
            return QStringList{
                conversations.data(conversations.index(0), ConversationListModel::SectionRole)
                    .toString(),
                catalog.lastError(),
                chat.notice(),
                downloads.errorText("model.gguf"),
                personas.data(personas.index(0), PersonaModel::NameRole).toString(),
                languages.names().first(),
                fallbackReasonText("the only Vulkan device, llvmpipe, runs on the CPU, where the "
                                   "CPU backend is faster")
                    .toString()};
        };
        const QStringList english = texts();
        QCOMPARE(english.first(), QString("Pinned"));
        for (const char* code : {"de", "zh_CN"}) {
            languages.setLanguage(code);
            const QStringList now = texts();
            for (int i = 0; i < now.size(); ++i) {
                QVERIFY2(!now[i].isEmpty() && now[i] != english[i],
                         qPrintable(QString("%1: still \"%2\"").arg(code, now[i])));
            }
            QVERIFY(now.last().contains("llvmpipe"));
            QVERIFY(sections.count() > 0 && catalogError.count() > 0 && notice.count() > 0 &&
                    downloadError.count() > 0 && persona.count() > 0);
        }
        languages.setLanguage("en");
        QCOMPARE(texts(), english);
    }

    // The engine's own reason for leaving a CPU-only Vulkan device (lavapipe) is one that is
    // recognised and translated, not passed on in English.
    void theEnginesFallbackReasonIsRecognised() {
        if (!QFile::exists(kModel)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        auto model = hearth::Model::load(kModel.toStdString());
        QVERIFY(model);
        hearth::SessionOptions options;
        options.backend = "auto";
        options.n_ctx = 256;
        std::string reason;
        auto session = hearth::create_session(**model, options, &reason);
        QVERIFY(session);
        if (reason.empty() || (*session)->backend_name().starts_with("vulkan")) {
            QSKIP("a real graphics device is in use: no fallback to check");
        }
        const QString generic =
            fallbackReasonText(QStringLiteral("something unexpected")).toString();
        const QString prefix = generic.left(generic.indexOf(QLatin1String("(")));
        const QString text = fallbackReasonText(QString::fromStdString(reason)).toString();
        QVERIFY2(!text.startsWith(prefix), qPrintable(text)); // a specific sentence
    }

    // The compiled files in the resources answer with what the .ts files say.
    void compiledTranslationsAreInTheApp_data() {
        QTest::addColumn<QString>("code");
        QTest::newRow("de") << "de";
        QTest::newRow("zh_CN") << "zh_CN";
    }

    void compiledTranslationsAreInTheApp() {
        QFETCH(QString, code);
        QTranslator translator;
        QVERIFY(translator.load(QString(":/i18n/hearth_%1.qm").arg(code)));
        int checked = 0;
        for (const Entry& e : readTs(kDir + "/hearth_" + code + ".ts")) {
            if (e.plural) {
                continue;
            }
            QCOMPARE(translator.translate(e.context.toUtf8(), e.source.toUtf8()),
                     e.translations.first());
            ++checked;
        }
        QVERIFY(checked > 200);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
