#include "TransferQueue.h"

#include "backend/FileTransfer.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

namespace hangar {

namespace {

QString baseName(const QString& path) {
    const QString trimmed =
        path.endsWith(QLatin1Char('/')) && path.size() > 1 ? path.chopped(1) : path;
    return trimmed.mid(trimmed.lastIndexOf(QLatin1Char('/')) + 1);
}

QString joinRemote(const QString& dir, const QString& name) {
    return dir.endsWith(QLatin1Char('/')) ? QString(dir + name)
                                          : QString(dir + QLatin1Char('/') + name);
}

bool ended(TransferQueue::State state) {
    return state != TransferQueue::State::Queued && state != TransferQueue::State::Running;
}

} // namespace

TransferQueue::TransferQueue(SandboxTools& tools, QObject* parent)
    : QAbstractTableModel(parent)
    , m_tools(tools) {
    qRegisterMetaType<hangar::TransferQueue::Direction>();
}

TransferQueue::~TransferQueue() {
    // Transfers still running would write into devices that go with the jobs.
    for (Job& j : m_jobs) {
        if (j.transfer)
            j.transfer->disconnect(this);
        if (j.transfer)
            j.transfer->cancel();
    }
}

int TransferQueue::download(const QString& sandboxId, const QString& remotePath,
                            const QString& localPath, bool isDir) {
    Job j;
    j.direction = Direction::Download;
    j.sandboxId = sandboxId;
    j.remotePath = remotePath;
    j.localPath = localPath;
    j.isDir = isDir;
    return enqueue(std::move(j));
}

int TransferQueue::upload(const QString& sandboxId, const QString& localPath,
                          const QString& remotePath) {
    Job j;
    j.direction = Direction::Upload;
    j.sandboxId = sandboxId;
    j.remotePath = remotePath;
    j.localPath = localPath;
    const QFileInfo info(localPath);
    j.isDir = info.isDir() && !info.isSymLink();
    return enqueue(std::move(j));
}

int TransferQueue::enqueue(Job j) {
    j.id = m_nextId++;
    const int id = j.id;
    const auto row = int(m_jobs.size());
    beginInsertRows({}, row, row);
    m_jobs.append(std::move(j));
    m_rowOf.insert(id, row);
    endInsertRows();
    // Later, so the caller holds the id before anything about it is emitted.
    QMetaObject::invokeMethod(this, &TransferQueue::pump, Qt::QueuedConnection);
    return id;
}

TransferQueue::Job* TransferQueue::job(int jobId) {
    const auto row = m_rowOf.value(jobId, -1);
    return row < 0 ? nullptr : &m_jobs[row];
}

const TransferQueue::Job* TransferQueue::job(int jobId) const {
    const auto row = m_rowOf.value(jobId, -1);
    return row < 0 ? nullptr : &m_jobs.at(row);
}

int TransferQueue::rowOf(int jobId) const {
    return int(m_rowOf.value(jobId, -1));
}

TransferQueue::State TransferQueue::stateOf(int jobId) const {
    const Job* j = job(jobId);
    return j ? j->state : State::Cancelled;
}

bool TransferQueue::isSettled(int jobId) const {
    return ended(stateOf(jobId));
}

bool TransferQueue::succeeded(int jobId) const {
    return stateOf(jobId) == State::Done;
}

bool TransferQueue::isIdle() const {
    return std::none_of(m_jobs.cbegin(), m_jobs.cend(),
                        [](const Job& j) { return !ended(j.state); });
}

int TransferQueue::runningCount() const {
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const Job& j) { return !j.isDir && j.state == State::Running; }));
}

void TransferQueue::changed(int jobId) {
    const int row = rowOf(jobId);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TransferQueue::pump() {
    // Directories start at once (a listing is cheap); files wait for a free slot.
    for (qsizetype row = 0; row < m_jobs.size(); ++row) {
        Job& j = m_jobs[row];
        if (j.state != State::Queued)
            continue;
        if (!j.isDir && runningCount() >= kMaxRunning)
            continue;
        start(j);
    }
}

void TransferQueue::start(Job& j) {
    j.state = State::Running;
    changed(j.id);
    if (j.isDir)
        startDirectory(j);
    else
        startFile(j);
}

void TransferQueue::startFile(Job& j) {
    const int id = j.id;
    FileTransfer* transfer = nullptr;
    if (j.direction == Direction::Download) {
        QDir().mkpath(QFileInfo(j.localPath).absolutePath());
        // Written beside the target and renamed into place once complete: a failed download
        // leaves no half file behind under the chosen name.
        auto file = std::make_shared<QSaveFile>(j.localPath);
        if (!file->open(QIODevice::WriteOnly))
            return end(id, State::Failed, file->errorString() + QStringLiteral(": ") + j.localPath);
        j.device = file;
        transfer = m_tools.download(j.sandboxId, j.remotePath, file.get());
    } else {
        auto file = std::make_shared<QFile>(j.localPath);
        if (!file->open(QIODevice::ReadOnly))
            return end(id, State::Failed, file->errorString() + QStringLiteral(": ") + j.localPath);
        j.total = file->size();
        j.device = file;
        WriteOptions options;
        options.makeParents = true;
        // Keeps a script executable; anything else gets the usual 0644.
        options.mode = (file->permissions() & QFileDevice::ExeOwner) ? 0755 : 0644;
        transfer = m_tools.upload(j.sandboxId, j.remotePath, file.get(), options);
    }
    j.transfer = transfer;
    connect(transfer, &FileTransfer::progress, this, [this, id](qint64 done, qint64 total) {
        if (Job* running = job(id)) {
            running->done = done;
            if (total >= 0)
                running->total = total;
            changed(id);
        }
    });
    connect(transfer, &FileTransfer::finished, this, [this, id] {
        Job* running = job(id);
        if (!running)
            return;
        if (auto* save = qobject_cast<QSaveFile*>(running->device.get()); save && !save->commit())
            return end(id, State::Failed,
                       save->errorString() + QStringLiteral(": ") + running->localPath);
        if (running->total < 0)
            running->total = running->done;
        end(id, State::Done);
    });
    connect(transfer, &FileTransfer::failed, this, [this, id](const Error& error) {
        end(id, error.code == ErrorCode::Cancelled ? State::Cancelled : State::Failed,
            error.describe());
    });
}

void TransferQueue::startDirectory(Job& j) {
    j.pending = 1; // the listing
    if (j.direction == Direction::Download)
        listDownloadDirectory(j.id);
    else
        listUploadDirectory(j.id);
}

void TransferQueue::listDownloadDirectory(int jobId) {
    Job* j = job(jobId);
    if (!QDir().mkpath(j->localPath))
        return end(jobId, State::Failed, tr("cannot create the folder %1").arg(j->localPath));
    whenReady(m_tools.readdir(j->sandboxId, j->remotePath), this,
              [this, jobId](Result<QList<FsEntry>> listed) {
                  Job* dir = job(jobId);
                  if (!dir || ended(dir->state))
                      return;
                  if (!listed) {
                      dir->anyFailed = true;
                      dir->error = listed.error().describe();
                  } else if (!dir->cancelRequested) {
                      const QString sandboxId = dir->sandboxId;
                      const QString localDir = dir->localPath;
                      for (const FsEntry& entry : listed.value()) {
                          Job child;
                          child.parent = jobId;
                          child.direction = Direction::Download;
                          child.sandboxId = sandboxId;
                          child.remotePath = entry.path;
                          child.localPath = localDir + QLatin1Char('/') + entry.name;
                          child.isDir = entry.isDir;
                          if (entry.isSymlink) {
                              child.state = State::Skipped;
                              child.error = tr("symbolic link, not followed");
                          } else {
                              ++job(jobId)->pending;
                          }
                          ++job(jobId)->children;
                          enqueue(std::move(child));
                      }
                  }
                  childEnded(jobId, listed.ok());
              });
}

void TransferQueue::listUploadDirectory(int jobId) {
    Job* j = job(jobId);
    whenReady(m_tools.mkdir(j->sandboxId, j->remotePath), this, [this, jobId](Status made) {
        Job* dir = job(jobId);
        if (!dir || ended(dir->state))
            return;
        if (!made) {
            dir->anyFailed = true;
            dir->error = made.error().describe();
        } else if (!dir->cancelRequested) {
            const QString sandboxId = dir->sandboxId;
            const QString remoteDir = dir->remotePath;
            const QFileInfoList entries =
                QDir(dir->localPath)
                    .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                                       QDir::System,
                                   QDir::Name);
            for (const QFileInfo& entry : entries) {
                Job child;
                child.parent = jobId;
                child.direction = Direction::Upload;
                child.sandboxId = sandboxId;
                child.localPath = entry.filePath();
                child.remotePath = joinRemote(remoteDir, entry.fileName());
                child.isDir = entry.isDir() && !entry.isSymLink();
                if (entry.isSymLink()) {
                    child.state = State::Skipped;
                    child.error = tr("symbolic link, not followed");
                } else {
                    ++job(jobId)->pending;
                }
                ++job(jobId)->children;
                enqueue(std::move(child));
            }
        }
        childEnded(jobId, made.ok());
    });
}

void TransferQueue::childEnded(int parentId, bool ok) {
    Job* dir = job(parentId);
    if (!dir || ended(dir->state))
        return;
    if (!ok)
        dir->anyFailed = true;
    --dir->pending;
    dir->done = dir->children - dir->pending;
    dir->total = dir->children;
    changed(parentId);
    if (dir->pending > 0)
        return;
    if (dir->cancelRequested)
        end(parentId, State::Cancelled);
    else if (dir->anyFailed)
        end(parentId, State::Failed,
            dir->error.isEmpty() ? tr("some entries could not be copied") : dir->error);
    else
        end(parentId, State::Done);
}

void TransferQueue::end(int jobId, State state, const QString& error) {
    Job* j = job(jobId);
    if (!j || ended(j->state))
        return;
    j->state = state;
    if (!error.isEmpty())
        j->error = error;
    j->transfer.clear();
    j->device.reset(); // closes the file; an uncommitted QSaveFile discards its temp file
    const int parent = j->parent;
    const bool ok = state == State::Done;
    changed(jobId);
    if (parent != 0) {
        childEnded(parent, ok);
    } else {
        const Job& top = *job(jobId);
        emit settled(jobId, top.sandboxId, top.remotePath, top.direction, ok);
    }
    pump();
    if (isIdle())
        emit idle();
}

void TransferQueue::cancel(int jobId) {
    Job* j = job(jobId);
    if (!j || ended(j->state))
        return;
    if (j->isDir) {
        j->cancelRequested = true;
        QList<int> children;
        for (const Job& other : std::as_const(m_jobs)) {
            if (other.parent == jobId && !ended(other.state))
                children.append(other.id);
        }
        for (int child : children)
            cancel(child);
        Job* dir = job(jobId);
        if (dir && dir->state == State::Queued)
            end(jobId, State::Cancelled);
        return;
    }
    if (j->transfer)
        j->transfer->cancel(); // failed(Cancelled) follows
    else
        end(jobId, State::Cancelled);
}

void TransferQueue::cancelAll() {
    QList<int> top;
    for (const Job& j : std::as_const(m_jobs)) {
        if (!ended(j.state))
            top.append(j.id);
    }
    for (int id : top)
        cancel(id);
}

void TransferQueue::clearFinished() {
    // Only rows whose whole tree ended: a running directory keeps its finished children.
    beginResetModel();
    QList<Job> kept;
    for (Job& j : m_jobs) {
        bool keep = !ended(j.state);
        for (int parent = j.parent; !keep && parent != 0;) {
            const Job* p = job(parent);
            keep = p && !ended(p->state);
            parent = p ? p->parent : 0;
        }
        if (keep)
            kept.append(std::move(j));
    }
    m_jobs = std::move(kept);
    m_rowOf.clear();
    for (qsizetype row = 0; row < m_jobs.size(); ++row)
        m_rowOf.insert(m_jobs.at(row).id, row);
    endResetModel();
}

int TransferQueue::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int TransferQueue::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferQueue::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job& j = m_jobs.at(index.row());
    switch (role) {
    case JobIdRole:
        return j.id;
    case DirectionRole:
        return int(j.direction);
    case StateRole:
        return int(j.state);
    case BytesDoneRole:
        return j.done;
    case BytesTotalRole:
        return j.total;
    case RemotePathRole:
        return j.remotePath;
    case LocalPathRole:
        return j.localPath;
    case IsDirRole:
        return j.isDir;
    case ErrorRole:
        return j.error;
    case Qt::ToolTipRole:
        return j.direction == Direction::Download
                   ? tr("%1 from the sandbox to %2").arg(j.remotePath, j.localPath)
                   : tr("%1 from this computer to %2").arg(j.localPath, j.remotePath);
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return QIcon::fromTheme(j.direction == Direction::Download ? QStringLiteral("go-down")
                                                                       : QStringLiteral("go-up"));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return j.direction == Direction::Download ? baseName(j.remotePath) : baseName(j.localPath);
    case ProgressColumn: {
        if (j.isDir)
            return j.total < 0 ? QString() : tr("%1 of %2 entries").arg(j.done).arg(j.total);
        const QLocale locale;
        if (j.total < 0)
            return locale.formattedDataSize(j.done);
        return tr("%1 of %2")
            .arg(locale.formattedDataSize(j.done), locale.formattedDataSize(j.total));
    }
    case StatusColumn:
        switch (j.state) {
        case State::Queued:
            return tr("queued");
        case State::Running:
            return j.isDir && j.total < 0 ? tr("listing…") : tr("running");
        case State::Done:
            return tr("done");
        case State::Failed:
            return tr("failed: %1").arg(j.error);
        case State::Cancelled:
            return tr("cancelled");
        case State::Skipped:
            return tr("skipped: %1").arg(j.error);
        }
        return {};
    default:
        return {};
    }
}

QVariant TransferQueue::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace hangar
