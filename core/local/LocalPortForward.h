#pragma once

#include "backend/PortForward.h"

#include <QTcpServer>

namespace hangar::local {

// A local port relayed straight to the sandbox's port on this machine's loopback interface:
// a local sandbox shares the host's network (unless its policy takes it away, which
// LocalBackend checks first). Each accepted connection gets its own connection to
// 127.0.0.1:remotePort (then [::1], for a server that listens on IPv6 only); bytes are relayed
// both ways and counted, and either side closing closes the other once what it sent is written.
class LocalPortForward : public PortForward {
    Q_OBJECT
public:
    LocalPortForward(const QString& sandbox, quint16 remotePort, quint16 localPort,
                     QObject* parent = nullptr);
    ~LocalPortForward() override;

protected:
    void begin() override;
    void end() override;

private:
    void onNewConnection();

    QTcpServer m_server;
};

} // namespace hangar::local
