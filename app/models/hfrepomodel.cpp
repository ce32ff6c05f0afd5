#include "hfrepomodel.h"

HfRepoModel::HfRepoModel(QObject* parent) : QAbstractListModel(parent) {
    whenLanguageChanges(this, [this] {
        if (count() > 0) {
            emit dataChanged(index(0), index(count() - 1), {ProblemRole});
        }
    });
}

int HfRepoModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> HfRepoModel::roleNames() const {
    return {{NameRole, "name"},
            {QuantRole, "quant"},
            {QuantMismatchRole, "quantMismatch"},
            {SizeRole, "sizeBytes"},
            {PartsRole, "parts"},
            {FitRole, "fit"},
            {RunnableRole, "runnable"},
            {ProblemRole, "problem"},
            {CheckedRole, "headerChecked"},
            {CheckingRole, "checking"},
            {ArchitectureRole, "architecture"},
            {ContextRole, "contextLength"},
            {LicenseRole, "license"}};
}

const GgufInfo* HfRepoModel::infoFor(int row) const {
    const Row& r = rows_[row];
    return r.info ? &*r.info : repoInfo_ ? &*repoInfo_ : nullptr;
}

HfRepoModel::Runnable HfRepoModel::runnable(int row) const {
    const GgufInfo* info = infoFor(row);
    return info == nullptr ? RunsUnknown : info->runnable ? Runs : DoesNotRun;
}

ModelFit::Fit HfRepoModel::fit(int row) const {
    // The catalog's estimate, with what the header says about the cache when it was read.
    CatalogEntry entry;
    for (const HfFile& part : rows_[row].file.parts) {
        entry.files.append({{}, part.path, part.size, false, part.sha256});
    }
    const GgufInfo* info = infoFor(row);
    entry.contextLength =
        info != nullptr && info->contextLength > 0 ? info->contextLength : kDefaultContextTokens;
    entry.kvCache = info != nullptr ? info->kvCache : std::nullopt;
    return estimateFit(requiredBytes(entry), memory_,
                       estimatedTokensPerSecond(entry.totalSize(), readGBs_));
}

QVariant HfRepoModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int row = index.row();
    const Row& r = rows_[row];
    const GgufInfo* info = infoFor(row);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.file.name;
    case QuantRole:
        return r.info && !r.info->quant.isEmpty() ? r.info->quant : r.file.quant;
    case QuantMismatchRole:
        return r.info && !r.file.quant.isEmpty() &&
               r.info->quant.compare(r.file.quant, Qt::CaseInsensitive) != 0;
    case SizeRole:
        return r.file.totalSize();
    case PartsRole:
        return int(r.file.parts.size());
    case FitRole:
        return int(fit(row));
    case RunnableRole:
        return int(runnable(row));
    case ProblemRole:
        return info != nullptr && !info->runnable ? info->problem.toString() : QString();
    case CheckedRole:
        return r.info.has_value();
    case CheckingRole:
        return r.checking;
    case ArchitectureRole:
        return info != nullptr ? info->architecture : QString();
    case ContextRole:
        return info != nullptr ? info->contextLength : 0;
    case LicenseRole:
        return info != nullptr ? info->license : QString();
    default:
        return {};
    }
}

void HfRepoModel::setMemory(const MemoryBudget& budget, double readGBs) {
    memory_ = budget;
    readGBs_ = readGBs;
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1), {FitRole});
    }
}

void HfRepoModel::setModels(const QList<HfModelFile>& models) {
    beginResetModel();
    rows_.clear();
    repoInfo_.reset();
    for (const HfModelFile& model : models) {
        rows_.append({model, std::nullopt, false});
    }
    endResetModel();
    emit countChanged();
}

int HfRepoModel::rowOfPath(const QString& path) const {
    for (int row = 0; row < count(); ++row) {
        if (rows_[row].file.parts.first().path == path) {
            return row;
        }
    }
    return -1;
}

void HfRepoModel::setHeader(int row, const GgufInfo& info) {
    if (row < 0 || row >= count()) {
        return;
    }
    rows_[row].info = info;
    rows_[row].checking = false;
    const bool first = !repoInfo_ && info.valid;
    if (first) {
        repoInfo_ = info;
    }
    // The first header read speaks for every row not read yet; later ones only for their own.
    const int from = first ? 0 : row, to = first ? count() - 1 : row;
    emit dataChanged(index(from), index(to));
}

void HfRepoModel::setChecking(int row, bool checking) {
    if (row >= 0 && row < count() && rows_[row].checking != checking) {
        rows_[row].checking = checking;
        emit dataChanged(index(row), index(row), {CheckingRole});
    }
}
