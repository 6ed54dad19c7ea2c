// SpritesBackend: files, through the fs API (sprites-api.md §8). Relative paths resolve against
// the working directory on the server (the `workingDir` parameter).
#include "SpritesBackend.h"

#include "util/Async.h"

#include <QDir>

namespace hangar::sprites {

Task<QByteArray> SpritesBackend::readFile(const QString& name, const QString& path) {
    return m_client->readFile(name, path, m_options.workingDir);
}

Task<void> SpritesBackend::writeFile(const QString& name, const QString& path,
                                     const QByteArray& data, const WriteOptions& options) {
    return m_client->writeFile(name, path, data, options.mode, options.makeParents,
                               m_options.workingDir);
}

Task<QList<FsEntry>> SpritesBackend::listDir(const QString& name, const QString& path) {
    const QString shown = path.isEmpty() ? m_options.workingDir : path;
    return mapResult<QList<FsEntry>>(m_client->listDir(name, path, m_options.workingDir), this,
                                     [shown](Result<FsListing> listing) -> Result<QList<FsEntry>> {
                                         if (!listing)
                                             return listing.error();
                                         if (listing.value().isFile)
                                             return makeError(ErrorCode::NotADirectory,
                                                              QStringLiteral("not a directory"),
                                                              shown);
                                         return listing.value().entries;
                                     });
}

Task<FsEntry> SpritesBackend::stat(const QString& name, const QString& path) {
    return m_client->stat(name, path, m_options.workingDir);
}

Task<void> SpritesBackend::makeDir(const QString& name, const QString& path, bool parents) {
    return m_client->makeDir(name, path, parents, m_options.workingDir);
}

Task<void> SpritesBackend::remove(const QString& name, const QString& path, bool recursive) {
    // Never the working directory itself, nor the sprite's root.
    const QString target = QDir::cleanPath(resolve(path));
    if (target == QDir::cleanPath(m_options.workingDir) || target == QLatin1String("/"))
        return failedTask<void>(makeError(ErrorCode::InvalidArgument,
                                          QStringLiteral("refusing to remove the working "
                                                         "directory or the root"),
                                          path));
    return m_client->remove(name, path, recursive, m_options.workingDir);
}

Task<void> SpritesBackend::rename(const QString& name, const QString& from, const QString& to) {
    return m_client->rename(name, from, to, m_options.workingDir);
}

Task<void> SpritesBackend::chmod(const QString& name, const QString& path, quint32 mode) {
    return m_client->chmod(name, path, mode, m_options.workingDir);
}

} // namespace hangar::sprites
