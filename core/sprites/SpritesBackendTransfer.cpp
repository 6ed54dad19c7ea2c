// SpritesBackend: chunked transfers. A download is one streamed `GET /fs/read`. An upload
// cannot be one `PUT /fs/write` (the API takes at most 16 MiB a request), so it goes in
// pieces: the first is written as a temporary file, each later one as a piece file that `dd`
// appends to it (the paths travel as argv, never through a shell), and the temporary file is
// renamed into place at the end.
#include "SpritesBackend.h"

#include "SpritesDownload.h"
#include "backend/ChunkedTransfer.h"
#include "util/Async.h"

#include <QNetworkAccessManager>

namespace hangar::sprites {

namespace {

Error ddFailed(const ExecResult& r, const QString& path) {
    const QString detail = QString::fromUtf8(r.stderrData).trimmed();
    return makeError(ErrorCode::Io,
                     QStringLiteral("appending to the upload failed (exit code %1)%2")
                         .arg(r.exitCode)
                         .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail),
                     path);
}

} // namespace

FileTransfer* SpritesBackend::download(const QString& name, const QString& path, QIODevice* sink) {
    using Direction = FileTransfer::Direction;
    if (auto valid = SpritesClient::validateName(name); !valid)
        return FileTransfer::failure(Direction::Download, path, valid.error());
    auto* transfer = new DeferredTransfer(Direction::Download, path);
    // The size first: the progress bar's end, and a directory refused before any byte moves.
    whenReady(
        stat(name, path), transfer, [this, transfer, name, path, sink](Result<FsEntry> entry) {
            if (!entry)
                return transfer->abort(entry.error());
            if (entry.value().isDir)
                return transfer->abort(makeError(ErrorCode::IsADirectory,
                                                 QStringLiteral("is a directory: ") + path, path));
            transfer->start(new SpritesDownload(*m_network, m_options.client, name, path,
                                                m_options.workingDir, sink, entry.value().size));
        });
    return transfer;
}

FileTransfer* SpritesBackend::upload(const QString& name, const QString& path, QIODevice* source,
                                     const WriteOptions& options) {
    using Direction = FileTransfer::Direction;
    if (auto valid = SpritesClient::validateName(name); !valid)
        return FileTransfer::failure(Direction::Upload, path, valid.error());
    const QString temp = resolve(uploadTempPath(path));
    const QString piece = temp + QStringLiteral(".piece");
    const QString workingDir = m_options.workingDir;
    auto write = [this, name, path, temp, piece, options,
                  workingDir](qint64 offset, const QByteArray& data) -> Task<void> {
        if (offset == 0)
            return m_client->writeFile(name, temp, data, 0600, options.makeParents, workingDir);
        return chain<void>(m_client->writeFile(name, piece, data, 0600, false, workingDir), this,
                           [this, name, path, temp, piece](Result<void> written) -> Task<void> {
                               if (!written)
                                   return failedTask<void>(written.error());
                               ExecRequest append;
                               append.argv = {
                                   QStringLiteral("dd"),           QStringLiteral("if=") + piece,
                                   QStringLiteral("of=") + temp,   QStringLiteral("bs=1M"),
                                   QStringLiteral("oflag=append"), QStringLiteral("conv=notrunc"),
                                   QStringLiteral("status=none")};
                               return mapResult<void>(run(name, append, 64 * 1024), this,
                                                      [path](Result<ExecResult> r) -> Result<void> {
                                                          if (!r)
                                                              return r.error();
                                                          if (r.value().exitCode != 0)
                                                              return ddFailed(r.value(), path);
                                                          return {};
                                                      });
                           });
    };
    auto commit = [this, name, path, temp, piece, options]() -> Task<void> {
        (void)m_client->remove(name, piece, false, m_options.workingDir);
        // A replaced file keeps its mode unless the caller chose one; a new one gets 0644.
        Task<quint32> mode = options.mode
                                 ? readyTask<quint32>(*options.mode)
                                 : mapResult<quint32>(stat(name, path), this,
                                                      [](Result<FsEntry> e) -> Result<quint32> {
                                                          return e ? e.value().mode : 0644u;
                                                      });
        return chain<void>(mode, this, [this, name, path, temp](Result<quint32> bits) {
            return chain<void>(chmod(name, temp, bits.value()), this,
                               [this, name, path, temp](Result<void> changed) -> Task<void> {
                                   if (!changed)
                                       return failedTask<void>(changed.error());
                                   return rename(name, temp, path);
                               });
        });
    };
    auto discard = [this, name, temp, piece]() -> Task<void> {
        (void)m_client->remove(name, piece, false, m_options.workingDir);
        return m_client->remove(name, temp, false, m_options.workingDir);
    };
    auto* transfer = new ChunkedUpload(path, source, UploadChunkBytes, write, commit, discard);
    transfer->start();
    return transfer;
}

} // namespace hangar::sprites
