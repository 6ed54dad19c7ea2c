#pragma once

#include "FileTransfer.h"
#include "util/Result.h"

#include <QIODevice>
#include <QPointer>

#include <functional>

namespace hangar {

// A download as a loop of ranged reads: `read(offset, maxBytes)` returns the next piece
// (shorter than maxBytes, or empty, at the end of the file). Each piece goes into the sink
// before the next is asked for; a sink that sends elsewhere (a socket) is waited for while
// more than a chunk is pending, so at most about two chunks are in memory.
class ChunkedDownload : public FileTransfer {
    Q_OBJECT
public:
    using ReadChunk = std::function<Task<QByteArray>(qint64 offset, qint64 maxBytes)>;

    // `total`: the file's size when known (-1 otherwise).
    ChunkedDownload(const QString& path, QIODevice* sink, qint64 total, qint64 chunkBytes,
                    ReadChunk read, QObject* parent = nullptr);
    // Begins on the next turn of the event loop.
    void start();

private:
    void readNext();
    void received(Result<QByteArray> piece);
    bool sinkIsBehind() const;

    QPointer<QIODevice> m_sink;
    qint64 m_chunkBytes;
    ReadChunk m_read;
    qint64 m_offset = 0;
    bool m_waitingForSink = false;
};

// An upload as a loop of writes: `write(offset, data)` stores the next piece (offset 0 starts
// a new temporary file); after the last, `commit()` moves it into place. On failure or
// cancel, `discard()` removes what was written (its own errors are ignored: the failure that
// caused it is what the caller sees).
//
// A random-access source (a file, a buffer) is read to its end. A sequential one is waited
// for: a piece goes out when a whole piece has arrived, and the end is its
// readChannelFinished() (for a FeedDevice, finish()) with everything read.
class ChunkedUpload : public FileTransfer {
    Q_OBJECT
public:
    using WriteChunk = std::function<Task<void>(qint64 offset, const QByteArray& data)>;
    using Step = std::function<Task<void>()>;

    ChunkedUpload(const QString& path, QIODevice* source, qint64 chunkBytes, WriteChunk write,
                  Step commit, Step discard, QObject* parent = nullptr);
    void start();

protected:
    void onCancel() override;

private:
    void writeNext();
    void written(Result<void> result, qint64 bytes, bool last);
    void commit();
    // No more data will come from a sequential source.
    bool sourceEnded() const;
    void abandon(const Error& error);

    QPointer<QIODevice> m_source;
    qint64 m_chunkBytes;
    WriteChunk m_write;
    Step m_commit;
    Step m_discard;
    qint64 m_offset = 0;
    bool m_busy = false; // a write or the commit is in flight
    bool m_waitingForSource = false;
    bool m_sourceEnded = false; // a sequential source said readChannelFinished
};

// A temporary name beside `path` for an upload in progress: ".<name>.hangar-upload-<random>".
QString uploadTempPath(const QString& path);

} // namespace hangar
