#include "LocalServices.h"

#include "LocalBackend.h"
#include "LocalExecSession.h"
#include "util/Async.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

namespace hangar::local {

namespace {

constexpr int FirstRestartDelayMs = 200; // doubled after each restart, at most MaxRestartDelayMs
constexpr int MaxRestartDelayMs = 5'000;

QJsonObject specJson(const ServiceSpec& spec) {
    QJsonObject env;
    for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("name"), spec.name},
                  {QStringLiteral("command"), spec.command},
                  {QStringLiteral("args"), QJsonArray::fromStringList(spec.args)},
                  {QStringLiteral("needs"), QJsonArray::fromStringList(spec.needs)},
                  {QStringLiteral("env"), env},
                  {QStringLiteral("dir"), spec.dir}};
    if (spec.httpPort)
        o.insert(QStringLiteral("httpPort"), *spec.httpPort);
    return o;
}

QStringList strings(const QJsonValue& value) {
    QStringList list;
    for (const auto& item : value.toArray())
        list.append(item.toString());
    return list;
}

ServiceSpec specOf(const QJsonObject& o) {
    ServiceSpec spec;
    spec.name = o.value(QStringLiteral("name")).toString();
    spec.command = o.value(QStringLiteral("command")).toString();
    spec.args = strings(o.value(QStringLiteral("args")));
    spec.needs = strings(o.value(QStringLiteral("needs")));
    const QJsonObject env = o.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        spec.env.insert(it.key(), it.value().toString());
    spec.dir = o.value(QStringLiteral("dir")).toString();
    if (o.value(QStringLiteral("httpPort")).isDouble())
        spec.httpPort = o.value(QStringLiteral("httpPort")).toInt();
    return spec;
}

// Follows one service: the history handed over first, then what logLine() reports. Lines that
// arrive before the history went out wait behind it.
class LocalServiceLogStream : public ServiceLogStream {
public:
    LocalServiceLogStream(LocalServices* services, const QString& sandbox, const QString& service,
                          QList<ServiceLogLine> history)
        : ServiceLogStream(services)
        , m_queue(std::move(history)) {
        connect(services, &LocalServices::logLine, this,
                [this, sandbox, service](const QString& box, const QString& name,
                                         const ServiceLogLine& line) {
                    if (box != sandbox || name != service)
                        return;
                    if (m_live)
                        deliver(line);
                    else
                        m_queue.append(line);
                });
        connect(services, &LocalServices::removed, this,
                [this, sandbox, service](const QString& box, const QString& name) {
                    if (box == sandbox && name == service)
                        close();
                });
        QTimer::singleShot(0, this, [this] {
            for (const ServiceLogLine& line : std::exchange(m_queue, {}))
                deliver(line);
            m_live = true;
        });
    }

private:
    QList<ServiceLogLine> m_queue;
    bool m_live = false;
};

} // namespace

LocalServices::LocalServices(LocalBackend& backend)
    : QObject(&backend)
    , m_backend(backend) {
}

LocalServices::~LocalServices() = default;

QString LocalServices::definitionsPath(const QString& sandbox) const {
    return QDir::cleanPath(m_backend.hostRoot(sandbox) + QStringLiteral("/../services.json"));
}

Result<LocalServices::ServiceMap*> LocalServices::services(const QString& sandbox) {
    if (auto it = m_sandboxes.find(sandbox); it != m_sandboxes.end())
        return &it.value();
    ServiceMap loaded;
    QFile file(definitionsPath(sandbox));
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (!doc.isObject())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("%1 is damaged: not a JSON object").arg(file.fileName()));
        for (const auto& entry : doc.object().value(QStringLiteral("services")).toArray()) {
            auto service = std::make_shared<Service>();
            service->info.spec = specOf(entry.toObject());
            service->enabled = entry.toObject().value(QStringLiteral("enabled")).toBool();
            if (service->info.spec.validate())
                loaded.insert(service->info.spec.name, service);
        }
    }
    return &m_sandboxes.insert(sandbox, loaded).value();
}

Result<std::shared_ptr<LocalServices::Service>> LocalServices::find(const QString& sandbox,
                                                                    const QString& service) {
    if (auto valid = validateServiceName(service); !valid)
        return valid.error();
    auto map = services(sandbox);
    if (!map)
        return map.error();
    auto found = map.value()->value(service);
    if (!found)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no service '%1' in sandbox '%2'").arg(service, sandbox));
    return found;
}

Status LocalServices::save(const QString& sandbox) {
    QJsonArray array;
    for (const auto& service : m_sandboxes.value(sandbox)) {
        QJsonObject entry = specJson(service->info.spec);
        entry.insert(QStringLiteral("enabled"), service->enabled);
        array.append(entry);
    }
    QSaveFile file(definitionsPath(sandbox));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("services"), array}}).toJson());
    if (!file.commit())
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

Result<QList<ServiceInfo>> LocalServices::list(const QString& sandbox) {
    auto map = services(sandbox);
    if (!map)
        return map.error();
    QList<ServiceInfo> result;
    for (const auto& service : *map.value())
        result.append(service->info);
    return result;
}

Task<void> LocalServices::create(const QString& sandbox, const ServiceSpec& spec) {
    if (auto valid = spec.validate(); !valid)
        return failedTask<void>(valid.error());
    auto existing = services(sandbox);
    if (!existing)
        return failedTask<void>(existing.error());
    QList<ServiceSpec> defined;
    for (const auto& service : *existing.value())
        defined.append(service->info.spec);
    if (auto needs = spec.validateNeeds(defined); !needs)
        return failedTask<void>(needs.error());
    std::shared_ptr<Service> old = existing.value()->value(spec.name);
    Task<void> stopped = old ? stop(sandbox, spec.name) : readyTask();
    QPointer<LocalServices> self(this);
    return chain<void>(stopped, this, [self, sandbox, spec](Status) -> Task<void> {
        if (!self)
            return failedTask<void>(makeError(ErrorCode::Unavailable, QStringLiteral("gone")));
        auto map = self->services(sandbox);
        if (!map)
            return failedTask<void>(map.error());
        auto service = map.value()->value(spec.name);
        if (!service) {
            service = std::make_shared<Service>();
            map.value()->insert(spec.name, service);
        }
        service->info.spec = spec;
        service->info.restartCount = 0;
        service->info.error.clear();
        if (auto saved = self->save(sandbox); !saved)
            return failedTask<void>(saved.error());
        return readyTask(self->start(sandbox, spec.name));
    });
}

Status LocalServices::start(const QString& sandbox, const QString& service) {
    auto found = find(sandbox, service);
    if (!found)
        return found.error();
    QStringList starting;
    if (auto launched = launch(sandbox, found.value(), starting); !launched)
        return launched;
    return setEnabled(sandbox, *found.value(), true);
}

Status LocalServices::setEnabled(const QString& sandbox, Service& service, bool enabled) {
    if (std::exchange(service.enabled, enabled) == enabled)
        return {};
    return save(sandbox);
}

void LocalServices::boot(const QString& sandbox) {
    auto map = services(sandbox);
    if (!map)
        return;
    for (const auto& service : *map.value()) {
        if (!service->enabled)
            continue;
        QStringList starting;
        if (auto started = launch(sandbox, service, starting); !started) {
            service->info.status = ServiceStatus::Failed;
            service->info.error = started.error().message;
            recordEvent(sandbox, *service, ServiceLogLine::Event::StartFailed,
                        QStringLiteral("could not start: ") + started.error().message);
        }
    }
}

Status LocalServices::launch(const QString& sandbox, const std::shared_ptr<Service>& service,
                             QStringList& starting) {
    const ServiceSpec& spec = service->info.spec;
    if (service->session && service->session->isRunning())
        return {};
    if (starting.contains(spec.name))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("services need each other in a circle: %1")
                             .arg((starting + QStringList{spec.name}).join(QStringLiteral(" → "))));
    starting.append(spec.name);
    for (const QString& need : spec.needs) {
        auto needed = find(sandbox, need);
        if (!needed)
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("service '%1' needs '%2', which is not defined")
                                 .arg(spec.name, need));
        if (auto started = launch(sandbox, needed.value(), starting); !started)
            return started;
    }
    ExecRequest request;
    request.argv = QStringList{spec.command} + spec.args;
    request.cwd = spec.dir;
    request.env = spec.env;
    ExecSession* session = m_backend.startExec(sandbox, request);
    service->session = qobject_cast<LocalExecSession*>(session);
    service->wanted = true;
    service->endingSignal = false;
    service->info.status = ServiceStatus::Starting;
    service->info.pid.reset();
    const quint64 run = ++service->run;
    std::weak_ptr<Service> weak = service;
    connect(session, &ExecSession::started, this, [this, sandbox, weak, run] {
        auto s = weak.lock();
        if (!s || s->run != run)
            return;
        s->info.status = s->wanted ? ServiceStatus::Running : ServiceStatus::Stopping;
        s->info.pid = s->session ? s->session->pid() : std::nullopt;
        s->info.startedAt = QDateTime::currentDateTimeUtc();
        recordEvent(sandbox, *s, ServiceLogLine::Event::Started,
                    s->info.pid ? QStringLiteral("started (pid %1)").arg(*s->info.pid)
                                : QStringLiteral("started"));
    });
    connect(session, &ExecSession::output, this,
            [this, sandbox, weak, run](const QByteArray& data, ExecSession::Stream stream) {
                auto s = weak.lock();
                if (s && s->run == run)
                    output(sandbox, *s, data, stream == ExecSession::Stream::Stderr);
            });
    connect(session, &ExecSession::exited, this, [this, sandbox, weak, run](int exitCode, bool) {
        if (auto s = weak.lock())
            onExited(sandbox, s, run, exitCode,
                     exitCode == 0 ? QString()
                                   : QStringLiteral("exited with code %1").arg(exitCode));
    });
    connect(session, &ExecSession::failed, this, [this, sandbox, weak, run](const Error& error) {
        if (auto s = weak.lock())
            onExited(sandbox, s, run, std::nullopt, error.message);
    });
    return {};
}

void LocalServices::onExited(const QString& sandbox, const std::shared_ptr<Service>& service,
                             quint64 run, std::optional<int> exitCode, const QString& why) {
    if (service->run != run)
        return;
    Service& s = *service;
    for (auto* pending : {&s.pendingOut, &s.pendingErr}) {
        if (!pending->isEmpty())
            record(sandbox, s,
                   pending == &s.pendingOut ? ServiceLogLine::Stream::Stdout
                                            : ServiceLogLine::Stream::Stderr,
                   std::exchange(*pending, {}));
    }
    s.session = nullptr;
    s.info.pid.reset();
    const bool failedToStart = !exitCode.has_value();
    if (!s.wanted || (s.endingSignal && !failedToStart)) {
        s.wanted = false;
        s.info.status = ServiceStatus::Stopped;
        s.info.error.clear();
        recordEvent(sandbox, s, ServiceLogLine::Event::Stopped,
                    exitCode ? QStringLiteral("stopped (code %1)").arg(*exitCode)
                             : QStringLiteral("stopped"),
                    exitCode);
        return;
    }
    if (failedToStart || why.isEmpty()) {
        s.wanted = false;
        s.info.status = failedToStart ? ServiceStatus::Failed : ServiceStatus::Stopped;
        s.info.error = why;
        if (failedToStart)
            recordEvent(sandbox, s, ServiceLogLine::Event::StartFailed,
                        QStringLiteral("could not start: ") + why);
        else
            recordEvent(sandbox, s, ServiceLogLine::Event::Exited,
                        QStringLiteral("exited with code 0"), 0);
        return;
    }
    if (s.info.restartCount >= MaxRestarts) {
        s.wanted = false;
        s.info.status = ServiceStatus::Failed;
        s.info.error = QStringLiteral("%1; gave up after %2 restarts").arg(why).arg(MaxRestarts);
        recordEvent(sandbox, s, ServiceLogLine::Event::Exited, s.info.error, exitCode);
        return;
    }
    const int delay = qMin(MaxRestartDelayMs, FirstRestartDelayMs << s.info.restartCount);
    ++s.info.restartCount;
    s.info.status = ServiceStatus::Starting;
    s.info.error = why;
    recordEvent(sandbox, s, ServiceLogLine::Event::Exited,
                QStringLiteral("%1; restarting in %2 ms").arg(why).arg(delay), exitCode);
    std::weak_ptr<Service> weak = service;
    QTimer::singleShot(delay, this, [this, sandbox, weak, run] {
        auto again = weak.lock();
        if (!again || again->run != run || !again->wanted)
            return;
        QStringList starting;
        if (auto started = launch(sandbox, again, starting); !started) {
            again->wanted = false;
            again->info.status = ServiceStatus::Failed;
            again->info.error = started.error().message;
        }
    });
}

void LocalServices::output(const QString& sandbox, Service& service, const QByteArray& data,
                           bool err) {
    QString& pending = err ? service.pendingErr : service.pendingOut;
    pending += QString::fromUtf8(data);
    qsizetype start = 0;
    for (qsizetype nl = pending.indexOf(QLatin1Char('\n')); nl >= 0;
         nl = pending.indexOf(QLatin1Char('\n'), start)) {
        record(sandbox, service,
               err ? ServiceLogLine::Stream::Stderr : ServiceLogLine::Stream::Stdout,
               pending.mid(start, nl - start));
        start = nl + 1;
    }
    pending.remove(0, start);
}

void LocalServices::recordEvent(const QString& sandbox, Service& service,
                                ServiceLogLine::Event event, const QString& text,
                                std::optional<int> exitCode) {
    record(sandbox, service, ServiceLogLine::Stream::Event, text, event, exitCode);
}

void LocalServices::record(const QString& sandbox, Service& service, ServiceLogLine::Stream stream,
                           const QString& text, ServiceLogLine::Event event,
                           std::optional<int> exitCode) {
    const ServiceLogLine line{stream, text, QDateTime::currentDateTime(), event, exitCode};
    service.log.push_back(line);
    while (service.log.size() > size_t(LogLines))
        service.log.pop_front();
    emit logLine(sandbox, service.info.spec.name, line);
}

Task<void> LocalServices::waitForExit(const std::shared_ptr<Service>& service) {
    LocalExecSession* session = service->session;
    if (!session || session->isFinished())
        return readyTask();
    Deferred<void> done;
    connect(session, &LocalExecSession::finished, this, [done] { done.resolve({}); });
    connect(session, &QObject::destroyed, this, [done] { done.resolve({}); });
    return done.future();
}

Task<void> LocalServices::stop(const QString& sandbox, const QString& service) {
    auto found = find(sandbox, service);
    if (!found)
        return failedTask<void>(found.error());
    Service& s = *found.value();
    s.wanted = false;
    // Stopping matters more than remembering it: a file that cannot be written only warns.
    if (auto saved = setEnabled(sandbox, s, false); !saved)
        qWarning("%s", qPrintable(saved.error().describe()));
    if (!s.session || s.session->isFinished()) {
        if (s.info.status == ServiceStatus::Starting) { // a restart was pending
            ++s.run;
            s.info.status = ServiceStatus::Stopped;
            recordEvent(sandbox, s, ServiceLogLine::Event::Stopped,
                        QStringLiteral("stopped (the restart was cancelled)"));
        }
        return readyTask();
    }
    s.info.status = ServiceStatus::Stopping;
    s.session->terminate();
    return waitForExit(found.value());
}

Task<void> LocalServices::restart(const QString& sandbox, const QString& service) {
    auto found = find(sandbox, service);
    if (!found)
        return failedTask<void>(found.error());
    std::weak_ptr<Service> weak = found.value();
    QPointer<LocalServices> self(this);
    return chain<void>(
        stop(sandbox, service), this, [self, sandbox, service, weak](Status stopped) -> Task<void> {
            auto s = weak.lock();
            if (!stopped || !self || !s)
                return failedTask<void>(
                    stopped ? makeError(ErrorCode::NotFound,
                                        QStringLiteral("service '%1' is gone").arg(service))
                            : stopped.error());
            ++s->info.restartCount;
            return readyTask(self->start(sandbox, service));
        });
}

Status LocalServices::signal(const QString& sandbox, const QString& service,
                             const QString& signal) {
    const auto name = normalizeServiceSignal(signal);
    if (!name)
        return name.error();
    auto found = find(sandbox, service);
    if (!found)
        return found.error();
    Service& s = *found.value();
    if (!s.session || !s.session->isRunning())
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("service '%1' is not running").arg(service));
    // An exit after a signal that asks to end is the operator's stop, not a crash.
    s.endingSignal = s.endingSignal || ExecSession::asksToEnd(name.value());
    s.session->sendSignal(name.value());
    record(sandbox, s, ServiceLogLine::Stream::Event, QStringLiteral("sent SIG") + name.value());
    return {};
}

Task<void> LocalServices::remove(const QString& sandbox, const QString& service) {
    auto found = find(sandbox, service);
    if (!found)
        return failedTask<void>(found.error());
    for (const auto& other : m_sandboxes.value(sandbox)) {
        if (other->info.spec.needs.contains(service))
            return failedTask<void>(
                makeError(ErrorCode::Conflict, QStringLiteral("service '%1' is needed by '%2'")
                                                   .arg(service, other->info.spec.name)));
    }
    QPointer<LocalServices> self(this);
    return chain<void>(stop(sandbox, service), this,
                       [self, sandbox, service](Status) -> Task<void> {
                           if (!self)
                               return readyTask();
                           auto map = self->services(sandbox);
                           if (!map)
                               return failedTask<void>(map.error());
                           map.value()->remove(service);
                           emit self->removed(sandbox, service);
                           return readyTask(self->save(sandbox));
                       });
}

Result<QList<ServiceLogLine>> LocalServices::history(const QString& sandbox, const QString& service,
                                                     int lines) {
    auto found = find(sandbox, service);
    if (!found)
        return found.error();
    const auto& log = found.value()->log;
    const size_t keep = lines < 0 ? log.size() : qMin(size_t(lines), log.size());
    return QList<ServiceLogLine>(log.end() - qsizetype(keep), log.end());
}

ServiceLogStream* LocalServices::follow(const QString& sandbox, const QString& service,
                                        int historyLines) {
    auto lines = history(sandbox, service, qMax(0, historyLines));
    if (!lines)
        return ServiceLogStream::failure(lines.error(), this);
    return new LocalServiceLogStream(this, sandbox, service, lines.value());
}

void LocalServices::suspend(const QString& sandbox) {
    for (const auto& service : m_sandboxes.value(sandbox)) {
        service->wanted = false;
        if (service->session && !service->session->isFinished()) {
            service->info.status = ServiceStatus::Stopping;
        } else if (service->info.status == ServiceStatus::Starting) {
            ++service->run;
            service->info.status = ServiceStatus::Stopped;
        }
    }
}

void LocalServices::forget(const QString& sandbox) {
    m_sandboxes.remove(sandbox);
}

} // namespace hangar::local
