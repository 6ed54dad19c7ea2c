// Backend's services section: the defaults of a backend that cannot run services.
#include "Backend.h"

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

Task<void> Backend::signalService(const QString&, const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

Task<void> Backend::deleteService(const QString&, const QString&) {
    return failedTask<void>(unavailable(*this));
}

ServiceLogStream* Backend::followServiceLog(const QString&, const QString&, int) {
    return ServiceLogStream::failure(unavailable(*this), this);
}

} // namespace hangar
