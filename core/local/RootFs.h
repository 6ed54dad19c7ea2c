#pragma once

#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

namespace hangar::local {

// The filesystem of one sandbox, seen from inside it: `hostRoot` is mounted at `workingDir`.
// Every path is resolved component by component in the sandbox's view (an absolute symlink
// target `/workspace/a` means `<hostRoot>/a`), because the host's canonicalPath would
// resolve links against the host's `/`. Anything that leaves the root is OutsideRoot.
//
// Stateless apart from the two paths and reentrant: safe to use from a worker thread.
class RootFs {
public:
    static constexpr qint64 MaxReadBytes = 64 * 1024 * 1024;

    struct Resolved {
        QString host;   // path on the host, inside hostRoot
        QString inside; // normalised absolute path inside the sandbox
        bool isRoot = false;
    };

    RootFs(QString hostRoot, QString workingDir);

    // followLast: whether a symlink in the last component is followed too.
    Result<Resolved> resolve(const QString& path, bool followLast) const;

    Result<QByteArray> readFile(const QString& path) const;
    Status writeFile(const QString& path, const QByteArray& data,
                     const WriteOptions& options) const;
    Result<QList<FsEntry>> listDir(const QString& path) const;
    Result<FsEntry> stat(const QString& path) const;
    Status makeDir(const QString& path, bool parents) const;
    Status remove(const QString& path, bool recursive) const;
    Status rename(const QString& from, const QString& to) const;
    Status chmod(const QString& path, quint32 mode) const;
    // The host directory for an exec's working directory (must exist and be a directory).
    Result<Resolved> directory(const QString& path) const;

private:
    // Components below the working directory of a lexically cleaned absolute inside path,
    // or false when it is not the working directory or below.
    bool relativeComponents(const QString& absolute, QStringList* out) const;
    QString hostOf(const QStringList& components) const;
    QString insideOf(const QStringList& components) const;
    Error outside(const QString& path) const;
    Status makeParents(const QString& hostPath) const;

    QString m_hostRoot;
    QString m_workingDir;
};

} // namespace hangar::local
