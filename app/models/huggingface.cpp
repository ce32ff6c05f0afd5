#include "huggingface.h"

HuggingFace::HuggingFace(HfClient* client, DownloadManager* downloads, QObject* parent)
    : QObject(parent), client_(client), downloads_(downloads), results_(new HfSearchModel(this)),
      files_(new HfRepoModel(this)) {
    files_->setMemory(systemMemory(), 0);
    connect(client_, &HfClient::searched, this, [this](const QList<HfModelHit>& hits) {
        results_->setHits(hits);
        setBusy(false);
        setMessage(hits.isEmpty() ? text(QT_TR_NOOP("No GGUF models on Hugging Face match "
                                                    "this search."))
                                  : TrText());
    });
    connect(client_, &HfClient::listed, this, &HuggingFace::onListed);
    connect(client_, &HfClient::headerRead, this, &HuggingFace::onHeaderRead);
    connect(client_, &HfClient::failed, this,
            [this](HfClient::Request request, const TrText& message, int) {
                onFailed(request, message);
            });
    whenLanguageChanges(this, [this] { emit messageChanged(); });
}

void HuggingFace::submit(const QString& input) {
    const HfQuery query = parseHfQuery(input);
    if (query.text.isEmpty()) {
        return;
    }
    switch (query.kind) {
    case HfQuery::Kind::Search:
        client_->cancel();
        setMessage({});
        setBusy(true);
        setView(Results);
        client_->search(query.text);
        break;
    case HfQuery::Kind::Repository:
        listFiles(query.repo, QStringLiteral("main"), {});
        break;
    case HfQuery::Kind::File:
        listFiles(query.repo, query.revision, query.file);
        break;
    }
}

void HuggingFace::open(const QString& repo) {
    if (isValidRepoId(repo)) {
        listFiles(repo, QStringLiteral("main"), {});
    }
}

void HuggingFace::listFiles(const QString& repo, const QString& revision, const QString& file) {
    client_->cancel();
    checkingRow_ = -1;
    repo_ = repo;
    revision_ = revision;
    wantedFile_ = file;
    files_->clear();
    setMessage({});
    setBusy(true);
    setView(Files);
    client_->listFiles(repo, revision);
}

void HuggingFace::back() {
    client_->cancel();
    checkingRow_ = -1;
    setBusy(false);
    setMessage({});
    setView(results_->count() > 0 ? Results : Start);
}

void HuggingFace::onListed(const QString& repo, const QString& revision,
                           const QList<HfFile>& files) {
    setBusy(false);
    QStringList incomplete;
    const QList<HfModelFile> models = groupHfModels(files, &incomplete);
    files_->setModels(models);
    if (models.isEmpty()) {
        setMessage(incomplete.isEmpty()
                       ? text(QT_TR_NOOP("%1 has no GGUF files. Hearth runs GGUF models only; "
                                         "look for a repository whose name ends in GGUF."),
                              {repo})
                       : text(QT_TR_NOOP("%1 has only incomplete split models (%2)."),
                              {repo, incomplete.join(QStringLiteral(", "))}));
        return;
    }
    Q_UNUSED(revision)
    int row = wantedFile_.isEmpty() ? 0 : files_->rowOfPath(wantedFile_);
    if (row < 0) {
        setMessage(text(QT_TR_NOOP("%1 has no file %2; its other GGUF files are listed."),
                        {repo, wantedFile_}));
        row = 0;
    }
    check(row); // one header tells what the repository's model is
}

void HuggingFace::check(int row) {
    if (row < 0 || row >= files_->count() || checkingRow_ >= 0) {
        return;
    }
    const HfFile& first = files_->model(row).parts.first();
    checkingRow_ = row;
    files_->setChecking(row, true);
    setBusy(true);
    client_->readHeader(hfFileUrl(client_->hub(), repo_, revision_, first.path), first.size);
}

void HuggingFace::onHeaderRead(const QUrl&, const GgufInfo& info) {
    const int row = checkingRow_;
    checkingRow_ = -1;
    setBusy(false);
    files_->setHeader(row, info);
}

void HuggingFace::onFailed(HfClient::Request request, const TrText& message) {
    if (request == HfClient::Request::Header) {
        files_->setChecking(checkingRow_, false);
        checkingRow_ = -1;
    }
    setBusy(false);
    setMessage(message);
}

bool HuggingFace::download(int row) {
    if (row < 0 || row >= files_->count()) {
        return false;
    }
    if (files_->runnable(row) == HfRepoModel::DoesNotRun) {
        setMessage(text(QT_TR_NOOP("Hearth cannot run this model: %1"),
                        {files_->data(files_->index(row), HfRepoModel::ProblemRole).toString()}));
        return false;
    }
    const HfModelFile& model = files_->model(row);
    // All parts of a split model must fit together, not just each on its own.
    if (const TrText problem = downloads_->spaceProblem(model.name, model.totalSize());
        !problem.isEmpty()) {
        setMessage(problem);
        return false;
    }
    QStringList queued;
    for (const HfFile& part : model.parts) {
        TrText error;
        const DownloadManager::Request request{
            hfFileUrl(client_->hub(), repo_, revision_, part.path), QStringLiteral("hf:") + repo_,
            part.size, false, part.sha256};
        if (!downloads_->enqueue(request, &error)) {
            for (const QString& name : std::as_const(queued)) {
                downloads_->cancel(name); // half a split model is of no use
            }
            setMessage(error);
            return false;
        }
        queued.append(request.url.fileName());
    }
    setMessage({});
    return true;
}

void HuggingFace::setBusy(bool busy) {
    if (busy_ != busy) {
        busy_ = busy;
        emit busyChanged();
    }
}

void HuggingFace::setView(View view) {
    view_ = view;
    emit viewChanged();
}

void HuggingFace::setMessage(const TrText& message) {
    if (!(message == message_)) {
        message_ = message;
        emit messageChanged();
    }
}

TrText HuggingFace::text(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}
