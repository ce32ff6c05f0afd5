// The translations are complete and current: every German and Chinese entry is finished and
// keeps the placeholders (%1, %n, ...) of its source; every string in the C++ and QML
// sources (collected afresh by lupdate) has a translation; English has its plural forms;
// and the compiled translations in the app's resources answer with the translated text.
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
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
