// LocalBackend's chunked transfers: every piece is one RootFs call on a worker thread, checked
// against the sandbox root like any other file call.
#include "LocalBackend.h"

#include "RootFs.h"
#include "backend/ChunkedTransfer.h"
#include "util/Async.h"

#include <QtConcurrent/QtConcurrentRun>

namespace hangar {

FileTransfer* LocalBackend::download(const QString& name, const QString& path, QIODevice* sink) {
    using Direction = FileTransfer::Direction;
    if (auto exists = checkExists(name); !exists)
        return FileTransfer::failure(Direction::Download, path, exists.error());
    auto* transfer = new DeferredTransfer(Direction::Download, path);
    const local::RootFs fs = rootFs(name);
    // The size first: it gives the progress bar its end, and refuses a directory up front.
    whenReady(
        QtConcurrent::run([fs, path] { return fs.stat(path); }), transfer,
        [transfer, fs, path, sink](Result<FsEntry> entry) {
            if (!entry)
                return transfer->abort(entry.error());
            if (entry.value().isDir)
                return transfer->abort(makeError(ErrorCode::IsADirectory,
                                                 QStringLiteral("is a directory: ") + path, path));
            auto* chunks =
                new ChunkedDownload(path, sink, entry.value().size, TransferChunkBytes,
                                    [fs, path](qint64 offset, qint64 maxBytes) -> Task<QByteArray> {
                                        return QtConcurrent::run([fs, path, offset, maxBytes] {
                                            return fs.readChunk(path, offset, maxBytes);
                                        });
                                    });
            transfer->start(chunks);
            chunks->start();
        });
    return transfer;
}

FileTransfer* LocalBackend::upload(const QString& name, const QString& path, QIODevice* source,
                                   const WriteOptions& options) {
    using Direction = FileTransfer::Direction;
    if (auto exists = checkExists(name); !exists)
        return FileTransfer::failure(Direction::Upload, path, exists.error());
    const local::RootFs fs = rootFs(name);
    const QString temp = uploadTempPath(path);
    auto* transfer = new ChunkedUpload(
        path, source, TransferChunkBytes,
        [fs, temp, options](qint64 offset, const QByteArray& data) -> Task<void> {
            return QtConcurrent::run([fs, temp, offset, data, options] {
                return fs.writeChunk(temp, offset, data, options.makeParents);
            });
        },
        [fs, temp, path, options]() -> Task<void> {
            return QtConcurrent::run(
                [fs, temp, path, options] { return fs.commitUpload(temp, path, options.mode); });
        },
        [fs, temp]() -> Task<void> {
            return QtConcurrent::run([fs, temp] { return fs.remove(temp, false); });
        });
    transfer->start();
    return transfer;
}

} // namespace hangar
