// The language of the interface: the system's, or one the user picked (English, Deutsch,
// 简体中文). Installs the matching compiled translation (":/i18n/hearth_<code>.qm", made by
// qt_add_translations from i18n/*.ts), sets it as the default locale (dates and numbers in
// QML follow Qt.locale()) and retranslates the QML engine at once. Kept in QSettings as
// appearance/language ("" for the system's).
#pragma once

#include <QObject>
#include <QStringList>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>
#include <memory>

class Languages : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QStringList codes READ codes CONSTANT) // "", "en", "de", "zh_CN"
    // In their own language, but "System language" in the one in use.
    Q_PROPERTY(QStringList names READ names NOTIFY languageChanged)
    Q_PROPERTY(QString effective READ effective NOTIFY languageChanged) // code in use
    // The locale numbers, sizes, dates and times are written in (QLocale().name()).
    Q_PROPERTY(QString localeName READ localeName NOTIFY languageChanged)

public:
    explicit Languages(QObject* parent = nullptr);
    ~Languages() override;
    // Installs the saved language before any window exists (main).
    static void applySaved();

    QString language() const { return language_; }
    void setLanguage(const QString& code);
    QStringList codes() const;
    QStringList names() const;
    QString effective() const { return effective_; }
    QString localeName() const;

signals:
    void languageChanged();

private:
    void apply(const QString& code);

    QString language_;
    QString effective_;
};
