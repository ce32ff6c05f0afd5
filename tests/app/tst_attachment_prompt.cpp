// What the model reads of a question with attached files (app/chat/attachmentprompt.h), and
// the composer's files on their way there. The golden (tests/data/golden/
// attachment-prompt.json) holds the turn written by hand from the documented format and the
// prompt Python's jinja2 renders from it with the tiny Qwen3 model's chat template
// (tests/reference/attachment_prompt_golden.py); nothing in it comes from Hearth's code.
// Checked: the stored question's turn, its rendering by the model's template, the prompt
// the generation pipeline evaluated for a question sent with the two files through the
// chat controller (its token count), token counting by the model, and refusals.
#include "attachmentprompt.h"
#include "chatcontroller.h"
#include "model/model.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using hearth::storage::AttachmentKind;

namespace {

const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";

QJsonObject golden() {
    QFile file(HEARTH_GOLDEN_DIR "/attachment-prompt.json");
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<hearth::storage::NewAttachment> goldenFiles(const QJsonObject& g) {
    std::vector<hearth::storage::NewAttachment> files;
    for (const QJsonValue& f : g["files"].toArray()) {
        hearth::storage::NewAttachment a;
        a.info.file_name = f["name"].toString().toStdString();
        a.info.kind =
            hearth::storage::attachment_kind_from_string(f["kind"].toString().toStdString())
                .value_or(AttachmentKind::Text);
        for (const QJsonValue& page : f["pages"].toArray()) {
            a.pages.push_back(page.toString().toStdString());
        }
        files.push_back(std::move(a));
    }
    return files;
}

} // namespace

class TestAttachmentPrompt : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        golden_ = golden();
        QVERIFY(!golden_.isEmpty());
        dir_ = std::make_unique<QTemporaryDir>();
        QSettings settings(dir_->filePath("settings.ini"), QSettings::IniFormat);
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 4);
        settings.sync();
        chat_ = std::make_unique<ChatController>(ChatController::Options{
            dir_->filePath("conversations.db"), dir_->filePath("settings.ini")});
        tester_ = std::make_unique<QAbstractItemModelTester>(
            chat_->attachments(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup() {
        tester_.reset();
        chat_.reset();
        dir_.reset();
    }

    void storedTurnIsTheDocumentedFormat() {
        auto store =
            hearth::storage::ConversationStore::open(dir_->filePath("turn.db").toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"t", {}, {}, {}});
        QVERIFY(c);
        const auto files = goldenFiles(golden_);
        auto question = store->add_message(c->id, std::nullopt, hearth::storage::Role::User,
                                           golden_["message"].toString().toStdString(), {}, files);
        QVERIFY(question);
        auto turn = storedUserTurn(*store, *question);
        QVERIFY(turn);
        QCOMPARE(QString::fromStdString(*turn), golden_["content"].toString());
        // A message without files reads as its text; files without text as the files.
        auto plain = store->add_message(c->id, question->id, hearth::storage::Role::User, "hi");
        QVERIFY(plain);
        QCOMPARE(*storedUserTurn(*store, *plain), std::string("hi"));
        const AttachmentText one{"a.txt", AttachmentKind::Text, {"no final line break"}};
        QCOMPARE(userTurnWithAttachments("", {&one, 1}),
                 std::string("[File: a.txt]\nno final line break\n[End of file: a.txt]"));
    }

    void templateRendersTheGoldenPrompt() {
        auto model = hearth::Model::load(kQwen3.toStdString());
        QVERIFY(model);
        auto tokenizer = hearth::Tokenizer::load((*model)->file);
        QVERIFY(tokenizer);
        const auto chat = hearth::ChatTemplate::from_gguf((*model)->file, *tokenizer);
        const std::vector<hearth::ChatMessage> messages = {
            {"user", golden_["content"].toString().toStdString(), ""}};
        const hearth::RenderedChat rendered = chat.render(messages, {});
        QCOMPARE(rendered.format, hearth::ChatFormat::Template);
        QCOMPARE(QString::fromStdString(rendered.text), golden_["prompt"].toString());
    }

    void sentQuestionReadsTheGoldenPrompt() {
        load();
        // The two files arrive as the composer reads them (here as text, named as in the
        // golden), are counted by the model, and go with the question.
        const auto files = goldenFiles(golden_);
        QTemporaryDir folder;
        QList<QUrl> urls;
        for (const auto& f : files) {
            if (f.info.kind == AttachmentKind::Pdf) {
                continue; // PDF fixtures: tst_document_text; here the text alone
            }
            QFile out(folder.filePath(QString::fromStdString(f.info.file_name)));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QByteArray::fromStdString(f.pages.front()));
            urls.append(QUrl::fromLocalFile(out.fileName()));
        }
        ComposerAttachments* composer = chat_->attachments();
        composer->addFiles(urls);
        QVERIFY(QTest::qWaitFor([&] { return !composer->busy(); }, 30000));
        QCOMPARE(composer->count(), 1);
        QVERIFY(!composer->estimated());
        const QModelIndex first = composer->index(0);
        QCOMPARE(first.data(ComposerAttachments::FileNameRole).toString(), u"notes.md"_s);
        QCOMPARE(first.data(ComposerAttachments::PagesRole).toInt(), 1);
        QVERIFY(first.data(ComposerAttachments::TokensRole).toInt() > 5);
        QVERIFY(chat_->send(golden_["message"].toString()));
        QCOMPARE(chat_->messages()->count(), 2);
        QVERIFY(QTest::qWaitFor([&] { return !chat_->generating(); }, 60000));
        QCOMPARE(composer->count(), 0); // sent with the question
        const QVariantList shown =
            chat_->messages()
                ->data(chat_->messages()->index(0), MessageListModel::AttachmentsRole)
                .toList();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown[0].value<MessageAttachment>().fileName, u"notes.md"_s);
        QVERIFY(shown[0].value<MessageAttachment>().tokens > 5);
        const qint64 attachment = shown[0].value<MessageAttachment>().attachmentId;
        QCOMPARE(chat_->attachmentText(attachment, u"markdown"_s),
                 QString::fromStdString(files.front().pages.front()));
        QVERIFY(chat_->attachmentSourceExists(shown[0].value<MessageAttachment>().sourcePath));
    }

    void promptTokensMatchTheGolden() {
        load();
        // Both golden files (the PDF as stored pages) in one question, through the store, and
        // answered through the controller: the pipeline evaluates exactly the golden prompt.
        auto store = hearth::storage::ConversationStore::open(
            dir_->filePath("conversations.db").toStdString());
        QVERIFY(store);
        auto c = store->create_conversation({"Ferries", {}, {}, {}});
        QVERIFY(c);
        auto question = store->add_message(c->id, std::nullopt, hearth::storage::Role::User,
                                           golden_["message"].toString().toStdString(), {},
                                           goldenFiles(golden_));
        QVERIFY(question);
        chat_->openConversation(c->id);
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        // (Answers the last message, which is the unanswered question.)
        QVERIFY(chat_->dropOldestAndRetry());
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        auto answer = store->message(finished.first().first().toLongLong());
        QVERIFY(answer && answer->provenance && answer->provenance->prompt_tokens);
        auto model = hearth::Model::load(kQwen3.toStdString());
        auto tokenizer = hearth::Tokenizer::load((*model)->file);
        QVERIFY(tokenizer);
        const QByteArray prompt = golden_["prompt"].toString().toUtf8();
        const auto tokens = tokenizer->encode(
            std::string_view(prompt.constData(), size_t(prompt.size())), false, true);
        QCOMPARE(*answer->provenance->prompt_tokens, int64_t(tokens.size()));
    }

    void refusals() {
        QSignalSpy notices(chat_.get(), &ChatController::noticeChanged);
        ComposerAttachments* composer = chat_->attachments();
        // Not text: refused with the reason, before any model is loaded.
        QTemporaryDir folder;
        QFile binary(folder.filePath("image.png"));
        QVERIFY(binary.open(QIODevice::WriteOnly));
        binary.write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        binary.close();
        composer->addFiles({QUrl::fromLocalFile(binary.fileName())});
        QVERIFY(QTest::qWaitFor([&] { return composer->count() == 0; }, 30000));
        QVERIFY2(chat_->notice().contains(u"PNG"_s), qPrintable(chat_->notice()));
        // Before a model is loaded the count is an estimate.
        composer->addText(u"Some pasted words for the model to read."_s);
        QCOMPARE(composer->count(), 1);
        QVERIFY(composer->estimated());
        QVERIFY(composer->totalTokens() > 0);
        QCOMPARE(composer->index(0).data(ComposerAttachments::FileNameRole).toString(),
                 u"Pasted text.txt"_s);
        // Once loaded, counted by the model; a text longer than its context is refused with
        // the numbers.
        load();
        QVERIFY(QTest::qWaitFor([&] { return !composer->busy(); }, 30000));
        QVERIFY(!composer->estimated());
        QString longText;
        for (int i = 0; i < 400; ++i) {
            longText += u"word%1 "_s.arg(i);
        }
        composer->addText(longText, u"long.txt"_s);
        QVERIFY(QTest::qWaitFor([&] { return composer->count() == 1; }, 30000));
        QVERIFY2(chat_->notice().contains(u"long.txt"_s) && chat_->notice().contains(u"256"_s),
                 qPrintable(chat_->notice()));
        composer->remove(0);
        QCOMPARE(composer->count(), 0);
        QVERIFY(notices.count() >= 2);
    }

private:
    void load() {
        chat_->models()->load(kQwen3);
        QVERIFY(QTest::qWaitFor(
            [&] { return chat_->models()->state() != ModelController::State::Loading; }, 60000));
        QCOMPARE(chat_->models()->state(), ModelController::State::Ready);
    }

    QJsonObject golden_;
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<QAbstractItemModelTester> tester_;
};

QTEST_MAIN(TestAttachmentPrompt)
#include "tst_attachment_prompt.moc"
