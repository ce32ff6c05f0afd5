// Shared by the GUI tests that drive the real main window (offscreen): a scratch home for the
// user's data and settings, loading Main from Hearth.Ui with QML warnings collected, finding
// items by objectName (also inside delegates and popups, which findChild does not see),
// clicks and key presses as a user makes them.
#pragma once

#include "appinfo.h"

#include <QAbstractItemModel>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QtQuickTest/quicktest.h>
#include <memory>

class WindowTest {
public:
    // The tiny models the window tests chat with (HEARTH_MODELS_DIR).
    static inline const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
    static inline const QString kLlama = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";

    // A cell of a list model, by row and role.
    static QVariant cell(const QAbstractItemModel* model, int row, int role) {
        return model->data(model->index(row, 0), role);
    }

    // Points XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME into `home`.
    static void useScratchHome(const QTemporaryDir& home) {
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
    }

    static QSettings settings() { return QSettings(AppInfo::settingsFile(), QSettings::IniFormat); }

    bool open() {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        QObject::connect(engine_.get(), &QQmlEngine::warnings, engine_.get(),
                         [this](const QList<QQmlError>& list) {
                             for (const QQmlError& e : list) {
                                 warnings_ << e.toString();
                             }
                         });
        engine_->loadFromModule("Hearth.Ui", "Main");
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().value(0));
        return window_ != nullptr && QTest::qWaitForWindowExposed(window_);
    }

    void close() {
        engine_.reset();
        window_ = nullptr;
    }

    QQmlApplicationEngine* engine() const { return engine_.get(); }
    QQuickWindow* window() const { return window_; }
    template <typename T> T* singleton(const char* module, const char* name) const {
        return engine_->singletonInstance<T*>(module, name);
    }
    // QML warnings since the last call.
    QStringList takeWarnings() { return std::exchange(warnings_, {}); }

    static QList<QQuickItem*> descendants(QQuickItem* root) {
        QList<QQuickItem*> all;
        if (root == nullptr) {
            return all;
        }
        for (QQuickItem* child : root->childItems()) {
            all << child << descendants(child);
        }
        return all;
    }

    // The item called `name`: a QObject child of the window, or anywhere in the visual tree
    // (delegates, popups in the overlay); a visible one first.
    QQuickItem* item(const char* name) const {
        QQuickItem* hidden = nullptr;
        for (QQuickItem* i : descendants(window_->contentItem())) {
            if (i->objectName() == QLatin1String(name)) {
                if (i->isVisible()) {
                    return i;
                }
                hidden = hidden ? hidden : i;
            }
        }
        return hidden ? hidden : window_->findChild<QQuickItem*>(name);
    }

    // Whether an item called `name` is there and visible (popups take theirs away).
    bool shows(const char* name) const {
        QQuickItem* found = item(name);
        return found != nullptr && found->isVisible();
    }

    QObject* object(const char* name) const { return window_->findChild<QObject*>(name); }

    void click(QQuickItem* target) {
        QVERIFY(target);
        QTRY_VERIFY(target->isVisible() && target->isEnabled());
        QVERIFY(QQuickTest::qWaitForPolish(window_));
        const QPointF centre = target->mapToScene({target->width() / 2, target->height() / 2});
        QTest::mouseClick(window_, Qt::LeftButton, {}, centre.toPoint());
    }

    void key(int key, Qt::KeyboardModifiers modifiers = {}) {
        QTest::keyClick(window_, Qt::Key(key), modifiers);
    }

    // Types `text` into the focused item (QTest::keyClicks is for widgets).
    void type(const QString& text) {
        for (const QChar c : text) {
            QTest::keyClick(window_, c.toLatin1());
        }
    }

    // The nearest item at or above the focused one that has an objectName.
    QString focusedName() const {
        for (QQuickItem* i = window_->activeFocusItem(); i != nullptr; i = i->parentItem()) {
            if (!i->objectName().isEmpty()) {
                return i->objectName();
            }
        }
        return {};
    }

    QImage grab() const { return window_->grabWindow(); }

private:
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    QStringList warnings_;
};
