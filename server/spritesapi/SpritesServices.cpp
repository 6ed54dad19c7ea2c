// The Sprites emulator's services (sprites-api.md §6, §14.5): long-running commands the
// emulator starts, watches and stops, each a backend exec session. Definitions and state live in
// memory for as long as hangard runs. Progress and output go out as NDJSON log events with
// integer-millisecond timestamps; errors are text/plain like the in-VM server's.
#include "SpritesApi.h"
#include "SpritesJson.h"

#include <QJsonArray>
#include <QTimer>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr qint64 DefaultWindowMs = 5'000;       // `duration` of create/start (§6.3)
constexpr qint64 DefaultStopTimeoutMs = 10'000; // `timeout` of stop
constexpr qint64 LateOutputMs = 200;            // after an exit inside the window (§6.2)
constexpr qsizetype MaxEventData = 16 * 1024;   // keeps every NDJSON line far below 64 KiB

void streamOutput(SpritesReply& reply, const QByteArray& data, ExecSession::Stream stream) {
    const QString type =
        stream == ExecSession::Stream::Stderr ? QStringLiteral("stderr") : QStringLiteral("stdout");
    for (qsizetype at = 0; at < data.size(); at += MaxEventData)
        reply.streamLine(
            logEvent(type, QStringLiteral("data"), QString::fromUtf8(data.mid(at, MaxEventData))));
}

std::optional<QStringList> stringList(const QJsonValue& value) {
    if (value.isUndefined() || value.isNull())
        return QStringList{};
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    for (const auto& item : value.toArray()) {
        if (!item.isString())
            return std::nullopt;
        list.append(item.toString());
    }
    return list;
}

// ?duration= / ?timeout=: a Go duration or bare seconds; absent = the default.
std::optional<qint64> durationParam(const http::Request& r, const QString& key, qint64 fallback) {
    const QString text = queryValue(r, key);
    return text.isEmpty() ? std::optional<qint64>(fallback) : parseDurationMs(text);
}

} // namespace

QJsonObject SpritesApi::serviceJson(const Service& s) const {
    QJsonObject env;
    for (auto it = s.env.cbegin(); it != s.env.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject state{{QStringLiteral("name"), s.name},
                      {QStringLiteral("status"), s.status},
                      {QStringLiteral("restart_count"), s.restartCount}};
    if (s.status == QLatin1String("running") || s.status == QLatin1String("stopping"))
        state.insert(QStringLiteral("started_at"), timeValue(s.startedAt));
    if (!s.error.isEmpty())
        state.insert(QStringLiteral("error"), s.error);
    return {{QStringLiteral("name"), s.name},
            {QStringLiteral("cmd"), s.cmd},
            {QStringLiteral("args"), QJsonArray::fromStringList(s.args)},
            {QStringLiteral("needs"), QJsonArray::fromStringList(s.needs)},
            {QStringLiteral("env"), env},
            {QStringLiteral("dir"), s.dir},
            {QStringLiteral("http_port"), s.httpPort ? QJsonValue(*s.httpPort) : QJsonValue()},
            {QStringLiteral("state"), state}};
}

std::shared_ptr<SpritesApi::Service>
SpritesApi::findService(const QString& name, const QString& service, SpritesReply& reply) const {
    auto found = m_services.value(name).value(service);
    if (!found)
        plainError(reply, S::NotFound, QStringLiteral("service not found: %1").arg(service));
    return found;
}

void SpritesApi::addServiceRoutes() {
    auto route = [this](Method method, const QString& suffix, auto run) {
        m_server->route(method, QStringLiteral("/v1/sprites/:name/services") + suffix,
                        [this, run](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (checkSprite(name, reply))
                                run(r, reply, name);
                        });
    };
    route(Method::Get, QString(),
          [this](const http::Request&, SpritesReply reply, const QString& name) {
              QJsonArray array; // a bare array: Go needs it (§14.5)
              for (const auto& service : m_services.value(name))
                  array.append(serviceJson(*service));
              reply.json(array);
          });
    route(Method::Get, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              if (auto service = findService(name, r.param(QStringLiteral("svc")), reply))
                  reply.json(serviceJson(*service));
          });
    route(Method::Put, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              putService(r, reply, name);
          });
    route(Method::Delete, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const QString svc = r.param(QStringLiteral("svc"));
              auto service = findService(name, svc, reply);
              if (!service)
                  return;
              if (service->session)
                  return plainError(
                      reply, S::Conflict,
                      QStringLiteral("service %1 is running; stop it first").arg(svc));
              for (const auto& other : m_services.value(name)) {
                  if (other->needs.contains(svc))
                      return plainError(
                          reply, S::Conflict,
                          QStringLiteral("service %1 is needed by %2").arg(svc, other->name));
              }
              m_services[name].remove(svc);
              reply.noContent(); // exactly 204 (§6.3)
          });
    route(Method::Post, QStringLiteral("/:svc/start"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              auto service = findService(name, r.param(QStringLiteral("svc")), reply);
              if (!service)
                  return;
              const auto window = durationParam(r, QStringLiteral("duration"), DefaultWindowMs);
              if (!window)
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("duration must be a duration like 5s"));
              if (service->session)
                  return plainError(
                      reply, S::Conflict,
                      QStringLiteral("service %1 is already running").arg(service->name));
              startService(name, service, *window, reply);
          });
    route(Method::Post, QStringLiteral("/:svc/stop"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              auto service = findService(name, r.param(QStringLiteral("svc")), reply);
              if (!service)
                  return;
              const auto timeout =
                  durationParam(r, QStringLiteral("timeout"), DefaultStopTimeoutMs);
              if (!timeout)
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("timeout must be a duration like 10s"));
              if (!service->session)
                  return plainError(reply, S::Conflict,
                                    QStringLiteral("service %1 is not running").arg(service->name));
              stopService(service, *timeout, reply);
          });
    route(Method::Post, QStringLiteral("/signal"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return plainError(reply, S::BadRequest, why);
              const QString svc = body->value(QStringLiteral("name")).toString();
              QString signal = body->value(QStringLiteral("signal")).toString().toUpper();
              if (svc.isEmpty() || signal.isEmpty())
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("name and signal are required"));
              if (signal.startsWith(QLatin1String("SIG")))
                  signal = signal.mid(3);
              // A backend session can only be ended (TERM, then KILL after a grace period).
              static const QStringList ending{QStringLiteral("TERM"), QStringLiteral("KILL"),
                                              QStringLiteral("INT"), QStringLiteral("HUP"),
                                              QStringLiteral("QUIT")};
              if (!ending.contains(signal))
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("unsupported signal: %1").arg(signal));
              auto service = findService(name, svc, reply);
              if (!service)
                  return;
              if (!service->session)
                  return plainError(reply, S::Conflict,
                                    QStringLiteral("service %1 is not running").arg(svc));
              service->stopping = true;
              service->session->terminate();
              reply.noContent(); // exactly 204 (§6.3)
          });
}

void SpritesApi::putService(const http::Request& r, SpritesReply reply, const QString& name) {
    const QString svc = r.param(QStringLiteral("svc"));
    if (auto valid = SpriteRegistry::validateName(svc); !valid || svc == QLatin1String("signal"))
        return plainError(reply, S::BadRequest,
                          QStringLiteral("invalid service name: %1").arg(svc));
    QString why;
    const auto body = r.jsonObject(&why);
    if (!body)
        return plainError(reply, S::BadRequest, why);
    const auto window = durationParam(r, QStringLiteral("duration"), DefaultWindowMs);
    if (!window)
        return plainError(reply, S::BadRequest,
                          QStringLiteral("duration must be a duration like 5s"));
    auto service = std::make_shared<Service>();
    service->name = svc;
    service->cmd = body->value(QStringLiteral("cmd")).toString();
    if (service->cmd.isEmpty())
        return plainError(reply, S::BadRequest, QStringLiteral("cmd is required"));
    const auto args = stringList(body->value(QStringLiteral("args")));
    const auto needs = stringList(body->value(QStringLiteral("needs")));
    if (!args || !needs)
        return plainError(reply, S::BadRequest,
                          QStringLiteral("args and needs must be arrays of strings"));
    service->args = *args; // a missing args or needs is [] (§14.5)
    service->needs = *needs;
    for (const QString& need : *needs) {
        if (need == svc || !m_services.value(name).contains(need))
            return plainError(reply, S::BadRequest,
                              QStringLiteral("unknown dependency: %1").arg(need));
    }
    const QJsonValue env = body->value(QStringLiteral("env"));
    if (!env.isUndefined() && !env.isNull() && !env.isObject())
        return plainError(reply, S::BadRequest, QStringLiteral("env must be an object"));
    const QJsonObject envObject = env.toObject();
    for (auto it = envObject.begin(); it != envObject.end(); ++it) {
        if (!it.value().isString())
            return plainError(reply, S::BadRequest, QStringLiteral("env values must be strings"));
        service->env.insert(it.key(), it.value().toString());
    }
    service->dir = body->value(QStringLiteral("dir")).toString();
    if (const QJsonValue port = body->value(QStringLiteral("http_port")); port.isDouble())
        service->httpPort = port.toInt();
    if (auto existing = m_services.value(name).value(svc); existing && existing->session)
        return plainError(reply, S::Conflict,
                          QStringLiteral("service %1 is running; stop it first").arg(svc));
    m_services[name].insert(svc, service);
    startService(name, service, *window, reply); // window 0: the service object (§13 item 26)
}

void SpritesApi::startService(const QString& name, std::shared_ptr<Service> service,
                              qint64 windowMs, SpritesReply reply) {
    service->status = QStringLiteral("starting");
    service->error.clear();
    service->stopping = false;
    ExecRequest request;
    request.argv = QStringList{service->cmd} + service->args;
    request.cwd = service->dir;
    request.env = service->env;
    // A stream that reports the window (windowMs 0: just the service object once started).
    auto done = std::make_shared<bool>(false);
    auto* window = new QObject(this);
    auto finish = [reply, done, window, windowMs, service, this]() mutable {
        if (std::exchange(*done, true))
            return;
        if (windowMs == 0) {
            reply.json(serviceJson(*service));
        } else {
            reply.streamLine(
                logEvent(QStringLiteral("complete"), QStringLiteral("log_files"), QJsonObject{}));
            reply.endStream();
        }
        window->deleteLater();
    };
    if (windowMs > 0)
        reply.startStream();
    m_backend.wake(name).then(window, [=, this](Status woken) mutable {
        if (!woken) {
            service->status = QStringLiteral("failed");
            service->error = woken.error().describe();
            if (windowMs > 0) {
                reply.streamLine(logEvent(
                    QStringLiteral("error"), QStringLiteral("data"),
                    QString(QStringLiteral("Failed to start service: ") + service->error)));
                reply.streamLine(logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), 1));
            }
            return finish();
        }
        ExecSession* session = m_backend.startExec(name, request);
        service->session = session;
        // The service's own state and log, for as long as the session lives.
        connect(session, &ExecSession::started, this, [service] {
            service->status = QStringLiteral("running");
            service->startedAt = QDateTime::currentDateTimeUtc();
        });
        ServiceLog* log = service->log.get();
        connect(session, &ExecSession::output, log,
                [log](const QByteArray& data, ExecSession::Stream stream) {
                    log->output(data, stream == ExecSession::Stream::Stderr);
                });
        connect(session, &ExecSession::exited, log, [log](int code, bool) {
            log->event(
                logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), wireExitCode(code)));
        });
        connect(session, &ExecSession::failed, log, [log](const Error& error) {
            log->event(logEvent(QStringLiteral("error"), QStringLiteral("data"), error.describe()));
        });
        connect(session, &ExecSession::exited, this, [service](int code, bool) {
            const bool stopped = service->stopping || code == 0;
            service->status = stopped ? QStringLiteral("stopped") : QStringLiteral("failed");
            service->error =
                stopped ? QString() : QStringLiteral("exited with code %1").arg(wireExitCode(code));
            service->session = nullptr;
        });
        connect(session, &ExecSession::failed, this, [service](const Error& error) {
            service->status = QStringLiteral("failed");
            service->error = error.describe();
            service->session = nullptr;
        });
        // The reply, for the window.
        connect(session, &ExecSession::started, window, [=]() mutable {
            if (windowMs == 0)
                return finish();
            reply.streamLine(logEvent(QStringLiteral("started")));
        });
        if (windowMs == 0) {
            connect(session, &ExecSession::failed, window, [=](const Error&) mutable { finish(); });
            return;
        }
        connect(session, &ExecSession::output, window,
                [reply](const QByteArray& data, ExecSession::Stream stream) mutable {
                    streamOutput(reply, data, stream);
                });
        connect(session, &ExecSession::exited, window, [=](int code, bool) mutable {
            reply.streamLine(
                logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), wireExitCode(code)));
            QTimer::singleShot(LateOutputMs, window, finish);
        });
        connect(session, &ExecSession::failed, window, [=](const Error& error) mutable {
            reply.streamLine(
                logEvent(QStringLiteral("error"), QStringLiteral("data"),
                         QString(QStringLiteral("Failed to start service: ") + error.describe())));
            reply.streamLine(logEvent(QStringLiteral("exit"), QStringLiteral("exit_code"), 1));
            finish();
        });
        QTimer::singleShot(windowMs, window, finish);
    });
}

void SpritesApi::stopService(std::shared_ptr<Service> service, qint64 timeoutMs, SpritesReply reply,
                             std::function<void(SpritesReply)> then) {
    QPointer<ExecSession> session = service->session;
    service->stopping = true;
    service->status = QStringLiteral("stopping");
    reply.startStream();
    reply.streamLine(logEvent(QStringLiteral("stopping")));
    auto* guard = new QObject(this);
    auto done = std::make_shared<bool>(false);
    auto finish = [reply, guard, done, then](const QList<QJsonObject>& lines) mutable {
        if (std::exchange(*done, true))
            return;
        for (const QJsonObject& line : lines)
            reply.streamLine(line);
        guard->deleteLater();
        if (then)
            return then(reply);
        reply.streamLine(
            logEvent(QStringLiteral("complete"), QStringLiteral("log_files"), QJsonObject{}));
        reply.endStream();
    };
    connect(session, &ExecSession::output, guard,
            [reply](const QByteArray& data, ExecSession::Stream stream) mutable {
                streamOutput(reply, data, stream);
            });
    connect(session, &ExecSession::exited, guard, [finish](int code, bool) mutable {
        finish(
            {logEvent(QStringLiteral("stopped"), QStringLiteral("exit_code"), wireExitCode(code))});
    });
    // The backend escalates to SIGKILL itself; give up waiting well after the timeout.
    QTimer::singleShot(timeoutMs + 5000, guard, [finish]() mutable {
        finish({logEvent(QStringLiteral("error"), QStringLiteral("data"),
                         QStringLiteral("Warning: service may not have stopped"))});
    });
    session->terminate();
}

} // namespace hangar::spritesapi
