#pragma once

#include "backend/BackendTypes.h"
#include "backend/FileTransfer.h"
#include "lifecycle/Sandbox.h"
#include "util/Result.h"

#include <QObject>

#include <functional>

class QIODevice;

namespace hangar {

class Backend;
class LifecycleService;

struct GrepOptions {
    QString path;    // where to search; empty = the working directory
    QString include; // only files whose name matches this glob
    bool ignoreCase = false;
    bool fixedString = false; // the pattern is a literal, not a regular expression
    int maxResults = 1000;
};

struct GrepMatch {
    QString path;
    int line = 0;
    QString text;
};

struct GlobResult {
    QStringList paths;
    bool truncated = false;
};

// The agent-facing interface to a sandbox (the mission's Sandbox tools). Every call first
// makes the sandbox usable (waking a hibernated one) and refreshes its activity. Arguments
// travel as argv elements or request bodies, never spliced into a shell string.
class SandboxTools : public QObject {
    Q_OBJECT
public:
    explicit SandboxTools(LifecycleService& engine, QObject* parent = nullptr);

    // Runs `command` with /bin/sh -c (the command is the agent's own shell text).
    Task<ExecResult> exec(const QString& sandboxId, const QString& command, const QString& cwd = {},
                          qint64 timeoutMs = 120'000);
    Task<QByteArray> readFile(const QString& sandboxId, const QString& path);
    // Creates parent directories as needed.
    Task<void> writeFile(const QString& sandboxId, const QString& path, const QByteArray& content);
    Task<void> writeFile(const QString& sandboxId, const QString& path, const QByteArray& content,
                         const WriteOptions& options);
    Task<void> remove(const QString& sandboxId, const QString& path, bool recursive);
    // Shell-style glob with ** for any depth, relative to cwd (default: the working directory).
    Task<GlobResult> glob(const QString& sandboxId, const QString& pattern, const QString& cwd = {},
                          int maxResults = 1000);
    Task<QList<GrepMatch>> grep(const QString& sandboxId, const QString& pattern,
                                const GrepOptions& options = {});
    Task<FsEntry> stat(const QString& sandboxId, const QString& path);
    Task<void> mkdir(const QString& sandboxId, const QString& path);
    Task<QList<FsEntry>> readdir(const QString& sandboxId, const QString& path);
    Task<void> rename(const QString& sandboxId, const QString& from, const QString& to);
    Task<void> chmod(const QString& sandboxId, const QString& path, quint32 mode);
    // Chunked transfers (Backend::download/upload) once the sandbox is awake. Never null; the
    // transfer deletes itself when it ends (FileTransfer.h).
    FileTransfer* download(const QString& sandboxId, const QString& path, QIODevice* sink);
    FileTransfer* upload(const QString& sandboxId, const QString& path, QIODevice* source,
                         const WriteOptions& options = {});

private:
    // Makes the sandbox active, then runs `call(backend, name)`.
    template <typename T, typename F> Task<T> withSandbox(const QString& sandboxId, F call);
    // The same for a transfer: `start(backend, name)` runs once the sandbox is active.
    FileTransfer*
    transferWhenActive(const QString& sandboxId, FileTransfer::Direction direction,
                       const QString& path,
                       std::function<FileTransfer*(Backend& backend, const QString& name)> start);

    LifecycleService& m_engine;
};

// Parses `grep -rnZ` output (path NUL line:text). Exposed for tests.
QList<GrepMatch> parseGrepOutput(const QByteArray& output, int maxResults);

} // namespace hangar
