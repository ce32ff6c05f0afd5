// What the model sees on a turn with document search, written out by hand from the format
// documented in app/collections/retrievalprompt.h and Qwen2.5's ChatML turns
// (<|im_start|>role\n...<|im_end|>\n), rendered by the model's own template; and the
// citation numbers read back from an answer.
#include "retrievalprompt.h"
#include "text/chat_template.h"

#include <QFile>
#include <QTest>

using namespace hearth::collections;

class TestRetrievalPrompt : public QObject {
    Q_OBJECT

private:
    static QList<Passage> passages() {
        Passage pdf;
        pdf.title = QStringLiteral("Lease agreement.pdf");
        pdf.path = QStringLiteral("/home/u/Documents/Lease agreement.pdf");
        pdf.page = 3;
        pdf.pages = 12;
        pdf.text = QStringLiteral("  The tenant must give three months' notice in writing.\n");
        Passage note;
        note.title = QStringLiteral("moving.md");
        note.path = QStringLiteral("/home/u/Documents/moving.md");
        note.text = QStringLiteral("Notice was sent on 2 May.");
        return {pdf, note};
    }

private slots:
    void goldenPromptOfARetrievalTurn() {
        const QString path =
            QStringLiteral(HEARTH_MODELS_DIR "/templates/Qwen-Qwen2.5-7B-Instruct.jinja");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            QSKIP("the test models' templates are not here (HEARTH_MODELS_DIR)");
        }
        const auto chat =
            hearth::ChatTemplate::from_source(file.readAll().toStdString(), "", "<|im_end|>");
        const QString turn = retrievalTurn(QStringLiteral("  How much notice do I have to give?  "),
                                           passages(), {QStringLiteral("Home")});
        // The conversation as ChatController sends it: the earlier turns as typed, the last
        // question replaced by the retrieval turn.
        const std::vector<hearth::ChatMessage> messages = {
            {"system", "You are a careful assistant.", ""},
            {"user", "Hello", ""},
            {"assistant", "Hello! How can I help?", ""},
            {"user", turn.toStdString(), ""},
        };
        hearth::ChatRenderOptions options;
        const hearth::RenderedChat rendered = chat.render(messages, options);
        QCOMPARE(int(rendered.format), int(hearth::ChatFormat::Template));
        const std::string expected =
            "<|im_start|>system\nYou are a careful assistant.<|im_end|>\n"
            "<|im_start|>user\nHello<|im_end|>\n"
            "<|im_start|>assistant\nHello! How can I help?<|im_end|>\n"
            "<|im_start|>user\n"
            "Answer the question using the numbered sources below, which come from the user's "
            "documents. Cite every source you use by its number in square brackets, like [1]. "
            "If the sources do not answer the question, say so instead of guessing, and never "
            "cite a source that is not listed.\n"
            "\n"
            "[1] Lease agreement.pdf, page 3\n"
            "The tenant must give three months' notice in writing.\n"
            "\n"
            "[2] moving.md\n"
            "Notice was sent on 2 May.\n"
            "\n"
            "Question: How much notice do I have to give?<|im_end|>\n"
            "<|im_start|>assistant\n";
        QCOMPARE(rendered.text, expected);
    }

    void nothingFoundIsSaid() {
        QCOMPARE(retrievalTurn(QStringLiteral("Who won in 1954?"), {},
                               {QStringLiteral("Home"), QStringLiteral("Work")}),
                 QStringLiteral(
                     "The user's documents (\"Home\", \"Work\") were searched for this question "
                     "and nothing relevant was found. Say that the documents do not answer it, "
                     "and cite no sources. If you answer from general knowledge, say so.\n"
                     "\n"
                     "Question: Who won in 1954?"));
    }

    void citationsAreReadBack() {
        QCOMPARE(
            citedNumbers(QStringLiteral("Three months [1]. It was sent [2, 3] and [1][4]."), 4),
            QList<int>({1, 2, 3, 4}));
        QCOMPARE(citedNumbers(QStringLiteral("See [2-4] and [9] and [0] and [x]."), 3),
                 QList<int>({2, 3}));
        QCOMPARE(citedNumbers(QStringLiteral("No citations here."), 3), QList<int>());
        QCOMPARE(citedNumbers(QStringLiteral("[1-999999999]"), 2), QList<int>({1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalPrompt)
#include "tst_retrieval_prompt.moc"
