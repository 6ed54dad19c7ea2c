// LocalBackend's services: LocalServices supervises them as exec sessions of the sandbox.
#include "LocalBackend.h"
#include "LocalServices.h"

namespace hangar {

Task<QList<ServiceInfo>> LocalBackend::listServices(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QList<ServiceInfo>>(exists.error());
    return readyTask(m_services->list(name));
}

Task<void> LocalBackend::createService(const QString& name, const ServiceSpec& spec) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return m_services->create(name, spec);
}

Task<void> LocalBackend::startService(const QString& name, const QString& service) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return readyTask(m_services->start(name, service));
}

Task<void> LocalBackend::stopService(const QString& name, const QString& service) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return m_services->stop(name, service);
}

Task<void> LocalBackend::restartService(const QString& name, const QString& service) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return m_services->restart(name, service);
}

Task<void> LocalBackend::signalService(const QString& name, const QString& service,
                                       const QString& signal) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return readyTask(m_services->signal(name, service, signal));
}

Task<void> LocalBackend::deleteService(const QString& name, const QString& service) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return m_services->remove(name, service);
}

Task<QList<ServiceLogLine>> LocalBackend::readServiceLog(const QString& name,
                                                         const QString& service, int lines) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QList<ServiceLogLine>>(exists.error());
    return readyTask(m_services->history(name, service, lines));
}

ServiceLogStream* LocalBackend::followServiceLog(const QString& name, const QString& service,
                                                 int historyLines) {
    if (auto exists = checkExists(name); !exists)
        return ServiceLogStream::failure(exists.error(), this);
    return m_services->follow(name, service, historyLines);
}

} // namespace hangar
