// System-prompt presets ("personas") the user picks per conversation: a few to start with
// (Helpful assistant, Translator, Tutor for children, Code reviewer) that the user can edit,
// delete and add to. Kept in QSettings as the array "personas" (name, prompt); until the
// user changes anything the built-in ones are shown in the user's language.
#pragma once

#include <QAbstractListModel>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

class PersonaModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.personas")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, PromptRole };
    Q_ENUM(Role)

    PersonaModel(QSettings* settings, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }

    Q_INVOKABLE void add(const QString& name, const QString& prompt);
    Q_INVOKABLE void update(int row, const QString& name, const QString& prompt);
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE QString prompt(int row) const;
    // The row whose prompt is `prompt`, or -1 (a prompt from elsewhere, or none).
    Q_INVOKABLE int indexOfPrompt(const QString& prompt) const;

signals:
    void countChanged();

private:
    struct Persona {
        QString name;
        QString prompt;
    };
    static QList<Persona> builtIn();
    void save();

    QSettings* settings_;
    QList<Persona> rows_;
};
