// LocalBackend's filesystem calls: checked here, done by RootFs on a worker thread.
#include "LocalBackend.h"

#include "RootFs.h"

#include <QtConcurrent/QtConcurrentRun>

namespace hangar {

Task<QByteArray> LocalBackend::readFile(const QString& name, const QString& path) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QByteArray>(exists.error());
    return QtConcurrent::run([fs = rootFs(name), path] { return fs.readFile(path); });
}

Task<void> LocalBackend::writeFile(const QString& name, const QString& path, const QByteArray& data,
                                   const WriteOptions& options) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return QtConcurrent::run(
        [fs = rootFs(name), path, data, options] { return fs.writeFile(path, data, options); });
}

Task<QList<FsEntry>> LocalBackend::listDir(const QString& name, const QString& path) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QList<FsEntry>>(exists.error());
    return QtConcurrent::run([fs = rootFs(name), path] { return fs.listDir(path); });
}

Task<FsEntry> LocalBackend::stat(const QString& name, const QString& path) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<FsEntry>(exists.error());
    return QtConcurrent::run([fs = rootFs(name), path] { return fs.stat(path); });
}

Task<void> LocalBackend::makeDir(const QString& name, const QString& path, bool parents) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return QtConcurrent::run(
        [fs = rootFs(name), path, parents] { return fs.makeDir(path, parents); });
}

Task<void> LocalBackend::remove(const QString& name, const QString& path, bool recursive) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return QtConcurrent::run(
        [fs = rootFs(name), path, recursive] { return fs.remove(path, recursive); });
}

Task<void> LocalBackend::rename(const QString& name, const QString& from, const QString& to) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return QtConcurrent::run([fs = rootFs(name), from, to] { return fs.rename(from, to); });
}

Task<void> LocalBackend::chmod(const QString& name, const QString& path, quint32 mode) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return QtConcurrent::run([fs = rootFs(name), path, mode] { return fs.chmod(path, mode); });
}

} // namespace hangar
