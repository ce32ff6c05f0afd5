#include "personamodel.h"

#include "trtext.h"

PersonaModel::PersonaModel(QSettings* settings, QObject* parent)
    : QAbstractListModel(parent), settings_(settings) {
    const int n = settings_->beginReadArray(QStringLiteral("personas"));
    for (int i = 0; i < n; ++i) {
        settings_->setArrayIndex(i);
        rows_.append({settings_->value("name").toString(), settings_->value("prompt").toString()});
    }
    settings_->endArray();
    if (!settings_->contains(QStringLiteral("personas/size"))) {
        rows_ = builtIn();
    }
    // Until the user changed them, the built-in personas follow the interface language.
    whenLanguageChanges(this, [this] {
        if (!settings_->contains(QStringLiteral("personas/size")) && count() > 0) {
            rows_ = builtIn();
            emit dataChanged(index(0), index(count() - 1));
        }
    });
}

QList<PersonaModel::Persona> PersonaModel::builtIn() {
    return {
        {tr("Helpful assistant"),
         tr("You are a helpful, friendly assistant. Answer clearly and briefly, and say so "
            "when you are not sure.")},
        {tr("Translator"),
         tr("You are a translator. Translate what the user writes into the language they ask "
            "for (English if they do not say), keeping the meaning and tone. Reply with the "
            "translation only.")},
        {tr("Tutor for children"),
         tr("You are a patient tutor for a child of about ten. Explain step by step with "
            "simple words and everyday examples, ask a small question back to check "
            "understanding, and never give answers that are unsafe for children.")},
        {tr("Code reviewer"),
         tr("You are an experienced code reviewer. Point out bugs, unclear names and missing "
            "error handling first, then style. Quote the lines you mean and suggest the "
            "change.")},
    };
}

int PersonaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant PersonaModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Persona& p = rows_[index.row()];
    return role == NameRole || role == Qt::DisplayRole ? QVariant(p.name)
           : role == PromptRole                        ? QVariant(p.prompt)
                                                       : QVariant();
}

QHash<int, QByteArray> PersonaModel::roleNames() const {
    return {{NameRole, "name"}, {PromptRole, "prompt"}};
}

void PersonaModel::add(const QString& name, const QString& prompt) {
    if (name.trimmed().isEmpty()) {
        return;
    }
    beginInsertRows({}, count(), count());
    rows_.append({name.trimmed(), prompt.trimmed()});
    endInsertRows();
    save();
    emit countChanged();
}

void PersonaModel::update(int row, const QString& name, const QString& prompt) {
    if (row < 0 || row >= count() || name.trimmed().isEmpty()) {
        return;
    }
    rows_[row] = {name.trimmed(), prompt.trimmed()};
    emit dataChanged(index(row), index(row));
    save();
}

void PersonaModel::remove(int row) {
    if (row < 0 || row >= count()) {
        return;
    }
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    save();
    emit countChanged();
}

QString PersonaModel::prompt(int row) const {
    return row >= 0 && row < count() ? rows_[row].prompt : QString();
}

int PersonaModel::indexOfPrompt(const QString& prompt) const {
    for (int i = 0; i < count(); ++i) {
        if (rows_[i].prompt == prompt) {
            return i;
        }
    }
    return -1;
}

void PersonaModel::save() {
    settings_->beginWriteArray(QStringLiteral("personas"), count());
    for (int i = 0; i < count(); ++i) {
        settings_->setArrayIndex(i);
        settings_->setValue("name", rows_[i].name);
        settings_->setValue("prompt", rows_[i].prompt);
    }
    settings_->endArray();
}
