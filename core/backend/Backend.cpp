#include "Backend.h"

#include <QPointer>

#include <memory>

namespace hangar {

namespace {

// Collects one session's output into an ExecResult, with a cap per stream.
struct RunCollector {
    QPromise<Result<ExecResult>> promise;
    ExecResult result;
    qint64 maxBytes = 0;
    bool truncated = false;
    bool done = false;

    void append(QByteArray& target, const QByteArray& data) {
        const qint64 room = maxBytes - target.size();
        if (room <= 0) {
            truncated = true;
            return;
        }
        if (data.size() > room)
            truncated = true;
        target.append(data.left(room));
    }

    void finish(Result<ExecResult> r) {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(r));
        promise.finish();
    }
};

} // namespace

Task<ExecResult> Backend::run(const QString& name, const ExecRequest& request,
                              qint64 maxOutputBytes) {
    auto collector = std::make_shared<RunCollector>();
    collector->maxBytes = maxOutputBytes;
    collector->promise.start();
    Task<ExecResult> future = collector->promise.future();

    ExecSession* session = startExec(name, request);
    // run() has no input to give: a command that reads stdin gets EOF instead of waiting.
    session->closeStdin();
    connect(session, &ExecSession::output, this,
            [collector](const QByteArray& data, ExecSession::Stream stream) {
                collector->append(stream == ExecSession::Stream::Stdout
                                      ? collector->result.stdoutData
                                      : collector->result.stderrData,
                                  data);
            });
    connect(session, &ExecSession::exited, this, [collector](int exitCode, bool timedOut) {
        collector->result.exitCode = exitCode;
        collector->result.timedOut = timedOut;
        if (collector->truncated) {
            collector->result.stderrData.append(
                QByteArrayLiteral("\n[hangar: output truncated at ") +
                QByteArray::number(collector->maxBytes) + QByteArrayLiteral(" bytes]\n"));
        }
        collector->finish(collector->result);
    });
    connect(session, &ExecSession::failed, this,
            [collector](const Error& error) { collector->finish(error); });
    // A session deleted before it reported (backend shut down) must not leave the caller hanging.
    connect(session, &QObject::destroyed, this, [collector] {
        collector->finish(
            makeError(ErrorCode::Cancelled, QStringLiteral("the command was cancelled")));
    });
    return future;
}

FileTransfer* Backend::download(const QString&, const QString& path, QIODevice*) {
    return FileTransfer::failure(
        FileTransfer::Direction::Download, path,
        makeError(ErrorCode::Unavailable,
                  QStringLiteral("the %1 backend cannot transfer files").arg(kind()), path));
}

FileTransfer* Backend::upload(const QString&, const QString& path, QIODevice*,
                              const WriteOptions&) {
    return FileTransfer::failure(
        FileTransfer::Direction::Upload, path,
        makeError(ErrorCode::Unavailable,
                  QStringLiteral("the %1 backend cannot transfer files").arg(kind()), path));
}

} // namespace hangar
