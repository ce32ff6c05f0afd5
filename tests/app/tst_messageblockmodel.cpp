// MessageBlockModel under QAbstractItemModelTester: streaming updates signal only the rows
// and roles that changed, and a fence that takes back a provisional prose row replaces that
// row (removed and inserted: views choose delegates by kind, so kinds never change in place).
#include "messageblockmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>
#include <QTextList>

class TestMessageBlockModel : public QObject {
    Q_OBJECT

private slots:
    void streamingSignalsOnlyTheLastRow() {
        MessageBlockModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        model.appendText("Hello");
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.count(), 1);
        model.appendText(" world\n\n");
        QCOMPARE(changed.count(), 1);
        const auto roles = changed.last().at(2).value<QList<int>>();
        QCOMPARE(roles, QList<int>{MessageBlockModel::TextRole});
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);

        model.appendText("```cpp\nint x;\n");
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(MessageBlockModel::KindRole).toString(), QString("code"));
        QCOMPARE(model.index(1).data(MessageBlockModel::LanguageRole).toString(), QString("cpp"));
        changed.clear();
        model.appendText("int y;\n");
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 1); // the prose row is untouched
        model.appendText("```\n");
        QCOMPARE(model.index(1).data(MessageBlockModel::ClosedRole).toBool(), true);
        QCOMPARE(model.index(1).data(MessageBlockModel::TextRole).toString(),
                 QString("int x;\nint y;"));
    }

    void fenceRemovesItsProvisionalRow() {
        MessageBlockModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.appendText("```");
        QCOMPARE(model.index(0).data(MessageBlockModel::KindRole).toString(), QString("prose"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendText("\n");
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(MessageBlockModel::KindRole).toString(), QString("code"));

        MessageBlockModel second;
        QAbstractItemModelTester tester2(&second,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed2(&second, &QAbstractItemModel::rowsRemoved);
        second.appendText("```\nx\n```\n```");
        QCOMPARE(second.rowCount(), 2);
        second.appendText("\n");
        QCOMPARE(removed2.count(), 1);
        QCOMPARE(second.rowCount(), 2);
        QCOMPARE(second.index(1).data(MessageBlockModel::KindRole).toString(), QString("code"));
    }

    // The answer keeps its single line breaks as the HTML and text exports do: Markdown
    // would join "Roses are red,\nviolets are blue." into one line.
    void proseKeepsItsLineBreaks() {
        MessageBlockModel model;
        model.setText("Roses are red,\nviolets are blue.\n\n- one\n- two\n\n```\na\nb\n```\n");
        QCOMPARE(model.rowCount(), 2);
        const QString prose = model.index(0).data(MessageBlockModel::TextRole).toString();
        QCOMPARE(model.index(1).data(MessageBlockModel::TextRole).toString(), QString("a\nb"));
        QTextDocument document;
        document.setMarkdown(prose);
        const QString shown = document.toPlainText(); // a line break, not a space
        QVERIFY2(shown.startsWith("Roses are red,\nviolets are blue."), qPrintable(shown));
        int items = 0; // the list stays a list of two items
        for (QTextBlock b = document.begin(); b.isValid(); b = b.next()) {
            items += b.textList() != nullptr ? 1 : 0;
        }
        QCOMPARE(items, 2);
    }

    void setTextResets() {
        MessageBlockModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy text(&model, &MessageBlockModel::textChanged);
        model.setText("a\n```\nb\n```\nc");
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(MessageBlockModel::TextRole).toString(), QString("c"));
        QCOMPARE(text.count(), 1);
        model.setText("a\n```\nb\n```\nc"); // unchanged: no reset
        QCOMPARE(text.count(), 1);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setText("a\n```\nb\n```\ncd"); // extends the text: an append, not a reset
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(2).data(MessageBlockModel::TextRole).toString(), QString("cd"));
        model.setText("other"); // anything else resets
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestMessageBlockModel)
#include "tst_messageblockmodel.moc"
