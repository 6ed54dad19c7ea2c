// The Sprites emulator's HTTP exec (sprites-api.md §3.10, §14.3.2): POST …/exec runs a non-TTY
// command and answers with its output as records — 0x01/0x02 + bytes, then 0x03 + exit code —
// each record one HTTP chunk of at most 4 KiB, paced so that a reader which takes one chunk per
// read (the JS SDK's execFileHTTP) sees one record per read.
#include "SpritesApi.h"
#include "SpritesJson.h"

#include <QPointer>
#include <QTimer>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr qint64 MaxStdinBytes = 10 * 1024 * 1024; // 413 above (§3.10)
constexpr qsizetype MaxRecordBytes = 4096;         // type byte included
constexpr int RecordGapMs = 10;                    // between two records (§14.3.2)

bool isTrue(const QString& value) {
    return value == QLatin1String("true") || value == QLatin1String("1");
}

// Clients tell records apart only by the reads they get (a Node stream hands over whatever
// has piled up in one read), so records go out with pauses a reading client keeps up with.
constexpr int FirstRecordDelayMs = 100;
constexpr int ExitRecordGapMs = 50;
// Past this many queued records the command's output waits in its pipe (so a command that
// writes faster than the pace fills no memory); below the second, it flows again.
constexpr qsizetype PauseAboveRecords = 256;
constexpr qsizetype ResumeBelowRecords = 64;

// Writes queued records one per timer tick, the exit record last; ends the body after it.

class RecordPacer : public QObject {
public:
    RecordPacer(SpritesReply reply, ExecSession* session, QObject* parent)
        : QObject(parent)
        , m_reply(std::move(reply))
        , m_session(session) {
        // The first record waits until the client, which has just seen the headers, is reading.
        m_timer.setInterval(FirstRecordDelayMs);
        connect(&m_timer, &QTimer::timeout, this, &RecordPacer::tick);
    }

    ~RecordPacer() override { setPaused(false); }

    void output(const QByteArray& data, char type) {
        for (qsizetype at = 0; at < data.size(); at += MaxRecordBytes - 1)
            m_queue.append(type + data.mid(at, MaxRecordBytes - 1));
        if (m_queue.size() > PauseAboveRecords)
            setPaused(true);
        if (!m_timer.isActive())
            m_timer.start();
    }

    // The client is gone: nothing more is read for it.
    void release() { setPaused(false); }

    void exit(int code) {
        QByteArray record(2, Qt::Uninitialized);
        record[0] = 0x03;
        record[1] = static_cast<char>(code < 0 || code > 255 ? 255 : code);
        if (m_queue.isEmpty())
            m_timer.setInterval(ExitRecordGapMs); // see tick()
        m_queue.append(record);
        m_exitQueued = true;
        m_timer.start();
    }

private:
    void tick() {
        if (m_queue.isEmpty())
            return m_timer.stop();
        m_reply.streamChunk(m_queue.takeFirst());
        if (m_queue.size() < ResumeBelowRecords)
            setPaused(false);
        m_timer.setInterval(RecordGapMs);
        // An exit record merged into output would be lost: it waits longer.
        if (m_exitQueued && m_queue.size() == 1)
            m_timer.setInterval(ExitRecordGapMs);
        if (m_queue.isEmpty() && m_exitQueued) {
            m_reply.endStream();
            m_timer.stop();
            deleteLater();
        }
    }

    void setPaused(bool paused) {
        if (m_paused == paused || !m_session)
            return;
        m_paused = paused;
        m_session->setOutputPaused(paused);
    }

    SpritesReply m_reply;
    QPointer<ExecSession> m_session;
    bool m_paused = false;
    QTimer m_timer;
    QList<QByteArray> m_queue;
    bool m_exitQueued = false;
};

} // namespace

void SpritesApi::addHttpExecRoutes() {
    m_server->route(
        Method::Post, QStringLiteral("/v1/sprites/:name/exec"),
        [this](const http::Request& r, SpritesReply reply) {
            const QString name = r.param(QStringLiteral("name"));
            if (!checkSprite(name, reply))
                return;
            const QUrlQuery query = formQuery(r.http.url());
            for (const char* key : {"tty", "id", "detachable", "cc"}) {
                if (query.hasQueryItem(QString::fromLatin1(key)))
                    return reply.gatewayError(
                        S::BadRequest, QStringLiteral("invalid_parameter"),
                        QStringLiteral("%1 is not supported by HTTP exec").arg(QLatin1String(key)));
            }
            auto value = [&query](const QString& key) {
                return query.queryItemValue(key, QUrl::FullyDecoded);
            };
            ExecRequest request;
            request.argv = query.allQueryItemValues(QStringLiteral("cmd"), QUrl::FullyDecoded);
            if (request.argv.isEmpty() || request.argv.first().isEmpty())
                return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"),
                                          QStringLiteral("cmd is required"));
            if (const QString path = value(QStringLiteral("path")); !path.isEmpty())
                request.argv[0] = path;
            request.cwd = value(QStringLiteral("dir"));
            for (const QString& pair :
                 query.allQueryItemValues(QStringLiteral("env"), QUrl::FullyDecoded)) {
                const qsizetype eq = pair.indexOf(QLatin1Char('='));
                if (eq <= 0)
                    return reply.gatewayError(
                        S::BadRequest, QStringLiteral("invalid_parameter"),
                        QStringLiteral("env entries must be KEY=VALUE, got '%1'").arg(pair));
                request.env.insert(pair.left(eq), pair.mid(eq + 1));
            }
            const bool stdinEnabled = isTrue(value(QStringLiteral("stdin")));
            const QByteArray input = stdinEnabled ? r.http.body() : QByteArray();
            if (input.size() > MaxStdinBytes)
                return reply.gatewayError(S::PayloadTooLarge, QStringLiteral("payload_too_large"),
                                          QStringLiteral("stdin is limited to 10 MiB"));
            m_backend.wake(name).then(this, [this, name, request, input,
                                             reply](Status woken) mutable {
                if (!woken)
                    return reply.gatewayError(S::InternalServerError, QStringLiteral("exec_failed"),
                                              woken.error().describe());
                ExecSession* session = m_backend.startExec(name, request);
                QPointer<ExecSession> guard = session;
                auto* pacer = new RecordPacer(reply, session, this);
                // A client that goes away takes its command with it.
                if (QTcpSocket* socket = reply.socket())
                    connect(socket, &QAbstractSocket::disconnected, pacer, [guard, pacer] {
                        pacer->release();
                        if (guard && guard->isRunning())
                            guard->terminate();
                    });
                connect(session, &ExecSession::started, pacer, [reply, session, input]() mutable {
                    reply.startStream(QByteArrayLiteral("application/octet-stream"));
                    if (!input.isEmpty())
                        session->write(input);
                    session->closeStdin();
                });
                connect(session, &ExecSession::output, pacer,
                        [pacer](const QByteArray& data, ExecSession::Stream stream) {
                            pacer->output(data,
                                          stream == ExecSession::Stream::Stderr ? 0x02 : 0x01);
                        });
                connect(session, &ExecSession::exited, pacer,
                        [pacer](int code, bool) { pacer->exit(code); });
                connect(session, &ExecSession::failed, pacer,
                        [reply, pacer](const Error& error) mutable {
                            // Before the stream: a plain failure, no records (§14.3.2).
                            if (!reply.isStreaming())
                                reply.gatewayError(
                                    S::InternalServerError, QStringLiteral("exec_failed"),
                                    QStringLiteral("failed to start process: ") + error.describe());
                            else if (QTcpSocket* socket = reply.socket())
                                socket->abort(); // the record stream cannot say "failed"
                            pacer->deleteLater();
                        });
            });
        });
}

} // namespace hangar::spritesapi
