// LocalBackend's ports: forwards are direct relays on this machine's loopback interface, open
// ports are found in /proc while someone watches, and there is no public URL.
#include "ListenerScan.h"
#include "LocalBackend.h"
#include "LocalPortForward.h"
#include "SandboxConfig.h"
#include "SandboxRunner.h"

namespace hangar {

namespace {

Error noNetwork() {
    return makeError(
        ErrorCode::Unavailable,
        QStringLiteral("Port forwarding is not available for this sandbox under its current "
                       "network policy: it denies all network, so the sandbox runs without a "
                       "network this computer could reach. Allow network in the Network policy "
                       "tab; commands started after that can be reached."));
}

} // namespace

PortForward* LocalBackend::forwardPort(const QString& name, int remotePort, int localPort) {
    if (auto valid = validatePort(remotePort); !valid)
        return PortForward::failure(name, remotePort, valid.error(), this);
    if (auto valid = validatePort(localPort, true); !valid)
        return PortForward::failure(name, remotePort, valid.error(), this);
    auto config = loadConfig(name);
    if (!config)
        return PortForward::failure(name, remotePort, config.error(), this);
    // Unisolated, a deny-all policy is not enforced either: the processes share the network.
    if (m_runner->isolated() && local::policyDeniesNetwork(config.value().network))
        return PortForward::failure(name, remotePort, noNetwork(), this);
    return new local::LocalPortForward(name, static_cast<quint16>(remotePort),
                                       static_cast<quint16>(localPort), this);
}

Task<UrlSettings> LocalBackend::urlSettings(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<UrlSettings>(exists.error());
    return failedTask<UrlSettings>(makeError(
        ErrorCode::Unavailable,
        QStringLiteral("A local sandbox has no public URL: its ports can only be reached from "
                       "this computer, through port forwards.")));
}

Task<UrlSettings> LocalBackend::setUrlAuth(const QString& name, const QString& auth) {
    if (auto valid = validateUrlAuth(auth); !valid)
        return failedTask<UrlSettings>(valid.error());
    return urlSettings(name);
}

Status LocalBackend::startPortMonitor(const QString& name) {
    auto config = loadConfig(name);
    if (!config)
        return config.error();
    if (m_runner->isolated() && local::policyDeniesNetwork(config.value().network))
        return noNetwork();
    auto* poller = new local::ListenerPoller(
        [root = hostRoot(name)] { return local::scanListeners(root); }, PortPollMs, true, this);
    connect(poller, &local::ListenerPoller::scanned, this,
            [this, name](const QList<OpenPort>& ports) { reportOpenPorts(name, ports); });
    delete m_portPollers.value(name);
    m_portPollers.insert(name, poller);
    return {};
}

void LocalBackend::stopPortMonitor(const QString& name) {
    delete m_portPollers.take(name);
}

} // namespace hangar
