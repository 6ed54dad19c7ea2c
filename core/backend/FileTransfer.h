#pragma once

#include "util/Error.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace hangar {

// A file moving between this machine and a sandbox in chunks, so memory stays bounded
// whatever the file's size. Progress is reported as it goes; cancel() stops it.
//
// An upload writes to a temporary name beside the target and renames it into place only when
// every byte has arrived: a failed or cancelled upload leaves the target as it was. A
// download writes into the caller's sink as it reads; on failure the sink holds a prefix.
//
// Exactly one of finished() or failed() is emitted, always later than the call that created
// the transfer (never from inside it). The transfer deletes itself after that; holders keep a
// QPointer.
class FileTransfer : public QObject {
    Q_OBJECT
public:
    enum class Direction { Download, Upload };

    FileTransfer(Direction direction, QString path, QObject* parent = nullptr);

    Direction direction() const { return m_direction; }
    // The path inside the sandbox, as given.
    QString path() const { return m_path; }
    qint64 bytesDone() const { return m_done; }
    // -1 while unknown.
    qint64 bytesTotal() const { return m_total; }
    bool isFinished() const { return m_finished; }
    // Set once the transfer failed (code Cancelled after cancel()).
    std::optional<Error> error() const { return m_error; }

    // Stops the transfer; failed(Cancelled) follows. A no-op once finished.
    void cancel();

    // A transfer that has already failed (a missing sandbox, a bad argument).
    static FileTransfer* failure(Direction direction, const QString& path, const Error& error);

signals:
    void progress(qint64 done, qint64 total);
    void finished();
    void failed(const hangar::Error& error);

protected:
    void setTotal(qint64 total);
    void addDone(qint64 bytes);
    // Ends the transfer: emits finished() or failed() and schedules deletion. Only the first
    // call counts.
    void succeed();
    void fail(const Error& error);
    bool isCancelled() const { return m_cancelled; }
    // What the implementation does on cancel(): stop reading and writing, clean up, then
    // fail(Cancelled). The default cancels the followed transfer, or just fails.
    virtual void onCancel();
    // Mirrors `inner` (created later, e.g. once the sandbox is awake): its progress and end
    // become this transfer's, and cancelling this one cancels it.
    void follow(FileTransfer* inner);

private:
    Direction m_direction;
    QString m_path;
    qint64 m_done = 0;
    qint64 m_total = -1;
    bool m_finished = false;
    bool m_cancelled = false;
    std::optional<Error> m_error;
    QPointer<FileTransfer> m_inner;
};

// A transfer whose real work starts later (once the sandbox is awake): start() hands it the
// backend's transfer to follow, abort() ends it before that. Cancelled meanwhile, it cancels
// what it is given.
class DeferredTransfer : public FileTransfer {
    Q_OBJECT
public:
    using FileTransfer::FileTransfer;
    void start(FileTransfer* inner) { follow(inner); }
    void abort(const Error& error) { fail(error); }
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::FileTransfer*)
