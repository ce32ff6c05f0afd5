// The window as assistive technology and keyboard users meet it (offscreen, the real app):
//
// walk: on each page (chat with an answer, the model browser and its Installed tab,
// settings) and in each dialog and menu that opens there (export, the conversation menu,
// the model picker, an answer's details), the QAccessible tree is walked from the window and
// every interactive element (button, check box, radio button, text field, slider, spin box,
// combo box, tab, menu item, list item) that is shown must have a name and be reached from
// the keyboard: by Tab (the focus chain is walked with real Tab presses), or by the arrow
// keys inside a list or menu that Tab (or opening it) reaches. Every stop of the walk must
// show that it has the focus (visualFocus, or a list's ringed current row).
//
// textAtTwiceTheSize: at the largest text size (200 %), no text on those pages and in the
// export dialog is elided or spills out of its box (wider than its width without wrapping,
// or taller than its height); a screenshot of each is kept in test-output for a reviewer.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "windowtest.h"

#include <QAccessible>
#include <QTextToSpeech>
#include <QtQml/qqmlextensionplugin.h>
#include <functional>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

using namespace Qt::StringLiterals;

namespace {

bool interactive(QAccessible::Role role) {
    switch (role) {
    case QAccessible::Button:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::EditableText:
    case QAccessible::Slider:
    case QAccessible::SpinBox:
    case QAccessible::ComboBox:
    case QAccessible::PageTab:
    case QAccessible::MenuItem:
    case QAccessible::ListItem:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Link:
        return true;
    default:
        return false;
    }
}

void collect(QAccessibleInterface* node, QList<QAccessibleInterface*>& out, int depth = 0) {
    if (node == nullptr || depth > 100) {
        return;
    }
    out << node;
    for (int i = 0; i < node->childCount(); ++i) {
        collect(node->child(i), out, depth + 1);
    }
}

bool within(const QQuickItem* item, const QQuickItem* scope) {
    for (; item != nullptr; item = item->parentItem()) {
        if (item == scope) {
            return true;
        }
    }
    return false;
}

// The list view or menu list around `item`, whose rows the arrow keys move through.
QQuickItem* enclosingList(QQuickItem* item) {
    for (QQuickItem* i = item->parentItem(); i != nullptr; i = i->parentItem()) {
        if (i->inherits("QQuickItemView")) {
            return i;
        }
    }
    return nullptr;
}

// How a reader names an item in a failure: its objectName or the nearest one above, and
// its class.
QString describe(QQuickItem* item) {
    QString name;
    for (QQuickItem* i = item; i != nullptr && name.isEmpty(); i = i->parentItem()) {
        name = i->objectName();
    }
    return QStringLiteral("%1 (%2 in %3)")
        .arg(item->property("text").toString(),
             QString::fromLatin1(item->metaObject()->className()), name);
}

// A popup's own item (what holds its content, header and footer) from the popup object.
QQuickItem* popupItem(QObject* popup) {
    auto* content =
        popup != nullptr ? popup->property("contentItem").value<QQuickItem*>() : nullptr;
    return content != nullptr ? content->parentItem() : nullptr;
}

} // namespace

class TestAccessibility : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(WindowTest::kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QAccessible::setActive(true); // what a screen reader's bridge does
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QSettings settings = WindowTest::settings();
        settings.setValue("models/imported", QStringList{WindowTest::kQwen3});
        settings.setValue("chat/backend", "cpu");
        settings.sync();
        QVERIFY(QDir().mkpath(AppInfo::dataLocation()));
        auto store = hearth::storage::ConversationStore::open(
            (AppInfo::dataLocation() + "/conversations.db").toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"Sorting in Python"});
        QVERIFY(c);
        auto q = store->add_message(c->id, std::nullopt, hearth::storage::Role::User,
                                    "How do I sort a list?");
        QVERIFY(q);
        QVERIFY(store->add_message(c->id, q->id, hearth::storage::Role::Assistant,
                                   "Use `sorted`:\n\n```python\nsorted([3, 1, 2])\n```\n\nDone."));
        conversation_ = c->id;
        if (QTextToSpeech::availableEngines().contains(QStringLiteral("flite"))) {
            qputenv("HEARTH_SPEECH_ENGINE", "flite"); // so the read-aloud buttons are there
        }
        QVERIFY(w_.open());
        chat_ = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        w_.window()->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(w_.window()));
        QTRY_COMPARE_WITH_TIMEOUT(chat_->models()->state(), ModelController::State::Ready, 60000);
        chat_->openConversation(conversation_);
        QTRY_VERIFY(w_.shows("copyMessage"));
    }

    void cleanupTestCase() { w_.close(); }

    void walk() {
        QStringList problems;
        for (const char* page : {"chat", "models", "settings"}) {
            w_.window()->setProperty("page", page);
            QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
            w_.window()->contentItem()->forceActiveFocus(Qt::TabFocusReason);
            audit(page, w_.window()->contentItem(), Qt::Key_Tab, problems);
        }
        w_.window()->setProperty("page", "models");
        w_.click(w_.item("installedTab"));
        audit("installed models", w_.window()->contentItem(), Qt::Key_Tab, problems);

        w_.window()->setProperty("page", "chat");
        inPopup("export dialog", w_.object("exportDialog"), Qt::Key_Tab, problems,
                [this] { w_.key(Qt::Key_E, Qt::ControlModifier); });
        QQuickItem* list = w_.item("conversationList");
        inPopup("conversation menu", nullptr, Qt::Key_Down, problems, [this, list] {
            list->forceActiveFocus(Qt::TabFocusReason);
            w_.key(Qt::Key_F10, Qt::ShiftModifier);
        });
        QQuickItem* picker = w_.item("modelPicker");
        inPopup("model picker", picker->property("popup").value<QObject*>(), Qt::Key_Down, problems,
                [this, picker] {
                    picker->forceActiveFocus(Qt::TabFocusReason);
                    w_.key(Qt::Key_Space);
                });
        inPopup("answer details", nullptr, Qt::Key_Tab, problems,
                [this] { w_.click(w_.item("messageInfo")); });
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void textAtTwiceTheSize() {
        w_.singleton<QObject>("Hearth.Ui", "Theme")->setProperty("fontScale", 2.0);
        QStringList problems;
        for (const char* page : {"chat", "models", "settings"}) {
            w_.window()->setProperty("page", page);
            QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
            checkText(page, w_.window()->contentItem(), problems);
        }
        w_.window()->setProperty("page", "chat");
        w_.key(Qt::Key_E, Qt::ControlModifier);
        QObject* dialog = w_.object("exportDialog");
        QTRY_VERIFY(dialog->property("opened").toBool());
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        checkText("export dialog", popupItem(dialog), problems);
        QMetaObject::invokeMethod(dialog, "close");
        QTRY_VERIFY(!dialog->property("visible").toBool());
        w_.singleton<QObject>("Hearth.Ui", "Theme")->setProperty("fontScale", 1.0);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

private:
    // Opens a popup with `open`, audits what it shows (the popup found as the one that
    // opened when `popup` is null) and closes it with Escape.
    void inPopup(const QString& where, QObject* popup, Qt::Key key, QStringList& problems,
                 const std::function<void()>& open) {
        QQuickItem* overlay = w_.window()->contentItem();
        open();
        QQuickItem* scope = nullptr;
        QTRY_VERIFY2(
            (scope = popup != nullptr
                         ? (popup->property("opened").toBool() ? popupItem(popup) : nullptr)
                         : openedPopup(overlay)) != nullptr,
            qPrintable(where + " did not open"));
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        audit(where, scope, key, problems);
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY2(!scope->isVisible(), qPrintable(where + " did not close with Escape"));
    }

    // The item of the popup that is open now (in the window's overlay), if any.
    static QQuickItem* openedPopup(QQuickItem* root) {
        for (QQuickItem* i : WindowTest::descendants(root)) {
            if (i->inherits("QQuickPopupItem") && i->isVisible()) {
                return i;
            }
        }
        return nullptr;
    }

    // Walks the focus chain inside `scope` with `key` and then the accessibility tree.
    void audit(const QString& where, QQuickItem* scope, Qt::Key key, QStringList& problems) {
        QSet<QQuickItem*> reached;
        QQuickItem* first = nullptr;
        for (int i = 0; i < 300; ++i) {
            w_.key(key);
            QQuickItem* focused = w_.window()->activeFocusItem();
            if (focused == nullptr || focused == first) {
                break;
            }
            first = first != nullptr ? first : focused;
            if (reached.contains(focused)) {
                break; // a list's arrow keys stop at its end
            }
            reached.insert(focused);
            const QVariant ring = focused->property("visualFocus");
            if (ring.isValid() && !ring.toBool() &&
                !focused->property("keyboardCurrent").toBool()) {
                problems << where + u": focus not shown on "_s + describe(focused);
            }
        }
        QList<QAccessibleInterface*> nodes;
        collect(QAccessible::queryAccessibleInterface(w_.window()), nodes);
        for (QAccessibleInterface* node : nodes) {
            auto* item = qobject_cast<QQuickItem*>(node->object());
            const QAccessible::State state = node->state();
            if (item == nullptr || !interactive(node->role()) || state.invisible ||
                !item->isVisible() || !within(item, scope)) {
                continue;
            }
            if (node->role() == QAccessible::EditableText && state.readOnly) {
                continue; // selectable text of a message, not a control
            }
            if (node->text(QAccessible::Name).trimmed().isEmpty()) {
                problems << where + u": no name: "_s + describe(item);
            }
            if (!state.disabled && !isReached(item, reached)) {
                problems << where + u": not reached from the keyboard: "_s + describe(item);
            }
        }
    }

    // The item took the focus itself (or a part of it did, like a spin box's field), or
    // it is a row of a list whose rows the focus went through.
    static bool isReached(QQuickItem* item, const QSet<QQuickItem*>& reached) {
        for (QQuickItem* focused : reached) {
            if (within(focused, item)) {
                return true;
            }
        }
        QQuickItem* list = enclosingList(item);
        if (list == nullptr) {
            return false;
        }
        for (QQuickItem* focused : reached) {
            if (within(focused, list)) {
                return true;
            }
        }
        return false;
    }

    // Every shown text inside `scope`: not elided, not wider than its box unless it wraps,
    // not taller than its box.
    void checkText(const QString& where, QQuickItem* scope, QStringList& problems) {
        w_.grab().save(QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/text-200-%1.png")
                           .arg(QString(where).replace(u' ', u'-')));
        for (QQuickItem* item : WindowTest::descendants(scope)) {
            if (!item->inherits("QQuickText") || !item->isVisible() || item->opacity() == 0 ||
                item->property("text").toString().isEmpty()) {
                continue;
            }
            const bool wraps = item->property("wrapMode").toInt() != 0;
            const qreal width = item->width(), height = item->height();
            if (item->property("truncated").toBool()) {
                problems << where + u": elided: "_s + describe(item);
            } else if (!wraps && item->implicitWidth() > width + 1) {
                problems << where +
                                u": %1 px wide in %2 px: "_s.arg(item->implicitWidth()).arg(width) +
                                describe(item);
            } else if (item->property("contentHeight").toReal() > height + 1) {
                problems << where +
                                u": %1 px tall in %2 px: "_s
                                    .arg(item->property("contentHeight").toReal())
                                    .arg(height) +
                                describe(item);
            }
        }
    }

    QTemporaryDir home_;
    WindowTest w_;
    ChatController* chat_ = nullptr;
    qint64 conversation_ = 0;
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
