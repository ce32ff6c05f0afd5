// Text for people that is translated when it is shown rather than when it is made.
//
// A notice, a download's error or a section title can outlive the language it was made in:
// the user switches the interface from German to Chinese while a download retries, and a
// string translated when the error happened would stay German. TrText keeps the translation
// context, the source text and the arguments instead, and toString() translates with the
// translators installed at that moment. Whoever holds one re-emits its change signal when the
// language changes (whenLanguageChanges), so QML bindings read it again.
//
// The source text must be marked for lupdate where it is written:
//     TrText(staticMetaObject.className(), QT_TR_NOOP("Cannot write %1: %2"), {file, why})
// QT_TR_NOOP inside a member function gives the entry that class's context, as tr() would.
#pragma once

#include <QList>
#include <QString>
#include <functional>

class QObject;

class TrText {
public:
    TrText() = default;
    // Text that is not translated: a file name, a number, a message from the engine.
    // Implicit, since most arguments are such plain strings.
    TrText(QString verbatim) : verbatim_(std::move(verbatim)) {}
    // `source` (a string literal marked for lupdate) translated in `context`, then %1..%9
    // replaced by `args` and %n by `n` (plural forms) when n >= 0.
    TrText(const char* context, const char* source, QList<TrText> args = {}, int n = -1)
        : context_(context), source_(source), args_(std::move(args)), n_(n) {}

    QString toString() const;
    bool isEmpty() const { return source_ == nullptr && verbatim_.isEmpty(); }
    friend bool operator==(const TrText& a, const TrText& b);

private:
    const char* context_ = nullptr;
    const char* source_ = nullptr;
    QString verbatim_;
    QList<TrText> args_;
    int n_ = -1;
};

// Calls `changed` whenever a translator is installed or removed (the interface language
// changed), as long as `owner` lives. Needs a QCoreApplication.
void whenLanguageChanges(QObject* owner, std::function<void()> changed);
