// The blocks of one assistant answer as a list model for QML: prose (Markdown, with single
// line breaks kept as the exports keep them), code (with its language), display math (the
// LaTeX; "closed" once its closing delimiter arrived), updated as text
// streams in. Only the rows that changed are signalled:
// while streaming that is the last row and the changed roles only.
#pragma once

#include "blocksplitter.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class MessageBlockModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)

public:
    enum Role { KindRole = Qt::UserRole + 1, TextRole, LanguageRole, ClosedRole };
    Q_ENUM(Role)

    explicit MessageBlockModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString text() const { return text_; }
    // Replaces the text; a text that extends the current one is appended (streaming), so
    // only the last rows change. The text may still be streaming: see finish().
    void setText(const QString& text);
    // Adds streamed text to the end.
    Q_INVOKABLE void appendText(const QString& delta);
    // The stream ended: an unterminated last line counts.
    Q_INVOKABLE void finish();

signals:
    void textChanged();

private:
    void publish(qsizetype first_changed);

    BlockSplitter splitter_;
    QList<MessageBlock> rows_; // what the views have been told about
    QString text_;
};
