// The Sprites emulator's service log stream and restart (sprites-api.md §6.3, §14.5): the log is
// the backend's log of the service, read from its end and followed for a while.
#include "SpritesApi.h"
#include "SpritesJson.h"

#include <QTimer>

#include <memory>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr qint64 DefaultWindowMs = 5'000; // restart's `duration`, as for start
constexpr qint64 MaxFollowMs = 24 * 3600 * 1000;
constexpr qint64 FollowKeepaliveMs = 60'000; // §14.1 item 6: never silent for 300 s

// The last `lines` output lines of `log` (all when lines < 0) as wire events.
QList<QJsonObject> outputTail(const QList<ServiceLogLine>& log, int lines) {
    QList<const ServiceLogLine*> picked;
    for (auto it = log.crbegin(); it != log.crend(); ++it) {
        if (lines >= 0 && picked.size() >= lines)
            break;
        if (it->stream != ServiceLogLine::Stream::Event)
            picked.prepend(&*it);
    }
    QList<QJsonObject> events;
    for (const ServiceLogLine* line : picked)
        events += wireEvents(*line);
    return events;
}

// Follows a service's log for a while: new lines as wire events (output, exit, error), an
// empty stdout event now and then so the body is never silent, then `complete`. Lines that
// arrive before the history went out wait for it.
class LogFollower : public QObject {
public:
    LogFollower(ServiceLogStream* log, SpritesReply reply, qint64 ms, QObject* parent)
        : QObject(parent)
        , m_log(log)
        , m_reply(std::move(reply)) {
        log->setParent(this);
        connect(log, &ServiceLogStream::line, this, &LogFollower::onLine);
        connect(log, &ServiceLogStream::ended, this, &LogFollower::finish);
        connect(log, &ServiceLogStream::failed, this, &LogFollower::finish);
        if (QTcpSocket* socket = m_reply.socket())
            connect(socket, &QObject::destroyed, this, &LogFollower::finish);
        auto* keepalive = new QTimer(this);
        connect(keepalive, &QTimer::timeout, this, [this] {
            // An empty stdout event: harmless to every reader, and not silence.
            m_reply.streamLine(
                logEvent(QStringLiteral("stdout"), QStringLiteral("data"), QString()));
        });
        keepalive->start(FollowKeepaliveMs);
        QTimer::singleShot(int(ms), this, &LogFollower::finish);
    }

    // The history went out: what waited goes now, the rest as it comes.
    void historySent() {
        m_live = true;
        for (const ServiceLogLine& line : std::exchange(m_waiting, {}))
            onLine(line);
    }

private:
    void onLine(const ServiceLogLine& line) {
        if (!m_live)
            return m_waiting.append(line);
        // The log shows starts and stops in words; the wire's log has only exits and errors.
        if (line.event == ServiceLogLine::Event::Started ||
            line.event == ServiceLogLine::Event::Stopped)
            return;
        for (const QJsonObject& event : wireEvents(line))
            m_reply.streamLine(event);
    }

    void finish() {
        if (std::exchange(m_done, true))
            return;
        m_reply.streamLine(completeEvent());
        m_reply.endStream();
        if (m_log)
            m_log->cancel();
        deleteLater();
    }

    QPointer<ServiceLogStream> m_log;
    SpritesReply m_reply;
    QList<ServiceLogLine> m_waiting;
    bool m_live = false;
    bool m_done = false;
};

} // namespace

void SpritesApi::addServiceLogRoutes() {
    auto route = [this](Method method, const QString& suffix, auto run) {
        m_server->route(method, QStringLiteral("/v1/sprites/:name/services/:svc") + suffix,
                        [this, run](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (!checkSprite(name, reply))
                                return;
                            withService(
                                name, r.param(QStringLiteral("svc")), reply,
                                [r, name, run](const ServiceInfo& service, SpritesReply answer) {
                                    run(r, answer, name, service);
                                });
                        });
    };
    route(Method::Get, QStringLiteral("/logs"),
          [this](const http::Request& r, SpritesReply reply, const QString& name,
                 const ServiceInfo& service) {
              int lines = -1;
              if (const QString text = queryValue(r, QStringLiteral("lines")); !text.isEmpty()) {
                  bool ok = false;
                  lines = text.toInt(&ok);
                  if (!ok || lines < 0)
                      return plainError(reply, S::BadRequest,
                                        QStringLiteral("lines must be a non-negative integer"));
              }
              qint64 followMs = 0;
              if (const QString text = queryValue(r, QStringLiteral("duration")); !text.isEmpty()) {
                  const auto parsed = parseDurationMs(text);
                  if (!parsed || *parsed > MaxFollowMs)
                      return plainError(reply, S::BadRequest,
                                        QStringLiteral("duration must be a duration like 5s"));
                  followMs = *parsed;
              }
              // Following starts before the history is read, so no line falls between them.
              QPointer<LogFollower> follower;
              if (followMs > 0)
                  follower = new LogFollower(m_backend.followServiceLog(name, service.name(), 0),
                                             reply, followMs, this);
              reply.startStream();
              m_backend.readServiceLog(name, service.name())
                  .then(this, [reply, lines, follower](Result<QList<ServiceLogLine>> log) mutable {
                      if (log) {
                          for (const QJsonObject& event : outputTail(log.value(), lines))
                              reply.streamLine(event);
                      }
                      if (follower)
                          return follower->historySent();
                      reply.streamLine(completeEvent());
                      reply.endStream();
                  });
          });
    route(Method::Post, QStringLiteral("/restart"),
          [this](const http::Request& r, SpritesReply reply, const QString& name,
                 const ServiceInfo& service) {
              qint64 window = DefaultWindowMs;
              if (const QString text = queryValue(r, QStringLiteral("duration")); !text.isEmpty()) {
                  const auto parsed = parseDurationMs(text);
                  if (!parsed)
                      return plainError(reply, S::BadRequest,
                                        QStringLiteral("duration must be a duration like 5s"));
                  window = *parsed;
              }
              const QString svc = service.name();
              // Always a stream, even with a window of 0: there may be a stop to report. (The
              // window has started the stream; its own events come later.)
              runService(name, svc, ServiceWindow::Kind::Restart, window, reply,
                         [this, name, svc] { return m_backend.restartService(name, svc); });
              if (service.status == ServiceStatus::Running ||
                  service.status == ServiceStatus::Starting)
                  reply.streamLine(logEvent(QStringLiteral("stopping")));
          });
}

} // namespace hangar::spritesapi
