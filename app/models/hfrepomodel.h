// The GGUF files of one Hugging Face repository as a list for QML: one row per model (a split
// model's parts are one row), with its quant, size, the fit label and, once its header has
// been read (HfClient::readHeader), what the engine thinks of it.
//
// Before a row's own header is read, the architecture and the configuration come from another
// file of the same repository that was read (quantizations of one model share them), and the
// row says so (checked = false); its quant is then the one its file name states.
#pragma once

#include "ggufinspector.h"
#include "hfapi.h"
#include "modelfit.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <optional>

class HfRepoModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.huggingFace.files")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Runnable { RunsUnknown, Runs, DoesNotRun };
    Q_ENUM(Runnable)

    enum Role {
        NameRole = Qt::UserRole + 1,
        QuantRole,         // from the header when read, else from the file name
        QuantMismatchRole, // the header's quant differs from what the name says
        SizeRole,          // bytes, every part
        PartsRole,         // 1, or the parts of a split model
        FitRole,           // ModelFit::Fit
        RunnableRole,      // Runnable
        ProblemRole,       // why it does not run, for people
        CheckedRole,       // this row's own header was read
        CheckingRole,      // its header is being read
        ArchitectureRole,
        ContextRole, // tokens, 0 unknown
        LicenseRole,
    };
    Q_ENUM(Role)

    explicit HfRepoModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }

    void setMemory(const MemoryBudget& budget, double readGBs);
    void setModels(const QList<HfModelFile>& models);
    void clear() { setModels({}); }
    const HfModelFile& model(int row) const { return rows_[row].file; }
    // The row whose first part is at `path` in the repository; -1 when none.
    int rowOfPath(const QString& path) const;
    // A row's header was read: it holds for that row and, until their own are read, others.
    void setHeader(int row, const GgufInfo& info);
    void setChecking(int row, bool checking);
    Runnable runnable(int row) const;

signals:
    void countChanged();

private:
    struct Row {
        HfModelFile file;
        std::optional<GgufInfo> info; // its own header
        bool checking = false;
    };
    const GgufInfo* infoFor(int row) const; // its own, else the repository's
    ModelFit::Fit fit(int row) const;

    QList<Row> rows_;
    std::optional<GgufInfo> repoInfo_; // the first header read in this repository
    MemoryBudget memory_;
    double readGBs_ = 0;
};
