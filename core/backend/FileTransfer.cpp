#include "FileTransfer.h"

#include <QTimer>

namespace hangar {

FileTransfer::FileTransfer(Direction direction, QString path, QObject* parent)
    : QObject(parent)
    , m_direction(direction)
    , m_path(std::move(path)) {
}

void FileTransfer::cancel() {
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    onCancel();
}

void FileTransfer::onCancel() {
    if (m_inner) {
        m_inner->cancel(); // its failed(Cancelled) becomes ours
        return;
    }
    fail(makeError(ErrorCode::Cancelled, QStringLiteral("the transfer was cancelled"), m_path));
}

FileTransfer* FileTransfer::failure(Direction direction, const QString& path, const Error& error) {
    auto* transfer = new DeferredTransfer(direction, path);
    transfer->abort(error);
    return transfer;
}

void FileTransfer::setTotal(qint64 total) {
    m_total = total;
    emit progress(m_done, m_total);
}

void FileTransfer::addDone(qint64 bytes) {
    m_done += bytes;
    emit progress(m_done, m_total);
}

void FileTransfer::succeed() {
    if (m_finished)
        return;
    m_finished = true;
    // Queued, so a caller always gets the chance to connect first.
    QTimer::singleShot(0, this, [this] {
        emit finished();
        deleteLater();
    });
}

void FileTransfer::fail(const Error& error) {
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    QTimer::singleShot(0, this, [this] {
        emit failed(*m_error);
        deleteLater();
    });
}

void FileTransfer::follow(FileTransfer* inner) {
    if (m_finished) {
        // Ended (cancelled) before the work started: the work must not go on unobserved.
        inner->cancel();
        return;
    }
    m_inner = inner;
    connect(inner, &FileTransfer::progress, this, [this](qint64 done, qint64 total) {
        m_done = done;
        m_total = total;
        emit progress(m_done, m_total);
    });
    connect(inner, &FileTransfer::finished, this, &FileTransfer::succeed);
    connect(inner, &FileTransfer::failed, this, &FileTransfer::fail);
}

} // namespace hangar
