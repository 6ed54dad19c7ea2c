#pragma once

#include "RootFd.h"
#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

struct stat;

namespace hangar::local {

// The filesystem of one sandbox, seen from inside it: `hostRoot` is mounted at `workingDir`.
// Every path is resolved component by component in the sandbox's view (an absolute symlink
// target `/workspace/a` means `<hostRoot>/a`), because the host's canonicalPath would
// resolve links against the host's `/`. Anything that leaves the root is OutsideRoot.
//
// The sandbox's processes can change its files while we work on them (swap a checked
// directory for a symlink to `/`), and we run as root, so no host path string is ever used
// after the check: each call opens the root once as a descriptor, resolves through it, and
// does the work with *at() calls on a parent directory opened strictly beneath it
// (RootFd.h). A component swapped meanwhile makes the call fail with OutsideRoot.
//
// Stateless apart from the two paths and reentrant: safe to use from a worker thread.
class RootFs {
public:
    static constexpr qint64 MaxReadBytes = 64 * 1024 * 1024;

    struct Resolved {
        QString host;   // path on the host, inside hostRoot
        QString inside; // normalised absolute path inside the sandbox
        bool isRoot = false;
        QStringList components; // below the root, no symlinks among them when resolved
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
    // Chunked transfers (RootFsChunks.cpp). A ranged read: at most maxBytes from offset.
    Result<QByteArray> readChunk(const QString& path, qint64 offset, qint64 maxBytes) const;
    // Offset 0 creates (or truncates) `path` with mode 0600; a later piece must continue
    // exactly where the file ends (Conflict otherwise). The last component is never followed.
    Status writeChunk(const QString& path, qint64 offset, const QByteArray& data,
                      bool makeParents) const;
    // Moves a finished upload into place: `mode`, else the replaced file's mode, else 0644.
    Status commitUpload(const QString& tempPath, const QString& path,
                        std::optional<quint32> mode) const;
    // The host directory for an exec's working directory (must exist and be a directory).
    Result<Resolved> directory(const QString& path) const;

private:
    // A resolved path, opened: the directory holding its last component.
    struct Target {
        Resolved resolved;
        Fd parent;       // invalid when the path is the root itself
        QByteArray name; // the last component, in the host's encoding
    };

    static QString joinInside(const QString& dir, const QString& name);
    // Opens `path` for reading, followed to a regular file (EISDIR for a directory, EINVAL for
    // anything else); its stat in *st.
    Result<Fd> openRegularFile(const QString& path, const QString& what, struct stat* st) const;
    Result<Fd> openRoot(const QString& what, const QString& path) const;

    Result<Resolved> resolveAt(int rootFd, const QString& path, bool followLast) const;
    Result<Target> locate(int rootFd, const QString& path, bool followLast, bool makeParents,
                          const QString& what) const;
    // An errno value from a descriptor-relative open: ELOOP and EXDEV mean a component became
    // a symlink (or would lead out) after the check, which is OutsideRoot.
    Error fsError(int err, const QString& what, const QString& path) const;
    // Components below the working directory of a lexically cleaned absolute inside path,
    // or false when it is not the working directory or below.
    bool relativeComponents(const QString& absolute, QStringList* out) const;
    QString hostOf(const QStringList& components) const;
    QString insideOf(const QStringList& components) const;
    Error outside(const QString& path) const;

    QString m_hostRoot;
    QString m_workingDir;
};

} // namespace hangar::local
