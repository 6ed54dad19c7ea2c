#pragma once

#include "backend/FileTransfer.h"
#include "util/Error.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

class QIODevice;

namespace hangar {

class FileTransfer;
class SandboxTools;

// Uploads and downloads between this machine and sandboxes, one row per file or directory,
// a few at a time. Files stream through SandboxTools::download/upload (chunked: never loaded
// whole); a directory is walked as it goes (its listing adds a row per entry). Every row shows
// its progress and can be cancelled; cancelling a directory cancels what it contains.
class TransferQueue : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ProgressColumn, StatusColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        JobIdRole = Qt::UserRole + 1, // int
        DirectionRole,                // Direction (int)
        StateRole,                    // State (int)
        BytesDoneRole,                // qint64
        BytesTotalRole,               // qint64, -1 while unknown
        RemotePathRole,               // QString
        LocalPathRole,                // QString
        IsDirRole,                    // bool
        ErrorRole,                    // QString, set when the row failed
    };
    Q_ENUM(Role)

    enum class Direction { Download, Upload };
    Q_ENUM(Direction)
    // Skipped: a symbolic link inside a directory (never followed; not a failure).
    enum class State { Queued, Running, Done, Failed, Cancelled, Skipped };
    Q_ENUM(State)

    // How many files move at once.
    static constexpr int kMaxRunning = 2;

    explicit TransferQueue(SandboxTools& tools, QObject* parent = nullptr);
    ~TransferQueue() override;

    // Queues the file or directory `remotePath` of the sandbox to `localPath` (the new file or
    // directory itself, not its parent). Returns the row's job id.
    int download(const QString& sandboxId, const QString& remotePath, const QString& localPath,
                 bool isDir);
    // Queues the local file or directory `localPath` to `remotePath` (the new entry itself).
    // Symbolic links on this machine are not followed (they are skipped and said so).
    int upload(const QString& sandboxId, const QString& localPath, const QString& remotePath);

    // Cancels the row (a directory: with everything below it). Rows already ended stay.
    void cancel(int jobId);
    void cancelAll();
    // Removes the rows that ended.
    void clearFinished();

    bool isIdle() const;
    // The row of a job, -1 when there is none.
    int rowOf(int jobId) const;
    State stateOf(int jobId) const;
    // Whether the job and everything it started (a directory's entries) have ended.
    bool isSettled(int jobId) const;
    // Whether the job and everything below it ended well.
    bool succeeded(int jobId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // A job given to download()/upload() has settled: it and everything below it ended.
    // `ok` is false when anything in it failed or was cancelled.
    void settled(int jobId, const QString& sandboxId, const QString& remotePath,
                 hangar::TransferQueue::Direction direction, bool ok);
    // Nothing is queued or running any more.
    void idle();

private:
    struct Job {
        int id = 0;
        int parent = 0; // the directory job that queued it; 0 for a top-level job
        Direction direction = Direction::Download;
        QString sandboxId;
        QString remotePath;
        QString localPath;
        bool isDir = false;
        State state = State::Queued;
        qint64 done = 0;
        qint64 total = -1;
        QString error;
        // A directory: its listing and the children it queued that have not ended yet.
        int pending = 0;
        int children = 0;
        bool anyFailed = false;
        bool cancelRequested = false;
        QPointer<FileTransfer> transfer;
        std::shared_ptr<QIODevice> device; // the local file while it moves
    };

    int enqueue(Job job);
    void pump();
    void start(Job& job);
    void startDirectory(Job& job);
    void startFile(Job& job);
    void listDownloadDirectory(int jobId);
    void listUploadDirectory(int jobId);
    // Ends a job (state Done/Failed/Cancelled) and tells its parents.
    void end(int jobId, State state, const QString& error = {});
    // A child of `parentId` ended; the parent ends once nothing is pending.
    void childEnded(int parentId, bool ok);
    Job* job(int jobId);
    const Job* job(int jobId) const;
    void changed(int jobId);
    int runningCount() const;

    SandboxTools& m_tools;
    QList<Job> m_jobs;
    QHash<int, qsizetype> m_rowOf; // job id -> row
    int m_nextId = 1;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::TransferQueue::Direction)
