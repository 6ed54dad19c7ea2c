// The Sprites emulator's services (sprites-api.md §6, §14.5) over the backend's own services
// (LocalBackend: supervised processes with a pid, real signals, restarts after a crash and
// definitions that outlive hangard). The routes translate requests, states and the service log
// to and from the wire; errors are text/plain like the in-VM server's.
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "util/Async.h"

#include <QJsonArray>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;
using Kind = ServiceWindow::Kind;

constexpr qint64 DefaultWindowMs = 5'000;       // `duration` of create/start (§6.3)
constexpr qint64 DefaultStopTimeoutMs = 10'000; // `timeout` of stop

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

bool isActive(const ServiceInfo& service) {
    return service.status == ServiceStatus::Running || service.status == ServiceStatus::Starting ||
           service.status == ServiceStatus::Stopping;
}

QJsonObject serviceJson(const ServiceInfo& s) {
    QJsonObject env;
    for (auto it = s.spec.env.cbegin(); it != s.spec.env.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject state{{QStringLiteral("name"), s.name()},
                      {QStringLiteral("status"), serviceStatusName(s.status)},
                      {QStringLiteral("restart_count"), s.restartCount}};
    if (s.pid)
        state.insert(QStringLiteral("pid"), *s.pid);
    if ((s.status == ServiceStatus::Running || s.status == ServiceStatus::Stopping) &&
        s.startedAt.isValid())
        state.insert(QStringLiteral("started_at"), timeValue(s.startedAt));
    if (!s.error.isEmpty())
        state.insert(QStringLiteral("error"), s.error);
    return {{QStringLiteral("name"), s.name()},
            {QStringLiteral("cmd"), s.spec.command},
            {QStringLiteral("args"), QJsonArray::fromStringList(s.spec.args)},
            {QStringLiteral("needs"), QJsonArray::fromStringList(s.spec.needs)},
            {QStringLiteral("env"), env},
            {QStringLiteral("dir"), s.spec.dir},
            {QStringLiteral("http_port"),
             s.spec.httpPort ? QJsonValue(*s.spec.httpPort) : QJsonValue()},
            {QStringLiteral("state"), state}};
}

void serviceError(SpritesReply& reply, const Error& error) {
    plainError(reply, serviceErrorStatus(error), error.message);
}

// A ServiceRequest body (§6.1) as a spec, or the reason it is not one.
Result<ServiceSpec> parseSpec(const QString& svc, const QJsonObject& body) {
    auto bad = [](const QString& why) { return makeError(ErrorCode::InvalidArgument, why); };
    ServiceSpec spec;
    spec.name = svc;
    spec.command = body.value(QStringLiteral("cmd")).toString();
    if (spec.command.isEmpty())
        return bad(QStringLiteral("cmd is required"));
    const auto args = stringList(body.value(QStringLiteral("args")));
    const auto needs = stringList(body.value(QStringLiteral("needs")));
    if (!args || !needs)
        return bad(QStringLiteral("args and needs must be arrays of strings"));
    spec.args = *args; // a missing args or needs is [] (§14.5)
    spec.needs = *needs;
    const QJsonValue env = body.value(QStringLiteral("env"));
    if (!env.isUndefined() && !env.isNull() && !env.isObject())
        return bad(QStringLiteral("env must be an object"));
    const QJsonObject envObject = env.toObject();
    for (auto it = envObject.begin(); it != envObject.end(); ++it) {
        if (!it.value().isString())
            return bad(QStringLiteral("env values must be strings"));
        spec.env.insert(it.key(), it.value().toString());
    }
    spec.dir = body.value(QStringLiteral("dir")).toString();
    const QJsonValue port = body.value(QStringLiteral("http_port"));
    if (port.isDouble())
        spec.httpPort = port.toInt();
    else if (!port.isUndefined() && !port.isNull())
        return bad(QStringLiteral("http_port must be a number"));
    if (auto valid = spec.validate(); !valid)
        return valid.error();
    return spec;
}

} // namespace

void SpritesApi::withService(const QString& name, const QString& svc, SpritesReply reply,
                             std::function<void(const ServiceInfo&, SpritesReply)> then) {
    m_backend.listServices(name).then(
        this, [svc, reply, then](Result<QList<ServiceInfo>> services) mutable {
            if (!services)
                return serviceError(reply, services.error());
            for (const ServiceInfo& service : services.value()) {
                if (service.name() == svc)
                    return then(service, reply);
            }
            plainError(reply, S::NotFound, QStringLiteral("service not found: %1").arg(svc));
        });
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
              m_backend.listServices(name).then(
                  this, [reply](Result<QList<ServiceInfo>> services) mutable {
                      if (!services)
                          return serviceError(reply, services.error());
                      QJsonArray array; // a bare array: Go needs it (§14.5)
                      for (const ServiceInfo& service : services.value())
                          array.append(serviceJson(service));
                      reply.json(array);
                  });
          });
    route(Method::Get, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              withService(name, r.param(QStringLiteral("svc")), reply,
                          [](const ServiceInfo& service, SpritesReply answer) {
                              answer.json(serviceJson(service));
                          });
          });
    route(Method::Put, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              putService(r, reply, name);
          });
    route(Method::Delete, QStringLiteral("/:svc"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              withService(name, r.param(QStringLiteral("svc")), reply,
                          [this, name](const ServiceInfo& service, SpritesReply answer) {
                              if (isActive(service))
                                  return plainError(
                                      answer, S::Conflict,
                                      QStringLiteral("service %1 is running; stop it first")
                                          .arg(service.name()));
                              m_backend.deleteService(name, service.name())
                                  .then(this, [answer](Status deleted) mutable {
                                      if (!deleted)
                                          return serviceError(answer, deleted.error());
                                      answer.noContent(); // exactly 204 (§6.3)
                                  });
                          });
          });
    route(Method::Post, QStringLiteral("/:svc/start"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const auto window = durationParam(r, QStringLiteral("duration"), DefaultWindowMs);
              if (!window)
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("duration must be a duration like 5s"));
              withService(
                  name, r.param(QStringLiteral("svc")), reply,
                  [this, name, window](const ServiceInfo& service, SpritesReply answer) {
                      if (isActive(service))
                          return plainError(
                              answer, S::Conflict,
                              QStringLiteral("service %1 is already running").arg(service.name()));
                      const QString svc = service.name();
                      runService(name, svc, Kind::Start, *window, answer,
                                 [this, name, svc] { return m_backend.startService(name, svc); });
                  });
          });
    route(Method::Post, QStringLiteral("/:svc/stop"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const auto timeout =
                  durationParam(r, QStringLiteral("timeout"), DefaultStopTimeoutMs);
              if (!timeout)
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("timeout must be a duration like 10s"));
              withService(
                  name, r.param(QStringLiteral("svc")), reply,
                  [this, name, timeout](const ServiceInfo& service, SpritesReply answer) {
                      if (!isActive(service))
                          return plainError(
                              answer, S::Conflict,
                              QStringLiteral("service %1 is not running").arg(service.name()));
                      const QString svc = service.name();
                      runService(name, svc, Kind::Stop, *timeout, answer,
                                 [this, name, svc] { return m_backend.stopService(name, svc); });
                  });
          });
    route(Method::Post, QStringLiteral("/signal"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return plainError(reply, S::BadRequest, why);
              const QString svc = body->value(QStringLiteral("name")).toString();
              const QString signal = body->value(QStringLiteral("signal")).toString();
              if (svc.isEmpty() || signal.isEmpty())
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("name and signal are required"));
              const auto normalized = normalizeServiceSignal(signal.toUpper());
              if (!normalized)
                  return plainError(reply, S::BadRequest,
                                    QStringLiteral("unsupported signal: %1").arg(signal));
              withService(
                  name, svc, reply,
                  [this, name, normalized](const ServiceInfo& service, SpritesReply answer) {
                      if (service.status != ServiceStatus::Running)
                          return plainError(
                              answer, S::Conflict,
                              QStringLiteral("service %1 is not running").arg(service.name()));
                      m_backend.signalService(name, service.name(), normalized.value())
                          .then(this, [answer](Status sent) mutable {
                              if (!sent)
                                  return serviceError(answer, sent.error());
                              answer.noContent(); // exactly 204 (§6.3)
                          });
                  });
          });
}

void SpritesApi::putService(const http::Request& r, SpritesReply reply, const QString& name) {
    const QString svc = r.param(QStringLiteral("svc"));
    if (auto valid = validateServiceName(svc); !valid)
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
    const auto spec = parseSpec(svc, *body);
    if (!spec)
        return serviceError(reply, spec.error());
    m_backend.listServices(name).then(this, [this, name, svc, spec = spec.value(), window,
                                             reply](Result<QList<ServiceInfo>> services) mutable {
        if (!services)
            return serviceError(reply, services.error());
        QList<ServiceSpec> defined;
        for (const ServiceInfo& service : services.value()) {
            if (service.name() == svc && isActive(service))
                return plainError(reply, S::Conflict,
                                  QStringLiteral("service %1 is running; stop it first").arg(svc));
            defined.append(service.spec);
        }
        if (auto needs = spec.validateNeeds(defined); !needs)
            return serviceError(reply, needs.error()); // an unknown dependency or a cycle: 400
        // A window of 0: the service object once it started (§13 item 26).
        runService(name, svc, Kind::Start, *window, reply,
                   [this, name, spec] { return m_backend.createService(name, spec); });
    });
}

void SpritesApi::runService(const QString& name, const QString& svc, ServiceWindow::Kind kind,
                            qint64 ms, SpritesReply reply, std::function<Task<void>()> call) {
    if (kind == Kind::Start && ms == 0) {
        m_backend.wake(name).then(this, [this, name, svc, reply, call](Status woken) mutable {
            if (!woken)
                return serviceError(reply, woken.error());
            call().then(this, [this, name, svc, reply](Status done) mutable {
                if (!done)
                    return serviceError(reply, done.error());
                withService(name, svc, reply, [](const ServiceInfo& service, SpritesReply answer) {
                    answer.json(serviceJson(service));
                });
            });
        });
        return;
    }
    QPointer<ServiceWindow> window = new ServiceWindow(m_backend, name, svc, kind, reply, this);
    if (kind == Kind::Stop)
        reply.streamLine(logEvent(QStringLiteral("stopping")));
    whenReady(m_backend.wake(name), window, [window, call, ms](Status woken) {
        if (!woken)
            return window->fail(woken.error());
        Task<void> running = call();
        window->begin(ms);
        whenReady(running, window, [window](Status done) {
            if (!done)
                window->fail(done.error());
        });
    });
}

} // namespace hangar::spritesapi
