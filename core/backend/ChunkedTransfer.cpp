#include "ChunkedTransfer.h"

#include "FeedDevice.h"
#include "util/Async.h"

#include <QRandomGenerator>
#include <QTimer>

namespace hangar {

ChunkedDownload::ChunkedDownload(const QString& path, QIODevice* sink, qint64 total,
                                 qint64 chunkBytes, ReadChunk read, QObject* parent)
    : FileTransfer(Direction::Download, path, parent)
    , m_sink(sink)
    , m_chunkBytes(chunkBytes)
    , m_read(std::move(read)) {
    if (total >= 0)
        setTotal(total);
    if (m_sink) {
        connect(m_sink, &QIODevice::bytesWritten, this, [this] {
            if (m_waitingForSink && !sinkIsBehind()) {
                m_waitingForSink = false;
                readNext();
            }
        });
    }
}

void ChunkedDownload::start() {
    QTimer::singleShot(0, this, &ChunkedDownload::readNext);
}

bool ChunkedDownload::sinkIsBehind() const {
    return m_sink && m_sink->bytesToWrite() > m_chunkBytes;
}

void ChunkedDownload::readNext() {
    if (isFinished())
        return;
    if (isCancelled())
        return fail(
            makeError(ErrorCode::Cancelled, QStringLiteral("the download was cancelled"), path()));
    if (!m_sink || !m_sink->isWritable())
        return fail(
            makeError(ErrorCode::Io, QStringLiteral("the destination is not writable"), path()));
    if (sinkIsBehind()) {
        m_waitingForSink = true;
        return;
    }
    whenReady(m_read(m_offset, m_chunkBytes), this,
              [this](Result<QByteArray> piece) { received(std::move(piece)); });
}

void ChunkedDownload::received(Result<QByteArray> piece) {
    if (isFinished())
        return;
    if (!piece)
        return fail(piece.error());
    const QByteArray& data = piece.value();
    if (!data.isEmpty()) {
        if (!m_sink || m_sink->write(data) != data.size()) {
            return fail(makeError(
                ErrorCode::Io,
                QStringLiteral("could not write the download: %1")
                    .arg(m_sink ? m_sink->errorString() : QStringLiteral("the destination closed")),
                path()));
        }
        m_offset += data.size();
        addDone(data.size());
    }
    if (data.size() < m_chunkBytes) {
        if (bytesTotal() < 0)
            setTotal(m_offset);
        return succeed();
    }
    readNext();
}

ChunkedUpload::ChunkedUpload(const QString& path, QIODevice* source, qint64 chunkBytes,
                             WriteChunk write, Step commit, Step discard, QObject* parent)
    : FileTransfer(Direction::Upload, path, parent)
    , m_source(source)
    , m_chunkBytes(chunkBytes)
    , m_write(std::move(write))
    , m_commit(std::move(commit))
    , m_discard(std::move(discard)) {
    if (m_source && !m_source->isSequential())
        setTotal(m_source->size() - m_source->pos());
    if (m_source && m_source->isSequential()) {
        // A source that fills over time: wait for a whole piece, or for its end.
        auto resume = [this] {
            if (m_waitingForSource) {
                m_waitingForSource = false;
                writeNext();
            }
        };
        connect(m_source, &QIODevice::readyRead, this, resume);
        connect(m_source, &QIODevice::readChannelFinished, this, [this, resume] {
            m_sourceEnded = true;
            resume();
        });
    }
}

void ChunkedUpload::start() {
    QTimer::singleShot(0, this, &ChunkedUpload::writeNext);
}

void ChunkedUpload::onCancel() {
    // A write in flight finishes first; written() then sees the cancellation and cleans up.
    if (!m_busy)
        abandon(
            makeError(ErrorCode::Cancelled, QStringLiteral("the upload was cancelled"), path()));
}

bool ChunkedUpload::sourceEnded() const {
    // A feed may have ended before this transfer was created (while the sandbox woke up).
    if (const auto* feed = qobject_cast<const FeedDevice*>(m_source.data()))
        return feed->isFinished();
    return m_sourceEnded;
}

void ChunkedUpload::writeNext() {
    if (isFinished() || isCancelled())
        return;
    if (!m_source || !m_source->isReadable())
        return abandon(
            makeError(ErrorCode::Io, QStringLiteral("the source is not readable"), path()));
    const bool sequential = m_source->isSequential();
    if (sequential && !sourceEnded() && m_source->bytesAvailable() < m_chunkBytes) {
        m_waitingForSource = true;
        return;
    }
    const QByteArray data = m_source->read(m_chunkBytes);
    if (data.isEmpty() && m_offset > 0)
        return commit(); // the previous piece ended exactly on a chunk boundary
    m_busy = true;
    const bool last =
        sequential ? sourceEnded() && m_source->bytesAvailable() == 0 : data.size() < m_chunkBytes;
    const qint64 bytes = data.size();
    whenReady(m_write(m_offset, data), this,
              [this, bytes, last](Result<void> r) { written(std::move(r), bytes, last); });
}

void ChunkedUpload::written(Result<void> result, qint64 bytes, bool last) {
    m_busy = false;
    if (isFinished())
        return;
    if (!result)
        return abandon(result.error());
    m_offset += bytes;
    addDone(bytes);
    if (isCancelled())
        return abandon(
            makeError(ErrorCode::Cancelled, QStringLiteral("the upload was cancelled"), path()));
    if (last)
        return commit();
    writeNext();
}

void ChunkedUpload::commit() {
    // Once the file is being moved into place, a cancel is too late to take it back.
    m_busy = true;
    whenReady(m_commit(), this, [this](Result<void> r) {
        m_busy = false;
        if (!r)
            return abandon(r.error());
        succeed();
    });
}

void ChunkedUpload::abandon(const Error& error) {
    if (isFinished())
        return;
    whenReady(m_discard(), this, [this, error](Result<void>) { fail(error); });
}

QString uploadTempPath(const QString& path) {
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString dir = slash >= 0 ? path.left(slash + 1) : QString();
    // Shortened so that the temporary name stays within NAME_MAX.
    const QString name = (slash >= 0 ? path.mid(slash + 1) : path).left(180);
    return dir + QStringLiteral(".%1.hangar-upload-%2")
                     .arg(name)
                     .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

} // namespace hangar
