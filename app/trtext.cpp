#include "trtext.h"

#include <QCoreApplication>
#include <QEvent>
#include <cstring>

QString TrText::toString() const {
    if (source_ == nullptr) {
        return verbatim_;
    }
    const QString text = QCoreApplication::translate(context_, source_, nullptr, n_);
    if (args_.isEmpty()) {
        return text;
    }
    // One pass over the text, so that an argument containing "%2" is not substituted again
    // (chained QString::arg calls would do that).
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('%') && i + 1 < text.size() && text[i + 1] >= QLatin1Char('1') &&
            text[i + 1] <= QLatin1Char('9')) {
            const qsizetype arg = text[i + 1].digitValue() - 1;
            if (arg < args_.size()) {
                out += args_[arg].toString();
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

bool operator==(const TrText& a, const TrText& b) {
    const auto same = [](const char* x, const char* y) {
        return x == y || (x != nullptr && y != nullptr && std::strcmp(x, y) == 0);
    };
    return same(a.context_, b.context_) && same(a.source_, b.source_) &&
           a.verbatim_ == b.verbatim_ && a.args_ == b.args_ && a.n_ == b.n_;
}

namespace {

// Installing or removing a translator sends QEvent::LanguageChange to the application
// object; this filter on it passes the news on.
class LanguageChangeFilter : public QObject {
public:
    LanguageChangeFilter(QObject* owner, std::function<void()> changed)
        : QObject(owner), changed_(std::move(changed)) {}

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::LanguageChange) {
            changed_();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> changed_;
};

} // namespace

void whenLanguageChanges(QObject* owner, std::function<void()> changed) {
    if (QCoreApplication* app = QCoreApplication::instance()) {
        app->installEventFilter(new LanguageChangeFilter(owner, std::move(changed)));
    }
}
