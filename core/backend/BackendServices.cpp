// Backend's services section: the defaults of a backend that cannot run services.
#include "Backend.h"

#include "util/Async.h"

#include <QPointer>

namespace hangar {

namespace {

Error unavailable(const Backend& backend) {
    return makeError(ErrorCode::Unavailable, backend.servicesUnavailable());
}

} // namespace

QString Backend::servicesUnavailable() const {
    return canRunServices() ? QString()
                            : QStringLiteral("The %1 backend cannot run services.").arg(kind());
}

Task<QList<ServiceInfo>> Backend::listServices(const QString&) {
    return failedTask<QList<ServiceInfo>>(unavailable(*this));
}

Task<void> Backend::createService(const QString&, const ServiceSpec&) {
    return failedTask<void>(unavailable(*this));
}

Task<void> Backend::startService(const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

Task<void> Backend::stopService(const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

Task<void> Backend::restartService(const QString& name, const QString& service) {
    QPointer<Backend> self(this);
    return chain<void>(
        stopService(name, service), this, [self, name, service](Status stopped) -> Task<void> {
            if (!stopped)
                return failedTask<void>(stopped.error());
            if (!self)
                return failedTask<void>(
                    makeError(ErrorCode::Unavailable, QStringLiteral("the backend is gone")));
            return self->startService(name, service);
        });
}

Task<void> Backend::signalService(const QString&, const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

Task<void> Backend::deleteService(const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

ServiceLogStream* Backend::followServiceLog(const QString&, const QString&, int) {
    return ServiceLogStream::failure(unavailable(*this), this);
}

Task<QList<ServiceLogLine>> Backend::readServiceLog(const QString&, const QString&, int) {
    return failedTask<QList<ServiceLogLine>>(unavailable(*this));
}

} // namespace hangar
