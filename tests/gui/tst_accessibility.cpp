// The window as assistive technology and keyboard users meet it (offscreen, the real app):
//
// walk: on each page (chat with an answer and a file waiting in the composer, the model
// browser and its Installed and Hugging Face tabs, settings, with the persona editor open)
// and in each dialog and menu that opens there (export, removing a model, the conversation
// menu, the model picker, the document collections, an answer's details), the QAccessible tree is
// walked from the window and every interactive element (button, check box, radio button, text
// field, slider, spin box, combo box, tab, menu item, list item) that is shown must have a name and
// be reached from the keyboard: by Tab (the focus chain is walked with real Tab presses), or by the
// arrow keys inside a list or menu that Tab (or opening it) reaches. Every stop of the walk must
// show that it has the focus: its place in the window looks different once it has it (a
// ring, a ringed row), and a control says visualFocus.
//
// textAtTwiceTheSize: at the largest text size (200 %), no text on those pages and in the
// export dialog is elided or spills out of its box (wider than its width without wrapping,
// or taller than its height) unless it already is at 100 % (a one-line preview cut short by
// design); screenshots at both sizes are kept in test-output for a reviewer.
//
// firstRun: the first start, with no model yet, walked and sized the same way.
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

// Where `item` is in the window's image (device pixels), clipped to it.
QRect sceneRect(QQuickItem* item, const QRect& image) {
    const qreal dpr = item->window()->effectiveDevicePixelRatio();
    const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    return QRectF(r.x() * dpr, r.y() * dpr, r.width() * dpr, r.height() * dpr)
        .toAlignedRect()
        .intersected(image);
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
        // A file waiting in the composer, so its chip is walked too (when attachments exist).
        if (auto* files = chat_->property("attachments").value<QObject*>()) {
            QVERIFY(QMetaObject::invokeMethod(files, "addText", Q_ARG(QString, "Some notes"),
                                              Q_ARG(QString, "notes.txt")));
            QTRY_VERIFY(w_.shows("chipRemove"));
        }
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
        w_.window()->setProperty("page", "settings");
        w_.item("addPersona")->forceActiveFocus(Qt::TabFocusReason);
        w_.key(Qt::Key_Space);
        QTRY_VERIFY(w_.shows("personaName"));
        audit("persona editor", w_.item("settingsPage"), Qt::Key_Tab, problems);

        w_.window()->setProperty("page", "models");
        w_.click(w_.item("installedTab"));
        audit("installed models", w_.window()->contentItem(), Qt::Key_Tab, problems);
        inPopup("remove model dialog", w_.object("deleteModelDialog"), Qt::Key_Tab, problems,
                [this] { w_.click(w_.item("deleteModel")); });
        if (QQuickItem* tab = w_.item("huggingFaceTab")) { // when that work is merged
            w_.click(tab);
            audit("hugging face", w_.window()->contentItem(), Qt::Key_Tab, problems);
        }

        w_.window()->setProperty("page", "chat");
        inPopup("export dialog", w_.object("exportDialog"), Qt::Key_Tab, problems,
                [this] { w_.key(Qt::Key_E, Qt::ControlModifier); });
        QQuickItem* list = w_.item("conversationList");
        inPopup("conversation menu", nullptr, Qt::Key_Down, problems, [this, list] {
            list->forceActiveFocus(Qt::TabFocusReason);
            w_.key(Qt::Key_F10, Qt::ShiftModifier);
        });
        QQuickItem* picker = w_.item("modelPicker");
        inPopup(
            "model picker", picker->property("popup").value<QObject*>(), Qt::Key_Down, problems,
            [this, picker] {
                picker->forceActiveFocus(Qt::TabFocusReason);
                w_.key(Qt::Key_Space);
            },
            false);
        if (QQuickItem* documents = w_.item("collectionsPicker")) { // when that work is merged
            // (No collections here: nothing in it to Tab to; it must take the focus and
            // close with Escape.)
            inPopup("document collections", nullptr, Qt::Key_unknown, problems, [this, documents] {
                documents->forceActiveFocus(Qt::TabFocusReason);
                w_.key(Qt::Key_Space);
            });
        }
        inPopup("answer details", nullptr, Qt::Key_unknown, problems, [this] {
            w_.item("messageInfo")->forceActiveFocus(Qt::TabFocusReason);
            w_.key(Qt::Key_Space);
        });
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    // What is shown whole at 100 % is shown whole at 200 % (texts that are cut short by
    // design at every size, like a persona's one-line preview, are compared with themselves).
    void textAtTwiceTheSize() {
        QObject* theme = w_.singleton<QObject>("Hearth.Ui", "Theme");
        // A full-HD window, as someone who needs large text would use (200 % text in the
        // smallest window, 720 pixels wide, is a phone's width at 100 %).
        w_.window()->resize(1920, 1080);
        QStringList normal, twice;
        for (const auto& [scale, problems] : {std::pair{1.0, &normal}, {2.0, &twice}}) {
            theme->setProperty("fontScale", scale);
            for (const char* page : {"chat", "models", "settings"}) {
                w_.window()->setProperty("page", page);
                QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
                checkText(page, w_.window()->contentItem(), scale, *problems);
            }
            w_.window()->setProperty("page", "chat");
            w_.key(Qt::Key_E, Qt::ControlModifier);
            QObject* dialog = w_.object("exportDialog");
            QTRY_VERIFY(dialog->property("opened").toBool());
            QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
            checkText("export dialog", popupItem(dialog), scale, *problems);
            QMetaObject::invokeMethod(dialog, "close");
            QTRY_VERIFY(!dialog->property("visible").toBool());
        }
        theme->setProperty("fontScale", 1.0);
        w_.window()->resize(1200, 780);
        QStringList lost;
        for (const QString& problem : twice) {
            if (!normal.contains(problem)) {
                lost << problem;
            }
        }
        QVERIFY2(lost.isEmpty(), qPrintable(u"\n"_s + lost.join(u'\n')));
    }

    // The first start, with no model yet: the welcome card's choices, at both text sizes.
    void firstRun() {
        w_.close();
        QSettings settings = WindowTest::settings();
        settings.setValue("models/imported", QStringList());
        settings.sync();
        QVERIFY(w_.open());
        QTRY_VERIFY(w_.shows("downloadRecommended"));
        QStringList problems;
        w_.window()->contentItem()->forceActiveFocus(Qt::TabFocusReason);
        audit("first run", w_.window()->contentItem(), Qt::Key_Tab, problems);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
        w_.window()->resize(1920, 1080); // as in textAtTwiceTheSize
        QStringList normal, twice;
        for (const auto& [scale, found] : {std::pair{1.0, &normal}, {2.0, &twice}}) {
            w_.singleton<QObject>("Hearth.Ui", "Theme")->setProperty("fontScale", scale);
            QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
            checkText("first run", w_.window()->contentItem(), scale, *found);
        }
        QStringList lost;
        for (const QString& problem : twice) {
            if (!normal.contains(problem)) {
                lost << problem;
            }
        }
        QVERIFY2(lost.isEmpty(), qPrintable(u"\n"_s + lost.join(u'\n')));
    }

private:
    // Opens a popup with `open`, audits what it shows (the popup found as the one that
    // opened when `popup` is null) and closes it with Escape.
    void inPopup(const QString& where, QObject* popup, Qt::Key key, QStringList& problems,
                 const std::function<void()>& open, bool checkReach = true) {
        open();
        QTRY_VERIFY2((popup = popup != nullptr ? popup : openedPopup()) != nullptr &&
                         popup->property("opened").toBool(),
                     qPrintable(where + " did not open"));
        QVERIFY(QQuickTest::qWaitForPolish(w_.window()));
        audit(where, popupItem(popup), key, problems, checkReach);
        w_.key(Qt::Key_Escape);
        QTRY_VERIFY2(!popup->property("visible").toBool(),
                     qPrintable(where + " did not close with Escape"));
    }

    // The popup that is open now (not a tool tip), if any.
    QObject* openedPopup() const {
        for (QQuickItem* i : WindowTest::descendants(w_.window()->contentItem())) {
            QObject* popup = i->parent();
            if (i->inherits("QQuickPopupItem") && i->isVisible() && popup != nullptr &&
                !popup->inherits("QQuickToolTip")) {
                return popup;
            }
        }
        return nullptr;
    }

    // Qt::Key_unknown: no walk (a popup with nothing to focus); `checkReach` false: the
    // entries of a combo box's list, chosen with the arrow keys on the combo box itself
    // (reached on its page), never take the focus.
    void audit(const QString& where, QQuickItem* scope, Qt::Key key, QStringList& problems,
               bool checkReach = true) {
        QSet<QQuickItem*> reached;
        QQuickItem* first = nullptr;
        QImage before = w_.grab();
        for (int i = 0; i < 300 && key != Qt::Key_unknown; ++i) {
            w_.key(key);
            QQuickItem* focused = w_.window()->activeFocusItem();
            const QImage after = w_.grab();
            // The focus shows: the place of the item that took it looks different now.
            // (A combo box keeps the focus while its list is open: only the list changes.)
            if (focused != nullptr && !reached.contains(focused) && within(focused, scope) &&
                sceneRect(focused, after.rect()).isValid() &&
                before.copy(sceneRect(focused, after.rect())) ==
                    after.copy(sceneRect(focused, after.rect()))) {
                problems << where + u": focus does not show on "_s + describe(focused);
            }
            before = after;
            if (focused == nullptr || focused == first) {
                break;
            }
            first = first != nullptr ? first : focused;
            if (reached.contains(focused)) {
                break; // a list's arrow keys stop at its end
            }
            reached.insert(focused);
            if (qEnvironmentVariableIsSet("HEARTH_TEST_SHOW_FOCUS")) {
                qInfo("%s: %s", qPrintable(where), qPrintable(describe(focused)));
            }
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
            if (name(node, item).trimmed().isEmpty()) {
                problems << where + u": no name: "_s + describe(item);
            }
            if (checkReach && !state.disabled && !isReached(item, reached)) {
                problems << where + u": not reached from the keyboard: "_s + describe(item);
            }
        }
    }

    // The name a screen reader gets. Accessibility is not active on the offscreen platform,
    // so the name Qt gives a button (check box, menu item, list entry) from its text once a
    // screen reader turns it on (QQuickAbstractButton) is taken from the text here; every
    // other control needs its Accessible.name.
    static QString name(QAccessibleInterface* node, QQuickItem* item) {
        const QString given = node->text(QAccessible::Name);
        if (!given.isEmpty() || !item->inherits("QQuickAbstractButton")) {
            return given;
        }
        return item->property("text").toString();
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

    // Every shown text inside `scope` that is elided, wider than its box without wrapping,
    // or taller than its box; a screenshot of the window at `scale` is kept.
    void checkText(const QString& where, QQuickItem* scope, double scale, QStringList& problems) {
        w_.grab().save(QStringLiteral(HEARTH_TEST_OUTPUT_DIR "/text-%1-%2.png")
                           .arg(int(scale * 100))
                           .arg(QString(where).replace(u' ', u'-')));
        for (QQuickItem* item : WindowTest::descendants(scope)) {
            if (!item->inherits("QQuickText") || !item->isVisible() || item->opacity() == 0 ||
                item->property("text").toString().isEmpty()) {
                continue;
            }
            const bool wraps = item->property("wrapMode").toInt() != 0;
            if (item->property("truncated").toBool()) {
                problems << where + u": elided: "_s + describe(item);
            } else if (!wraps && item->implicitWidth() > item->width() + 1) {
                problems << where + u": wider than its box: "_s + describe(item);
            } else if (item->property("contentHeight").toReal() > item->height() + 1) {
                problems << where + u": taller than its box: "_s + describe(item);
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
