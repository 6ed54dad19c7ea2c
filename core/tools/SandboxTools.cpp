#include "SandboxTools.h"

#include "backend/Backend.h"
#include "lifecycle/ActiveSandbox.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

namespace hangar {

namespace {

constexpr qint64 kToolTimeoutMs = 60'000;

Error commandFailed(const QString& what, const ExecResult& r) {
    const QString detail = QString::fromUtf8(r.stderrData).trimmed();
    if (r.timedOut)
        return makeError(ErrorCode::Timeout, QStringLiteral("%1 timed out").arg(what));
    return makeError(ErrorCode::Io,
                     QStringLiteral("%1 failed (exit code %2)%3")
                         .arg(what)
                         .arg(r.exitCode)
                         .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
}

} // namespace

SandboxTools::SandboxTools(LifecycleService& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

template <typename T, typename F>
Task<T> SandboxTools::withSandbox(const QString& sandboxId, F call) {
    return withActiveSandbox<T>(m_engine, sandboxId, this, std::move(call));
}

Task<ExecResult> SandboxTools::exec(const QString& sandboxId, const QString& command,
                                    const QString& cwd, qint64 timeoutMs) {
    if (command.trimmed().isEmpty())
        return failedTask<ExecResult>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("the command is empty")));
    if (timeoutMs < 0)
        return failedTask<ExecResult>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("timeoutMs cannot be negative")));
    ExecRequest request;
    request.argv = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), command};
    request.cwd = cwd;
    request.timeoutMs = timeoutMs;
    // The sandbox's environment (its profile's variables and secrets) comes with the command.
    return withSandbox<ExecResult>(sandboxId, [this, sandboxId, request](Backend& backend,
                                                                         const QString& name) {
        auto sandbox = m_engine.sandbox(sandboxId);
        if (!sandbox)
            return failedTask<ExecResult>(sandbox.error());
        QPointer<Backend> target = &backend;
        return chain<ExecResult>(
            m_engine.environment(sandbox.value()), this,
            [target, name, request](Result<QMap<QString, QString>> env) -> Task<ExecResult> {
                if (!env)
                    return failedTask<ExecResult>(env.error());
                if (!target)
                    return failedTask<ExecResult>(
                        makeError(ErrorCode::Unavailable, QStringLiteral("the backend went away")));
                ExecRequest withEnv = request;
                withEnv.env = env.value();
                return target->run(name, withEnv);
            });
    });
}

Task<QByteArray> SandboxTools::readFile(const QString& sandboxId, const QString& path) {
    return withSandbox<QByteArray>(sandboxId, [path](Backend& backend, const QString& name) {
        return backend.readFile(name, path);
    });
}

Task<void> SandboxTools::writeFile(const QString& sandboxId, const QString& path,
                                   const QByteArray& content) {
    WriteOptions options;
    options.makeParents = true;
    return writeFile(sandboxId, path, content, options);
}

Task<void> SandboxTools::writeFile(const QString& sandboxId, const QString& path,
                                   const QByteArray& content, const WriteOptions& options) {
    return withSandbox<void>(sandboxId,
                             [path, content, options](Backend& backend, const QString& name) {
                                 return backend.writeFile(name, path, content, options);
                             });
}

Task<void> SandboxTools::remove(const QString& sandboxId, const QString& path, bool recursive) {
    return withSandbox<void>(sandboxId, [path, recursive](Backend& backend, const QString& name) {
        return backend.remove(name, path, recursive);
    });
}

Task<GlobResult> SandboxTools::glob(const QString& sandboxId, const QString& pattern,
                                    const QString& cwd, int maxResults) {
    if (pattern.isEmpty())
        return failedTask<GlobResult>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("the glob pattern is empty")));
    // The pattern is bash's $1, expanded unquoted with IFS empty: globbing happens, word
    // splitting and command substitution do not. The script text itself is constant.
    ExecRequest request;
    request.argv = {QStringLiteral("/bin/bash"),
                    QStringLiteral("-O"),
                    QStringLiteral("globstar"),
                    QStringLiteral("-O"),
                    QStringLiteral("nullglob"),
                    QStringLiteral("-c"),
                    QStringLiteral("IFS=; for p in $1; do printf '%s\\0' \"$p\"; done"),
                    QStringLiteral("glob"),
                    pattern};
    request.cwd = cwd;
    request.timeoutMs = kToolTimeoutMs;
    return chain<GlobResult>(
        withSandbox<ExecResult>(sandboxId,
                                [request](Backend& backend, const QString& name) {
                                    return backend.run(name, request);
                                }),
        this, [maxResults](Result<ExecResult> r) -> Task<GlobResult> {
            if (!r)
                return failedTask<GlobResult>(r.error());
            if (r.value().exitCode != 0 || r.value().timedOut)
                return failedTask<GlobResult>(commandFailed(QStringLiteral("glob"), r.value()));
            GlobResult out;
            for (const QByteArray& path : r.value().stdoutData.split('\0')) {
                if (path.isEmpty())
                    continue;
                if (out.paths.size() >= maxResults) {
                    out.truncated = true;
                    break;
                }
                out.paths.append(QString::fromUtf8(path));
            }
            return readyTask<GlobResult>(out);
        });
}

QList<GrepMatch> parseGrepOutput(const QByteArray& output, int maxResults) {
    QList<GrepMatch> matches;
    qsizetype pos = 0;
    while (pos < output.size() && matches.size() < maxResults) {
        const qsizetype nul = output.indexOf('\0', pos);
        if (nul < 0)
            break;
        const qsizetype eol = output.indexOf('\n', nul);
        const QByteArray rest = output.mid(nul + 1, (eol < 0 ? output.size() : eol) - nul - 1);
        const qsizetype colon = rest.indexOf(':');
        GrepMatch m;
        m.path = QString::fromUtf8(output.mid(pos, nul - pos));
        m.line = colon > 0 ? rest.left(colon).toInt() : 0;
        m.text = QString::fromUtf8(colon > 0 ? rest.mid(colon + 1) : rest);
        matches.append(std::move(m));
        if (eol < 0)
            break;
        pos = eol + 1;
    }
    return matches;
}

Task<QList<GrepMatch>> SandboxTools::grep(const QString& sandboxId, const QString& pattern,
                                          const GrepOptions& options) {
    if (pattern.isEmpty())
        return failedTask<QList<GrepMatch>>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("the grep pattern is empty")));
    if (options.maxResults <= 0)
        return failedTask<QList<GrepMatch>>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("maxResults must be positive")));
    ExecRequest request;
    request.argv = {QStringLiteral("grep"), QStringLiteral("-rnIZ"),
                    QStringLiteral("--color=never")};
    if (options.ignoreCase)
        request.argv << QStringLiteral("-i");
    request.argv << (options.fixedString ? QStringLiteral("-F") : QStringLiteral("-E"));
    if (!options.include.isEmpty())
        request.argv << QStringLiteral("--include=") + options.include;
    request.argv << QStringLiteral("-m") << QString::number(options.maxResults);
    // -e and -- keep a pattern or path that starts with '-' from being read as an option.
    request.argv << QStringLiteral("-e") << pattern << QStringLiteral("--")
                 << (options.path.isEmpty() ? QStringLiteral(".") : options.path);
    request.timeoutMs = kToolTimeoutMs;
    const int maxResults = options.maxResults;
    return chain<QList<GrepMatch>>(
        withSandbox<ExecResult>(sandboxId,
                                [request](Backend& backend, const QString& name) {
                                    return backend.run(name, request);
                                }),
        this, [maxResults](Result<ExecResult> r) -> Task<QList<GrepMatch>> {
            if (!r)
                return failedTask<QList<GrepMatch>>(r.error());
            // grep: 0 = matches, 1 = none, 2 = trouble.
            if (r.value().timedOut || r.value().exitCode > 1)
                return failedTask<QList<GrepMatch>>(
                    commandFailed(QStringLiteral("grep"), r.value()));
            return readyTask<QList<GrepMatch>>(parseGrepOutput(r.value().stdoutData, maxResults));
        });
}

Task<FsEntry> SandboxTools::stat(const QString& sandboxId, const QString& path) {
    return withSandbox<FsEntry>(sandboxId, [path](Backend& backend, const QString& name) {
        return backend.stat(name, path);
    });
}

Task<void> SandboxTools::mkdir(const QString& sandboxId, const QString& path) {
    return withSandbox<void>(sandboxId, [path](Backend& backend, const QString& name) {
        return backend.makeDir(name, path, true);
    });
}

Task<QList<FsEntry>> SandboxTools::readdir(const QString& sandboxId, const QString& path) {
    return withSandbox<QList<FsEntry>>(sandboxId, [path](Backend& backend, const QString& name) {
        return backend.listDir(name, path);
    });
}

Task<void> SandboxTools::rename(const QString& sandboxId, const QString& from, const QString& to) {
    return withSandbox<void>(sandboxId, [from, to](Backend& backend, const QString& name) {
        return backend.rename(name, from, to);
    });
}

Task<void> SandboxTools::chmod(const QString& sandboxId, const QString& path, quint32 mode) {
    return withSandbox<void>(sandboxId, [path, mode](Backend& backend, const QString& name) {
        return backend.chmod(name, path, mode);
    });
}

FileTransfer* SandboxTools::download(const QString& sandboxId, const QString& path,
                                     QIODevice* sink) {
    return transferWhenActive(sandboxId, FileTransfer::Direction::Download, path,
                              [path, sink](Backend& backend, const QString& name) {
                                  return backend.download(name, path, sink);
                              });
}

FileTransfer* SandboxTools::upload(const QString& sandboxId, const QString& path, QIODevice* source,
                                   const WriteOptions& options) {
    return transferWhenActive(sandboxId, FileTransfer::Direction::Upload, path,
                              [path, source, options](Backend& backend, const QString& name) {
                                  return backend.upload(name, path, source, options);
                              });
}

FileTransfer* SandboxTools::transferWhenActive(
    const QString& sandboxId, FileTransfer::Direction direction, const QString& path,
    std::function<FileTransfer*(Backend& backend, const QString& name)> start) {
    auto* transfer = new DeferredTransfer(direction, path);
    // The transfer is the receiver: cancelled (and gone) before the sandbox woke, it starts
    // nothing.
    whenReady(m_engine.ensureActive(sandboxId), transfer,
              [this, transfer, start](Result<Sandbox> sandbox) {
                  if (!sandbox)
                      return transfer->abort(sandbox.error());
                  Backend* backend = m_engine.backend(sandbox.value().backend);
                  if (!backend) {
                      return transfer->abort(makeError(
                          ErrorCode::Unavailable, QStringLiteral("backend \"%1\" is not available")
                                                      .arg(sandbox.value().backend)));
                  }
                  transfer->start(start(*backend, sandbox.value().name));
              });
    return transfer;
}

} // namespace hangar
