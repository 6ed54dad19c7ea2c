// SpritesBackend's services: the sprite's own services API (sprites-api.md §6, §14.5).
#include "SpritesBackend.h"
#include "SpritesServiceLogStream.h"

#include "util/Async.h"

namespace hangar::sprites {

namespace {

// How long a follow request asks the server to follow before the stream asks again.
const QString FollowWindow = QStringLiteral("10m");

hangar::ServiceInfo toInfo(const ServiceInfo& s) {
    hangar::ServiceInfo info;
    info.spec = {s.name, s.cmd, s.args, s.needs, s.env, s.dir, s.httpPort};
    if (s.state) {
        info.status = serviceStatusFromName(s.state->status);
        if (s.state->pid)
            info.pid = *s.state->pid;
        info.restartCount = s.state->restartCount;
        info.error = s.state->error;
        info.startedAt = s.state->startedAt;
    }
    return info;
}

// A start reported in the stream as `error` (the command could not run) fails the call.
Task<void> startOutcome(Task<QList<ServiceEvent>> events, QObject* context, const QString& what) {
    return mapResult<void>(events, context, [what](Result<QList<ServiceEvent>> r) -> Status {
        if (!r)
            return r.error();
        for (const ServiceEvent& event : r.value()) {
            if (event.type == QLatin1String("error"))
                return makeError(ErrorCode::Unavailable,
                                 QStringLiteral("%1: %2").arg(what, event.data));
        }
        return {};
    });
}

} // namespace

Task<QList<hangar::ServiceInfo>> SpritesBackend::listServices(const QString& name) {
    return mapResult<QList<hangar::ServiceInfo>>(
        m_client->listServices(name), this,
        [](Result<QList<ServiceInfo>> r) -> Result<QList<hangar::ServiceInfo>> {
            if (!r)
                return r.error();
            QList<hangar::ServiceInfo> services;
            for (const ServiceInfo& s : r.value())
                services.append(toInfo(s));
            return services;
        });
}

Task<void> SpritesBackend::createService(const QString& name, const ServiceSpec& spec) {
    if (auto valid = spec.validate(); !valid)
        return failedTask<void>(valid.error());
    ServiceRequest request{spec.command, spec.args, spec.needs, spec.httpPort, spec.env, spec.dir};
    // duration 0: the answer ends once the service started, no output window to wait for.
    return startOutcome(m_client->putService(name, spec.name, request, QStringLiteral("0s")), this,
                        QStringLiteral("service %1 did not start").arg(spec.name));
}

Task<void> SpritesBackend::startService(const QString& name, const QString& service) {
    return startOutcome(m_client->startService(name, service, QStringLiteral("0s")), this,
                        QStringLiteral("service %1 did not start").arg(service));
}

Task<void> SpritesBackend::stopService(const QString& name, const QString& service) {
    return discardValue(m_client->stopService(name, service), this);
}

Task<void> SpritesBackend::restartService(const QString& name, const QString& service) {
    return startOutcome(m_client->restartService(name, service, QStringLiteral("0s")), this,
                        QStringLiteral("service %1 did not start again").arg(service));
}

Task<void> SpritesBackend::signalService(const QString& name, const QString& service,
                                         const QString& signal) {
    const auto normalized = normalizeServiceSignal(signal);
    if (!normalized)
        return failedTask<void>(normalized.error());
    return m_client->signalService(name, service, normalized.value());
}

Task<void> SpritesBackend::deleteService(const QString& name, const QString& service) {
    // The API refuses to delete a running service (409): stop it first.
    QPointer<SpritesClient> client(m_client);
    return chain<void>(
        m_client->getService(name, service), this,
        [client, name, service](Result<ServiceInfo> found) -> Task<void> {
            if (!found)
                return failedTask<void>(found.error());
            if (!client)
                return failedTask<void>(makeError(ErrorCode::Unavailable, QStringLiteral("gone")));
            const QString status = found.value().state ? found.value().state->status : QString();
            if (status == QLatin1String("stopped") || status == QLatin1String("failed") ||
                status.isEmpty())
                return client->deleteService(name, service);
            return chain<void>(discardValue(client->stopService(name, service), client.data()),
                               client.data(),
                               [client, name, service](Status stopped) -> Task<void> {
                                   if (!stopped)
                                       return failedTask<void>(stopped.error());
                                   return client->deleteService(name, service);
                               });
        });
}

Task<QList<hangar::ServiceLogLine>>
SpritesBackend::readServiceLog(const QString& name, const QString& service, int lines) {
    return mapResult<QList<hangar::ServiceLogLine>>(
        m_client->serviceLogs(name, service, lines < 0 ? std::nullopt : std::optional<int>(lines)),
        this, [](Result<QList<ServiceEvent>> r) -> Result<QList<hangar::ServiceLogLine>> {
            if (!r)
                return r.error();
            QList<hangar::ServiceLogLine> out;
            QString pendingOut, pendingErr;
            for (const ServiceEvent& event : r.value())
                out += SpritesServiceLogStream::linesOf(event, pendingOut, pendingErr);
            // What is left unterminated is a line too.
            const QDateTime now = QDateTime::currentDateTime();
            if (!pendingOut.isEmpty())
                out.append({hangar::ServiceLogLine::Stream::Stdout, pendingOut, now});
            if (!pendingErr.isEmpty())
                out.append({hangar::ServiceLogLine::Stream::Stderr, pendingErr, now});
            return out;
        });
}

ServiceLogStream* SpritesBackend::followServiceLog(const QString& name, const QString& service,
                                                   int historyLines) {
    QPointer<SpritesClient> client(m_client);
    auto opener = [client, name, service](std::optional<int> lines) -> Result<QNetworkReply*> {
        if (!client)
            return makeError(ErrorCode::Unavailable, QStringLiteral("the backend is gone"));
        return client->openServiceLogs(name, service, lines, FollowWindow);
    };
    return new SpritesServiceLogStream(opener, historyLines, this);
}

} // namespace hangar::sprites
