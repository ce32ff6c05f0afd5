// The readable exports: Markdown (front matter, headings, thinking in <details>, fences kept
// and closed), plain text, and HTML (self-contained, escaped, highlighted, light and dark),
// and the folder layout of exportConversations.
#include "answersources.h"
#include "exporter.h"
#include "fencedblocks.h"
#include "renderers.h"
#include "storetest.h"
#include "streamingmessage.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;
using hearth::Result;

class TestExportFormats : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<ConversationStore> store_;
    int64_t chat_ = 0;
    int64_t empty_ = 0;

    ExportDocument document() {
        auto d = loadExportDocument(*store_, chat_);
        return d ? std::move(d).value() : ExportDocument{};
    }

private slots:
    void initTestCase() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_)));
        store_.emplace(std::move(store).value());
        store_->set_clock(storetest::SteppingClock{});
        STORE_OK(c, store_->create_conversation({"Say \"hi\"\nin C++: <fast>", "code", {}, {}}));
        chat_ = c->id;
        STORE_OK(q, store_->add_message(c->id, std::nullopt, Role::User,
                                        "Show me <script>alert(1)</script> & a loop"));
        STORE_OK(old, store_->add_message(c->id, q->id, Role::Assistant, "an old branch"));
        STORE_OK(a, store_->begin_answer(c->id, q->id, storetest::sample_provenance()));
        CHECK_OK(a->append("Here:\n\n```cpp\nint main() { return 0; } // <ok>\n```\n\nDone.",
                           "They want a loop."));
        CHECK_OK(a->finish(MessageStatus::Done, FinishReason::Eos));
        STORE_OK(q2, store_->add_message(c->id, a->id(), Role::User, "and in python?"));
        STORE_OK(cut, store_->begin_answer(c->id, q2->id, storetest::sample_provenance()));
        CHECK_OK(cut->append("~~~~python\nfor i in range(3):\n    print(i)\n"));
        CHECK_OK(cut->finish(MessageStatus::Stopped, std::nullopt));
        STORE_OK(e, store_->create_conversation({"", {}, {}, {}}));
        empty_ = e->id;
    }

    void splitsCodeFences() {
        const QList<TextBlock> blocks = splitCodeFences(
            QStringLiteral("intro\n  ```rust extra\n  fn x() {}\n```\n~~~\n```not closing\n"
                           "~~~~\n``` a`b\ntail"));
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].text, QStringLiteral("intro"));
        QCOMPARE(blocks[1].language, QStringLiteral("rust"));
        QCOMPARE(blocks[1].text, QStringLiteral("fn x() {}"));      // fence indent removed
        QCOMPARE(blocks[2].text, QStringLiteral("```not closing")); // closed by the longer ~~~~
        QVERIFY(blocks[2].closed);
        QCOMPARE(blocks[3].kind, TextBlock::Kind::Prose); // a backtick in the info: not a fence
        const QList<TextBlock> open = splitCodeFences(QStringLiteral("```py\nx = 1"));
        QCOMPARE(open.size(), 1);
        QVERIFY(!open[0].closed);
        QCOMPARE(open[0].fence, QStringLiteral("```"));
    }

    void markdownHasFrontMatterAndTheShownPath() {
        const QString md = renderMarkdown(document());
        QVERIFY2(md.startsWith(QStringLiteral("---\ntitle: \"Say \\\"hi\\\"\\nin C++: <fast>\"\n"
                                              "id: \"")),
                 qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("\ncreated: 2023-11-14T22:13:21.000Z\n")));
        QVERIFY(md.contains(QStringLiteral("\nmodels: [\"Qwen3 1.7B\"]\nfolder: \"code\"\n---\n")));
        QVERIFY(md.contains(QStringLiteral("## User\n\nShow me <script>")));
        QVERIFY(md.contains(QStringLiteral("## Assistant · Qwen3 1.7B\n\n<details>\n<summary>"
                                           "Thinking</summary>\n\nThey want a loop.\n\n"
                                           "</details>\n\nHere:\n\n```cpp\nint main()")));
        QVERIFY(!md.contains(QStringLiteral("an old branch"))); // not on the shown path
        // The stopped answer's open ~~~~ fence is closed, and the stop noted after it.
        QVERIFY2(md.endsWith(QStringLiteral("    print(i)\n~~~~\n\n*(stopped)*\n")),
                 qPrintable(md.right(80)));
    }

    void plainTextReadsLikeAChat() {
        const QString text = renderPlainText(document());
        QVERIFY(text.startsWith(QStringLiteral("Say \"hi\"\nin C++: <fast>\nCreated 2023-11-14")));
        QVERIFY(text.contains(QStringLiteral("\n--- User ---\nShow me <script>")));
        QVERIFY(text.contains(QStringLiteral("--- Assistant (Qwen3 1.7B) ---\n[Thinking]\nThey "
                                             "want a loop.\n[End of thinking]\nHere:")));
        QVERIFY(text.endsWith(QStringLiteral("(stopped)\n")));
    }

    void htmlIsSelfContainedEscapedAndHighlighted() {
        HtmlRenderer renderer;
        const QString html = renderer.render(document());
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt; &amp;")));
        QVERIFY(html.contains(QStringLiteral("<title>Say &quot;hi&quot;\nin C++: &lt;fast&gt;")));
        for (const char* external :
             {"<script", "<link", "src=", "url(", "@import", "http:", "https:"}) {
            QVERIFY2(!html.contains(QLatin1String(external)), external);
        }
        QVERIFY(html.contains(QStringLiteral("@media (prefers-color-scheme: dark)")));
        // The app's colours: its orange accent in both palettes, not another one.
        QVERIFY(html.contains(QStringLiteral("--accent:#b4460f;")));
        QVERIFY(html.contains(QStringLiteral("--accent:#f59e5b;")));
        QVERIFY(html.contains(QStringLiteral("<details class=\"thinking\">")));
        // Highlighted runs inside the code, and a light and a dark rule for each class.
        static const QRegularExpression span(QStringLiteral("<span class=\"(hl-\\d+)\">"));
        QSet<QString> classes;
        for (const QRegularExpressionMatch& m : span.globalMatch(html)) {
            classes.insert(m.captured(1));
        }
        QVERIFY2(classes.size() >= 3, qPrintable(html));
        for (const QString& c : classes) {
            QCOMPARE(html.count(QLatin1Char('.') + c + QLatin1Char('{')), 2);
        }
        QVERIFY(html.contains(QStringLiteral("&lt;ok&gt;"))); // the comment, escaped
        QVERIFY(!html.contains(QStringLiteral("an old branch")));
        QVERIFY(html.contains(QStringLiteral("(stopped)")));
    }

    void unknownLanguageIsOnlyEscaped() {
        ExportDocument d;
        d.conversation.title = "x";
        Message m;
        m.role = Role::Assistant;
        m.content = "```nosuchlanguage\n<b>if</b>\n```";
        d.messages.push_back(m);
        HtmlRenderer renderer;
        const QString html = renderer.render(d);
        QVERIFY(html.contains(QStringLiteral("<code>&lt;b&gt;if&lt;/b&gt;</code>")));
        QVERIFY(!html.contains(QStringLiteral("<span class=\"hl-")));
    }

    void exportsEveryFormatIntoAFolder_data() {
        QTest::addColumn<QString>("format");
        for (const char* f : {"md", "json", "html", "txt"}) {
            QTest::newRow(f) << QString::fromLatin1(f);
        }
    }

    void exportsEveryFormatIntoAFolder() {
        QFETCH(QString, format);
        const std::optional<ExportFormat> chosen = exportFormatFromName(format);
        QVERIFY(chosen.has_value());
        const QString folder = dir_.filePath(QStringLiteral("out-") + format);
        std::vector<int64_t> progress;
        STORE_OK(all, exportConversations(*store_, *chosen, folder, std::nullopt,
                                          [&](int64_t done, int64_t) {
                                              progress.push_back(done);
                                              return true;
                                          }));
        QCOMPARE(all->conversations, 2);
        QCOMPARE(progress.back(), int64_t(2));
        const QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
        if (*chosen == ExportFormat::Json) {
            QCOMPARE(files, QStringList{QStringLiteral("hearth-conversations.json")});
        } else {
            QCOMPARE(files.size(), 2);
            QVERIFY2(
                files.filter(QRegularExpression(QStringLiteral("^say-hi-in-c-fast-[0-9a-f]{8}\\.") +
                                                format + u'$'))
                        .size() == 1,
                qPrintable(files.join(u' ')));
            QVERIFY(files.filter(QStringLiteral("conversation-")).size() == 1); // no title
        }
        STORE_OK(uuid, store_->conversation(chat_));
        STORE_OK(found, findConversation(*store_, QString::fromStdString(uuid->uuid.substr(0, 8))));
        QCOMPARE(*found, chat_);
        STORE_OK(one,
                 exportConversations(*store_, *chosen, folder + QStringLiteral("/one"), *found));
        QCOMPARE(one->files.size(), qsizetype(1));
        QVERIFY(one->files.front().endsWith(QLatin1Char('.') + format));
    }

    // Every branch in tree order: each version, then what continues from it; versions of a
    // message inside another version name the branch they are in.
    void allBranchesInTreeOrder() {
        STORE_OK(c, store_->create_conversation({"tree", {}, {}, {}}));
        STORE_OK(q, store_->add_message(c->id, std::nullopt, Role::User, "Q"));
        STORE_OK(a1, store_->add_message(c->id, q->id, Role::Assistant, "A1"));
        STORE_OK(b1, store_->add_message(c->id, a1->id, Role::User, "B1"));
        STORE_OK(b2, store_->add_message(c->id, a1->id, Role::User, "B2"));
        STORE_OK(b2a, store_->add_message(c->id, b2->id, Role::Assistant, "B2-answer"));
        STORE_OK(a2, store_->add_message(c->id, q->id, Role::Assistant, "A2"));
        STORE_OK(d, loadExportDocument(*store_, c->id, Export::AllBranches));
        QStringList order;
        QStringList labels;
        for (size_t i = 0; i < d->messages.size(); ++i) {
            order << QString::fromStdString(d->messages[i].content);
            labels << versionLabel(d->messages[i], branchMark(*d, i));
        }
        QCOMPARE(order, (QStringList{"Q", "A1", "B1", "B2", "B2-answer", "A2"}));
        QCOMPARE(
            labels,
            (QStringList{"", "Answer, version 1 of 2", "Message, version 1 of 2 (in branch 1)",
                         "Message, version 2 of 2 (in branch 1)", "", "Answer, version 2 of 2"}));
        QCOMPARE(branchMark(*d, 4).branch, QStringLiteral("1.2")); // B2's answer, in B2's branch
        QCOMPARE(branchMark(*d, 4).depth, 2);
        const QString text = renderPlainText(*d);
        QVERIFY(text.contains(
            QStringLiteral("=== Answer, version 2 of 2 ===\n\n--- Assistant ---\nA2")));
        STORE_OK(shown, loadExportDocument(*store_, c->id));
        QCOMPARE(shown->messages.size(), size_t(2)); // Q and the last answer, A2
        QVERIFY(shown->marks.empty());
        QVERIFY(!renderMarkdown(*shown).contains(QStringLiteral("version")));
        CHECK_OK(store_->delete_conversation(c->id));
        (void)b1;
        (void)b2a;
        (void)a2;
    }

    void namingAConversation() {
        STORE_OK(byRow, findConversation(*store_, QString::number(empty_)));
        QCOMPARE(*byRow, empty_);
        CHECK_ERROR(findConversation(*store_, QStringLiteral("999")),
                    "no conversation with id 999");
        CHECK_ERROR(findConversation(*store_, QStringLiteral("abc")),
                    "no conversation with id abc");
        QVERIFY(!exportFormatFromName(QStringLiteral("pdf")));
    }

    void attachmentsAreListedAndIncluded() {
        STORE_OK(c, store_->create_conversation({"With files", {}, {}, {}}));
        NewAttachment code;
        code.info.file_name = "fence.md";
        code.info.kind = AttachmentKind::Markdown;
        code.pages = {"Text with a fence:\n```\nnot the end <b>\n````\n"};
        NewAttachment pdf;
        pdf.info.file_name = "report.pdf";
        pdf.info.kind = AttachmentKind::Pdf;
        pdf.pages = {"Page one.", "Page two."};
        const std::vector<NewAttachment> files = {code, pdf};
        CHECK_OK(store_->add_message(c->id, std::nullopt, Role::User, "Compare them", {}, files));
        auto loaded = loadExportDocument(*store_, c->id);
        QVERIFY(loaded);
        const QString md = renderMarkdown(*loaded);
        QVERIFY2(md.contains(QStringLiteral("## User\n\nCompare them\n\n**Attached:** fence.md "
                                            "(1 page), report.pdf (2 pages)\n")),
                 qPrintable(md));
        // The fence is longer than any run of backticks in the file: five here.
        QVERIFY2(md.contains(QStringLiteral("<summary>fence.md</summary>\n\n`````text\nText with "
                                            "a fence:\n```\nnot the end <b>\n````\n`````\n")),
                 qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("```text\nPage one.\n\nPage two.\n```\n")));
        const QString text = renderPlainText(*loaded);
        QVERIFY2(text.contains(QStringLiteral("Compare them\n[Attached file: fence.md, 1 page]\n"
                                              "Text with a fence:")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("[Attached file: report.pdf, 2 pages]\nPage one.\n\n"
                                             "Page two.\n[End of report.pdf]\n")));
        HtmlRenderer renderer;
        const QString html = renderer.render(*loaded);
        QVERIFY2(html.contains(QStringLiteral("<details class=\"attachment\"><summary>fence.md "
                                              "<span>1 page</span></summary><pre>Text with a "
                                              "fence:\n```\nnot the end &lt;b&gt;")),
                 qPrintable(html));
    }

    // Under each answer made with document search, the sources it cites by file name (the
    // page for a paged file), all of them when it cites none, or that nothing was found;
    // never a path or a link. Goldens written by hand.
    void answerSourcesAreListed() {
        STORE_OK(c, store_->create_conversation({"Lease", {}, {}, {}}));
        STORE_OK(q1, store_->add_message(c->id, std::nullopt, Role::User, "notice?"));
        STORE_OK(a1, store_->add_message(c->id, q1->id, Role::Assistant,
                                         "Three months [2], by post [3]."));
        STORE_OK(q2, store_->add_message(c->id, a1->id, Role::User, "sure?"));
        STORE_OK(a2, store_->add_message(c->id, q2->id, Role::Assistant, "Probably."));
        STORE_OK(q3, store_->add_message(c->id, a2->id, Role::User, "rent?"));
        STORE_OK(a3, store_->add_message(c->id, q3->id, Role::Assistant, "Not in your files."));
        AnswerSearch search;
        search.collections = {"Home"};
        search.sources.push_back({1, "u1", "/docs/notes.md", "Notes", 1, 1, 0, "a"});
        search.sources.push_back({2, "u1", "/docs/Lease.pdf", "Mietvertrag", 3, 12, 40, "b"});
        search.sources.push_back({3, "u1", "/docs/<b>_x_&.md", "<b>_x_&.md", 1, 1, 9, "c"});
        CHECK_OK(save_answer_search(store_->database(), a1->id, search));
        CHECK_OK(save_answer_search(store_->database(), a2->id, search));
        CHECK_OK(save_answer_search(store_->database(), a3->id, {{"Home", "Work <2>"}, {}}));
        auto loaded = loadExportDocument(*store_, c->id);
        QVERIFY(loaded);

        const QString md = renderMarkdown(*loaded);
        QVERIFY2(md.contains(QStringLiteral("Three months [2], by post [3].\n\n**Sources:** [2] "
                                            "Lease.pdf, page 3; [3] &lt;b>\\_x\\_&amp;.md\n")),
                 qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("Probably.\n\n**Sources given to the model:** [1] "
                                           "notes.md; [2] Lease.pdf, page 3; [3] &lt;b>\\_x\\_"
                                           "&amp;.md\n")));
        QVERIFY(md.contains(QStringLiteral("Not in your files.\n\n**Sources:** none found in "
                                           "Home, Work &lt;2>\n")));
        QCOMPARE(md.count(QStringLiteral("Sources")), 3); // none under the questions

        const QString text = renderPlainText(*loaded);
        QVERIFY2(text.contains(QStringLiteral("Three months [2], by post [3].\nSources: [2] "
                                              "Lease.pdf, page 3; [3] <b>_x_&.md\n")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Probably.\nSources given to the model: [1] notes.md; "
                                             "[2] Lease.pdf, page 3; [3] <b>_x_&.md\n")));
        QVERIFY(text.contains(
            QStringLiteral("Not in your files.\nSources: none found in Home, Work <2>\n")));

        HtmlRenderer renderer;
        const QString html = renderer.render(*loaded);
        QVERIFY2(html.contains(QStringLiteral("<p class=\"sources\">Sources: [2] Lease.pdf, page "
                                              "3; [3] &lt;b&gt;_x_&amp;.md</p>")),
                 qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<p class=\"sources\">Sources: none found in Home, "
                                             "Work &lt;2&gt;</p>")));
        QVERIFY(!html.contains(QStringLiteral("/docs/")));
        QVERIFY(!html.contains(QStringLiteral("file:")));
        QVERIFY(!md.contains(QStringLiteral("/docs/")));
    }

    void cleanupTestCase() { store_.reset(); }
};

QTEST_GUILESS_MAIN(TestExportFormats)
#include "tst_export_formats.moc"
