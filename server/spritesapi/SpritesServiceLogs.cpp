// The Sprites emulator's service log stream and restart (sprites-api.md §6.3, §14.5): the log is
// the service's own (ServiceLog, fed by every run), read from its end and followed for a while.
#include "SpritesApi.h"
#include "SpritesJson.h"

#include <QTimer>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr qint64 DefaultWindowMs = 5'000;       // restart's `duration`, as for start
constexpr qint64 DefaultStopTimeoutMs = 10'000; // the stop part of a restart
constexpr qint64 MaxFollowMs = 24 * 3600 * 1000;
constexpr qint64 FollowKeepaliveMs = 60'000; // §14.1 item 6: never silent for 300 s

QJsonObject completeEvent() {
    return logEvent(QStringLiteral("complete"), QStringLiteral("log_files"), QJsonObject{});
}

} // namespace

void SpritesApi::addServiceLogRoutes() {
    auto route = [this](Method method, const QString& suffix, auto run) {
        m_server->route(method, QStringLiteral("/v1/sprites/:name/services/:svc") + suffix,
                        [this, run](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (!checkSprite(name, reply))
                                return;
                            if (auto service =
                                    findService(name, r.param(QStringLiteral("svc")), reply))
                                run(r, reply, name, service);
                        });
    };
    route(Method::Get, QStringLiteral("/logs"),
          [this](const http::Request& r, SpritesReply reply, const QString&,
                 std::shared_ptr<Service> service) {
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
              reply.startStream();
              for (const QJsonObject& event : service->log->tail(lines))
                  reply.streamLine(event);
              if (followMs == 0) {
                  reply.streamLine(completeEvent());
                  return reply.endStream();
              }
              // Follow: new events as they are logged, until the time is up or the client leaves.
              auto* follow = new QObject(this);
              if (QTcpSocket* socket = reply.socket())
                  connect(socket, &QObject::destroyed, follow, &QObject::deleteLater);
              connect(service->log.get(), &ServiceLog::appended, follow,
                      [reply](const QJsonObject& event) mutable { reply.streamLine(event); });
              auto* keepalive = new QTimer(follow);
              connect(keepalive, &QTimer::timeout, follow, [reply]() mutable {
                  // An empty stdout event: harmless to every reader, and not silence.
                  reply.streamLine(
                      logEvent(QStringLiteral("stdout"), QStringLiteral("data"), QString()));
              });
              keepalive->start(FollowKeepaliveMs);
              QTimer::singleShot(followMs, follow, [reply, follow]() mutable {
                  reply.streamLine(completeEvent());
                  reply.endStream();
                  follow->deleteLater();
              });
          });
    route(Method::Post, QStringLiteral("/restart"),
          [this](const http::Request& r, SpritesReply reply, const QString& name,
                 std::shared_ptr<Service> service) {
              qint64 window = DefaultWindowMs;
              if (const QString text = queryValue(r, QStringLiteral("duration")); !text.isEmpty()) {
                  const auto parsed = parseDurationMs(text);
                  if (!parsed)
                      return plainError(reply, S::BadRequest,
                                        QStringLiteral("duration must be a duration like 5s"));
                  window = *parsed;
              }
              restartService(name, service, window, reply);
          });
}

void SpritesApi::restartService(const QString& name, std::shared_ptr<Service> service,
                                qint64 windowMs, SpritesReply reply) {
    // A restart always streams, even with duration 0: it has a stop to report.
    const qint64 window = std::max<qint64>(windowMs, 1);
    service->restartCount += 1;
    if (!service->session)
        return startService(name, service, window, reply);
    stopService(service, DefaultStopTimeoutMs, reply,
                [this, name, service, window](SpritesReply streaming) {
                    startService(name, service, window, streaming);
                });
}

} // namespace hangar::spritesapi
