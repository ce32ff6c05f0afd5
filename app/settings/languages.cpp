#include "languages.h"

#include "appinfo.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace {

const char* const kKey = "appearance/language";
const char* const kCodes[] = {"en", "de", "zh_CN"};

// One translator for the process, replaced when the language changes.
QTranslator*& installed() {
    static QTranslator* translator = nullptr;
    return translator;
}

// The supported language for `code` ("" or "system": the system's first supported one).
QString resolve(const QString& code) {
    if (!code.isEmpty()) {
        return code;
    }
    for (const QString& name : QLocale::system().uiLanguages()) {
        const QLocale locale(name);
        if (locale.language() == QLocale::German) {
            return QStringLiteral("de");
        }
        if (locale.language() == QLocale::Chinese) {
            return QStringLiteral("zh_CN");
        }
        if (locale.language() == QLocale::English) {
            break;
        }
    }
    return QStringLiteral("en");
}

void install(const QString& code) {
    if (QTranslator* old = installed()) {
        QCoreApplication::removeTranslator(old);
        delete old;
        installed() = nullptr;
    }
    QLocale::setDefault(code == QLatin1String("en") &&
                                QLocale::system().language() == QLocale::English
                            ? QLocale::system()
                            : QLocale(code));
    // English needs its plural forms ("1 file", "2 files"); the rest is the source text.
    auto* translator = new QTranslator;
    if (translator->load(QStringLiteral(":/i18n/hearth_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(translator);
        installed() = translator;
    } else {
        delete translator;
    }
}

} // namespace

Languages::Languages(QObject* parent) : QObject(parent) {
    std::unique_ptr<QSettings> settings(AppInfo::settings({}, nullptr));
    language_ = settings->value(kKey).toString();
    effective_ = resolve(language_);
}

Languages::~Languages() = default;

void Languages::applySaved() {
    std::unique_ptr<QSettings> settings(AppInfo::settings({}, nullptr));
    install(resolve(settings->value(kKey).toString()));
}

QStringList Languages::codes() const {
    QStringList all{QString()};
    for (const char* code : kCodes) {
        all << QString::fromLatin1(code);
    }
    return all;
}

QStringList Languages::names() const {
    return {tr("System language"), QStringLiteral("English"), QStringLiteral("Deutsch"),
            QStringLiteral("简体中文")};
}

QString Languages::localeName() const {
    return QLocale().name();
}

void Languages::setLanguage(const QString& code) {
    if (code == language_ || (!code.isEmpty() && !codes().contains(code))) {
        return;
    }
    language_ = code;
    std::unique_ptr<QSettings> settings(AppInfo::settings({}, nullptr));
    settings->setValue(kKey, code);
    apply(resolve(code));
}

void Languages::apply(const QString& code) {
    install(code);
    effective_ = code;
    // The engine that made this singleton: its bindings with qsTr() are evaluated again.
    if (QQmlEngine* engine = qmlEngine(this)) {
        engine->retranslate();
    }
    emit languageChanged();
}
