#include "LocalPortForward.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace hangar::local {

namespace {

constexpr int DrainTimeoutMs = 30'000; // a side that never reads gives up after this

// One accepted connection and its connection to the sandbox's port; deletes itself once both
// are closed.
class Relay : public QObject {
    Q_OBJECT
public:
    Relay(QTcpSocket* client, quint16 port, QObject* parent)
        : QObject(parent)
        , m_client(client)
        , m_target(new QTcpSocket(this))
        , m_port(port) {
        m_client->setParent(this);
        connect(m_target, &QTcpSocket::connected, this, &Relay::onConnected);
        connect(m_target, &QTcpSocket::errorOccurred, this, &Relay::onTargetError);
        connect(m_target, &QTcpSocket::readyRead, this, &Relay::fromSandbox);
        connect(m_client, &QTcpSocket::readyRead, this, &Relay::toSandbox);
        connect(m_target, &QTcpSocket::disconnected, this, [this] { closeSide(m_target); });
        connect(m_client, &QTcpSocket::disconnected, this, [this] { closeSide(m_client); });
        m_target->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    }

signals:
    void failed(const hangar::Error& error);
    void transferred(qint64 toSandbox, qint64 fromSandbox);
    void ended();

private:
    void onConnected() { toSandbox(); }

    void onTargetError(QAbstractSocket::SocketError error) {
        if (m_target->state() == QAbstractSocket::ConnectedState || m_connectedOnce)
            return; // a break after connecting ends the relay through disconnected()
        if (error == QAbstractSocket::ConnectionRefusedError && !m_triedV6) {
            // A server that listens on IPv6 only.
            m_triedV6 = true;
            m_target->abort();
            m_target->connectToHost(QHostAddress(QHostAddress::LocalHostIPv6), m_port);
            return;
        }
        emit failed(makeError(ErrorCode::Unavailable,
                              QStringLiteral("nothing in the sandbox accepts connections on port "
                                             "%1 (%2)")
                                  .arg(m_port)
                                  .arg(m_target->errorString())));
        m_client->abort();
        finish();
    }

    void toSandbox() {
        if (m_target->state() != QAbstractSocket::ConnectedState)
            return; // kept in the client socket until connected
        m_connectedOnce = true;
        const QByteArray data = m_client->readAll();
        if (data.isEmpty())
            return;
        m_target->write(data);
        emit transferred(data.size(), 0);
    }

    void fromSandbox() {
        const QByteArray data = m_target->readAll();
        if (data.isEmpty() || m_client->state() != QAbstractSocket::ConnectedState)
            return;
        m_client->write(data);
        emit transferred(0, data.size());
    }

    // One side closed: what it sent last goes to the other, which then closes once written.
    void closeSide(QTcpSocket* gone) {
        if (gone == m_target)
            fromSandbox();
        else
            toSandbox();
        QTcpSocket* other = gone == m_target ? m_client : m_target;
        if (other->state() != QAbstractSocket::UnconnectedState)
            other->disconnectFromHost();
        if (m_client->state() == QAbstractSocket::UnconnectedState &&
            m_target->state() == QAbstractSocket::UnconnectedState) {
            finish();
            return;
        }
        if (!m_draining) {
            m_draining = true;
            QTimer::singleShot(DrainTimeoutMs, this, [this] {
                m_client->abort();
                m_target->abort();
                finish();
            });
        }
    }

    void finish() {
        if (std::exchange(m_finished, true))
            return;
        emit ended();
        deleteLater();
    }

    QTcpSocket* m_client;
    QTcpSocket* m_target;
    quint16 m_port;
    bool m_triedV6 = false;
    bool m_connectedOnce = false;
    bool m_draining = false;
    bool m_finished = false;
};

} // namespace

LocalPortForward::LocalPortForward(const QString& sandbox, quint16 remotePort, quint16 localPort,
                                   QObject* parent)
    : PortForward(sandbox, remotePort, localPort, parent) {
    connect(&m_server, &QTcpServer::newConnection, this, &LocalPortForward::onNewConnection);
}

LocalPortForward::~LocalPortForward() {
    end();
}

void LocalPortForward::begin() {
    if (!m_server.listen(QHostAddress(QHostAddress::LocalHost), requestedLocalPort())) {
        setFailed(makeError(ErrorCode::Unavailable,
                            QStringLiteral("cannot listen on port %1 of this computer: %2")
                                .arg(requestedLocalPort())
                                .arg(m_server.errorString())));
        return;
    }
    setListening(m_server.serverPort());
}

void LocalPortForward::end() {
    m_server.close();
    for (QObject* child : children()) {
        if (auto* relay = qobject_cast<Relay*>(child)) {
            relay->disconnect(this);
            delete relay;
        }
    }
}

void LocalPortForward::onNewConnection() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        auto* relay = new Relay(client, remotePort(), this);
        addConnection();
        connect(relay, &Relay::transferred, this, &LocalPortForward::addTraffic);
        connect(relay, &Relay::failed, this, &LocalPortForward::reportConnectionFailure);
        connect(relay, &Relay::ended, this, &LocalPortForward::removeConnection);
    }
}

} // namespace hangar::local

#include "LocalPortForward.moc"
