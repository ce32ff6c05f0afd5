// Documents attached to messages (schema version 5): stored once per text however often
// they are attached, kept across a restart, found by search, deleted with the last message
// that carries them, and kept byte for byte through a JSON export and import. SHA-256
// values were computed with Python's hashlib, not with the code under test. Opening a
// conversation defers them: the chat's list model looks up the chips of the rows shown.
#include "jsonarchive.h"
#include "messagelistmodel.h"
#include "storetest.h"

#include <QBuffer>
#include <QSignalSpy>
#include <set>

using namespace hearth::storage;
using hearth::Result;

namespace {

// Page texts with non-ASCII, an emoji and a CRLF, which must come back unchanged.
const std::vector<std::string> kPages = {"Grüße aus Köln 🍺\r\nZeile zwei", "第二页 second page"};
constexpr const char* kPagesSha256 =
    "d55021f8136f4b2adc1e7d7e26737280cd0d72bceda37d9d3da5d7f23043e0c1";

NewAttachment report(const char* name = "report.pdf") {
    NewAttachment a;
    a.info.file_name = name;
    a.info.kind = AttachmentKind::Pdf;
    a.info.title = "Quarterly report";
    a.info.source_path = std::string("/home/user/") + name;
    a.info.tokens = 42;
    a.pages = kPages;
    return a;
}

NewAttachment notes() {
    NewAttachment a;
    a.info.file_name = "notes.md";
    a.info.kind = AttachmentKind::Markdown;
    a.pages = {"only page"};
    return a;
}

int64_t count(ConversationStore& store, const char* table) {
    Result<Statement*> s = store.database().cached(std::string("SELECT count(*) FROM ") + table);
    if (!s) {
        return -1;
    }
    auto n = (*s)->query_one([](const Statement& row) { return row.integer(0); });
    return n && *n ? **n : -1;
}

} // namespace

class TestAttachments : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void addressIsTheSha256OfTheText() {
        QCOMPARE(attachment_sha256(kPages), std::string(kPagesSha256));
        QCOMPARE(attachment_sha256({"only page"}),
                 std::string("73c17b4757157245685eb9114dda156b7dab01b2b3a73aeec0891468b568b2ce"));
    }

    void storedOnceWhenAttachedTwice() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "twice.db")));
        STORE_OK(c, store->create_conversation({"Two questions", {}, {}, {}}));
        const std::vector<NewAttachment> first = {report(), notes()};
        STORE_OK(q1, store->add_message(c->id, std::nullopt, Role::User, "Summarize", {}, first));
        STORE_OK(a1, store->add_message(c->id, q1->id, Role::Assistant, "Done."));
        // The same PDF again under another name: one text, two links.
        const std::vector<NewAttachment> second = {report("copy.pdf")};
        STORE_OK(q2, store->add_message(c->id, a1->id, Role::User, "And this?", {}, second));
        QCOMPARE(count(*store, "attachments"), int64_t(2));
        QCOMPARE(count(*store, "attachment_texts"), int64_t(2));
        QCOMPARE(count(*store, "message_attachments"), int64_t(3));
        QCOMPARE(q1->attachments.size(), size_t(2));
        QCOMPARE(q1->attachments[0].id, q2->attachments[0].id);
        QCOMPARE(q2->attachments[0].file_name, std::string("copy.pdf"));
        QCOMPARE(q1->attachments[0].sha256, std::string(kPagesSha256));
        QCOMPARE(q1->attachments[0].pages, int64_t(2));
        QCOMPARE(q1->attachments[0].bytes,
                 int64_t(kPages[0].size() + 1 + kPages[1].size()));      // one separator
        QCOMPARE(q1->attachments[1].file_name, std::string("notes.md")); // order kept
        // An edit keeps the files: linked by id, no text given.
        NewAttachment kept;
        kept.info = q1->attachments[1];
        STORE_OK(edit, store->add_message(c->id, std::nullopt, Role::User, "Summarize briefly", {},
                                          std::vector<NewAttachment>{kept}));
        QCOMPARE(edit->attachments.size(), size_t(1));
        QCOMPARE(edit->attachments[0].id, q1->attachments[1].id);
        QCOMPARE(count(*store, "attachments"), int64_t(2));
    }

    void surviveRestart() {
        const std::string path = storetest::db_path(dir_, "restart.db");
        int64_t conversation = 0;
        {
            STORE_OK(store, ConversationStore::open(path));
            STORE_OK(c, store->create_conversation({"Kept", {}, {}, {}}));
            conversation = c->id;
            const std::vector<NewAttachment> files = {report()};
            CHECK_OK(store->add_message(c->id, std::nullopt, Role::User, "Read it", {}, files));
        }
        STORE_OK(store, ConversationStore::open(path));
        STORE_OK(shown, store->active_path(conversation));
        QCOMPARE(shown->size(), size_t(1));
        QCOMPARE(shown->at(0).attachments.size(), size_t(1));
        const Attachment& a = shown->at(0).attachments[0];
        QCOMPARE(a.file_name, std::string("report.pdf"));
        QCOMPARE(a.kind, AttachmentKind::Pdf);
        QCOMPARE(a.title, std::string("Quarterly report"));
        QCOMPARE(a.source_path.value_or(""), std::string("/home/user/report.pdf"));
        QCOMPARE(a.tokens.value_or(0), int64_t(42));
        STORE_OK(pages, store->attachment_pages(a.id));
        QCOMPARE(*pages, kPages);
        STORE_OK(one, store->message(shown->at(0).id));
        QCOMPARE(one->attachments, shown->at(0).attachments);
    }

    void deferredPathAndListsByMessage() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "deferred.db")));
        STORE_OK(c, store->create_conversation({"Files", {}, {}, {}}));
        const std::vector<NewAttachment> both = {report(), notes()};
        STORE_OK(q1, store->add_message(c->id, std::nullopt, Role::User, "q1", {}, both));
        STORE_OK(a1, store->add_message(c->id, q1->id, Role::Assistant, "a1"));
        STORE_OK(q2, store->add_message(c->id, a1->id, Role::User, "q2", {},
                                        std::vector<NewAttachment>{report("again.pdf")}));
        STORE_OK(deferred, store->active_path(c->id, PathFiles::Deferred));
        STORE_OK(listed, store->active_path(c->id));
        QCOMPARE(deferred->size(), size_t(3));
        QCOMPARE(listed->size(), size_t(3));
        for (size_t i = 0; i < 3; ++i) {
            QVERIFY(deferred->at(i).attachments.empty());
            QCOMPARE(deferred->at(i).id, listed->at(i).id);
        }
        QCOMPARE(listed->at(0).attachments.size(), size_t(2));
        QCOMPARE(listed->at(0).attachments[1].file_name, std::string("notes.md"));
        QCOMPARE(listed->at(2).attachments.size(), size_t(1));
        QCOMPARE(listed->at(2).attachments[0].file_name, std::string("again.pdf"));
        // In the order asked, an id asked twice twice, unknown ids and answers empty.
        const std::vector<int64_t> ids = {q2->id, a1->id, q1->id, 999999, q1->id};
        STORE_OK(lists, store->attachments_of(ids));
        QCOMPARE(lists->size(), size_t(5));
        QCOMPARE(lists->at(0), listed->at(2).attachments);
        QVERIFY(lists->at(1).empty());
        QCOMPARE(lists->at(2), listed->at(0).attachments);
        QVERIFY(lists->at(3).empty());
        QCOMPARE(lists->at(4), listed->at(0).attachments);
        STORE_OK(none, store->attachments_of({}));
        QVERIFY(none->empty());
    }

    void chipsLookedUpForShownRowsOnly() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "chips.db")));
        STORE_OK(c, store->create_conversation({"Long", {}, {}, {}}));
        constexpr int kTurns = 200; // 400 rows: far more than one window of lookups
        std::optional<int64_t> parent;
        for (int t = 0; t < kTurns; ++t) {
            NewAttachment file = notes();
            file.info.file_name = "turn-" + std::to_string(t) + ".md";
            file.pages = {"page of turn " + std::to_string(t)};
            STORE_OK(q, store->add_message(c->id, parent, Role::User, "q", {},
                                           std::vector<NewAttachment>{file}));
            STORE_OK(a, store->add_message(c->id, q->id, Role::Assistant, "a"));
            parent = a->id;
        }
        int lookups = 0;
        std::set<int64_t> asked;
        bool failing = false;
        MessageListModel model;
        model.setAttachmentLookup([&](std::span<const int64_t> ids) {
            ++lookups;
            asked.insert(ids.begin(), ids.end());
            auto files = store->attachments_of(ids);
            return files && !failing ? std::move(*files) : std::vector<std::vector<Attachment>>();
        });
        STORE_OK(path, store->active_path(c->id, PathFiles::Deferred));
        model.setMessages(*path);
        QCOMPARE(model.rowCount(), 2 * kTurns);
        QCOMPARE(lookups, 0); // nothing read before a row is shown
        const auto chips = [&](int row) {
            return model.data(model.index(row), MessageListModel::AttachmentsRole).toList();
        };
        // The view shows the end: one lookup for the rows around it, not for all.
        const int last = 2 * kTurns - 2; // the last question
        QCOMPARE(chips(last).size(), 1);
        QCOMPARE(chips(last)[0].value<MessageAttachment>().fileName,
                 QString("turn-%1.md").arg(kTurns - 1));
        QCOMPARE(lookups, 1);
        QCOMPARE(asked.size(), size_t(MessageListModel::kFilesBefore + 2));
        QVERIFY(!asked.contains(path->front().id));
        for (int row = last - MessageListModel::kFilesBefore; row < 2 * kTurns; ++row) {
            QCOMPARE(chips(row).size(), row % 2 == 0 ? 1 : 0);
        }
        QCOMPARE(lookups, 1);
        // Then the first rows: one more lookup, and the right file on each row.
        QCOMPARE(chips(0)[0].value<MessageAttachment>().fileName, QString("turn-0.md"));
        QCOMPARE(chips(10)[0].value<MessageAttachment>().fileName, QString("turn-5.md"));
        QCOMPARE(lookups, 2);
        QCOMPARE(asked.size(),
                 size_t(MessageListModel::kFilesBefore + 2 + MessageListModel::kFilesAfter + 1));
        // The same path again (a reload), deferred or listed: the rows stay unchanged.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setMessages(*path);
        STORE_OK(listed, store->active_path(c->id));
        model.setMessages(*listed);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(chips(last)[0].value<MessageAttachment>().fileName,
                 QString("turn-%1.md").arg(kTurns - 1));
        QCOMPARE(lookups, 2);
        // A listed path gives the rows not looked up yet their files: no lookup for them.
        model.setMessages({});
        model.setMessages(*path);
        model.setMessages(*listed);
        QCOMPARE(chips(200)[0].value<MessageAttachment>().fileName, QString("turn-100.md"));
        QCOMPARE(lookups, 2);
        QCOMPARE(changed.count(), 0);
        // A failed lookup shows no chips and asks again the next time.
        model.setMessages({});
        model.setMessages(*path);
        failing = true;
        QVERIFY(chips(200).isEmpty());
        failing = false;
        QCOMPARE(chips(200)[0].value<MessageAttachment>().fileName, QString("turn-100.md"));
        QCOMPARE(lookups, 4);
    }

    void pageSeparatorRefused() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "ff.db")));
        STORE_OK(c, store->create_conversation({"x", {}, {}, {}}));
        NewAttachment bad = notes();
        bad.pages = {"a\fb"};
        CHECK_ERROR(store->add_message(c->id, std::nullopt, Role::User, "q", {},
                                       std::vector<NewAttachment>{bad}),
                    "form feed");
        // Nothing of the failed message stayed.
        QCOMPARE(count(*store, "messages"), int64_t(0));
        QCOMPARE(count(*store, "attachments"), int64_t(0));
    }

    void searchFindsAttachedText() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "search.db")));
        STORE_OK(c, store->create_conversation({"Trip", {}, {}, {}}));
        NewAttachment plan = notes();
        plan.pages = {"Day one: the ferry to Hiddensee leaves at nine."};
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "What time?", {},
                                       std::vector<NewAttachment>{plan}));
        STORE_OK(hits, store->search("Hiddensee"));
        QCOMPARE(hits->size(), size_t(1));
        QCOMPARE(hits->at(0).message_id, q->id);
        QCOMPARE(hits->at(0).attachment, std::string("notes.md"));
        QVERIFY(hits->at(0).snippet.find(std::string(1, kHighlightStart) + "Hiddensee") !=
                std::string::npos);
        // Words of the message itself are still found as before, without a file name.
        STORE_OK(own, store->search("time"));
        QCOMPARE(own->size(), size_t(1));
        QCOMPARE(own->at(0).attachment, std::string());
    }

    void deletedWithTheirLastMessage() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "delete.db")));
        storetest::SteppingClock clock;
        store->set_clock(std::ref(clock));
        STORE_OK(a, store->create_conversation({"A", {}, {}, {}}));
        STORE_OK(b, store->create_conversation({"B", {}, {}, {}}));
        const std::vector<NewAttachment> files = {report(), notes()};
        CHECK_OK(store->add_message(a->id, std::nullopt, Role::User, "q", {}, files));
        CHECK_OK(store->add_message(b->id, std::nullopt, Role::User, "q", {},
                                    std::vector<NewAttachment>{report()}));
        CHECK_OK(store->delete_conversation(a->id));
        STORE_OK(purged, store->purge_deleted(store->now() + 1));
        QCOMPARE(*purged, int64_t(1));
        // The PDF is still on B's message; the notes went with A's.
        QCOMPARE(count(*store, "attachments"), int64_t(1));
        STORE_OK(none, store->search("only"));
        QVERIFY(none->empty());
        STORE_OK(still, store->search("second"));
        QCOMPARE(still->size(), size_t(1));
        CHECK_OK(store->delete_conversation(b->id));
        CHECK_OK(store->purge_deleted(store->now() + 1));
        QCOMPARE(count(*store, "attachments"), int64_t(0));
        QCOMPARE(count(*store, "attachment_texts"), int64_t(0));
        QCOMPARE(count(*store, "message_attachments"), int64_t(0));
        STORE_OK(gone, store->search("second"));
        QVERIFY(gone->empty());
        QCOMPARE(store->database().pragma("integrity_check").value(), std::string("ok"));
    }

    void exportAndImportByteForByte() {
        STORE_OK(source, ConversationStore::open(storetest::db_path(dir_, "source.db")));
        STORE_OK(c, source->create_conversation({"Archive me", {}, {}, {}}));
        const std::vector<NewAttachment> files = {report(), notes()};
        STORE_OK(q, source->add_message(c->id, std::nullopt, Role::User, "q", {}, files));
        CHECK_OK(source->add_message(c->id, q->id, Role::User, "again", {},
                                     std::vector<NewAttachment>{report("again.pdf")}));
        const int64_t when = 1'700'000'000'000;
        QBuffer first;
        first.open(QIODevice::WriteOnly);
        CHECK_OK(export_json(*source, {}, first, when));
        QVERIFY(first.data().contains("\"attachments\": ["));

        STORE_OK(target, ConversationStore::open(storetest::db_path(dir_, "target.db")));
        STORE_OK(summary, import_json(*target, first.data()));
        QCOMPARE(summary->messages_added, int64_t(2));
        QCOMPARE(count(*target, "attachments"), int64_t(2)); // deduplicated again
        STORE_OK(list, target->list_conversations());
        STORE_OK(path, target->active_path(list->at(0).id));
        QCOMPARE(path->at(0).attachments.size(), size_t(2));
        QCOMPARE(path->at(0).attachments[0].sha256, std::string(kPagesSha256));
        STORE_OK(pages, target->attachment_pages(path->at(0).attachments[0].id));
        QCOMPARE(*pages, kPages);
        QCOMPARE(path->at(1).attachments[0].file_name, std::string("again.pdf"));

        QBuffer second;
        second.open(QIODevice::WriteOnly);
        CHECK_OK(export_json(*target, {}, second, when));
        QCOMPARE(second.data(), first.data());
        // Importing again adds nothing.
        STORE_OK(twice, import_json(*target, first.data()));
        QCOMPARE(twice->messages_added, int64_t(0));
        QCOMPARE(count(*target, "message_attachments"), int64_t(3));
    }

    void importRefusesForgedText() {
        STORE_OK(source, ConversationStore::open(storetest::db_path(dir_, "forge.db")));
        STORE_OK(c, source->create_conversation({"F", {}, {}, {}}));
        CHECK_OK(source->add_message(c->id, std::nullopt, Role::User, "q", {},
                                     std::vector<NewAttachment>{notes()}));
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        CHECK_OK(export_json(*source, {}, out, 0));
        STORE_OK(target, ConversationStore::open(storetest::db_path(dir_, "forge-target.db")));
        QByteArray forged = out.data();
        forged.replace("\"only page\"", "\"another text\"");
        CHECK_ERROR(import_json(*target, forged), "sha256: does not match");
        QByteArray separator = out.data();
        separator.replace("\"only page\"", "\"only\\fpage\"");
        CHECK_ERROR(import_json(*target, separator), "form feed");
        QByteArray kind = out.data();
        kind.replace("\"kind\": \"markdown\"", "\"kind\": \"docx\"");
        CHECK_ERROR(import_json(*target, kind), "kind: expected one of");
        QCOMPARE(count(*target, "messages"), int64_t(0));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_attachments.moc"
