#include "SpritesPortForward.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace hangar::sprites {

namespace {

constexpr int HandshakeTimeoutMs = 10'000; // as the JS SDK waits for the proxy's reply (§1.6)
constexpr int DrainTimeoutMs = 30'000;     // a local reader that never reads gives up after this

// One accepted connection and its WebSocket; deletes itself when either side ends.
class Tunnel : public QObject {
    Q_OBJECT
public:
    Tunnel(QTcpSocket* local, const QNetworkRequest& request, QString host, quint16 port,
           qint64 maxMessageBytes, QObject* parent)
        : QObject(parent)
        , m_local(local)
        , m_host(std::move(host))
        , m_port(port) {
        m_local->setParent(this);
        m_socket.setMaxAllowedIncomingMessageSize(static_cast<quint64>(maxMessageBytes));
        connect(&m_socket, &QWebSocket::connected, this, &Tunnel::onOpen);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Tunnel::onText);
        connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
                [this](const QByteArray& data) {
                    if (m_connected && m_local->isOpen()) {
                        m_local->write(data);
                        emit transferred(0, data.size());
                    }
                });
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this](QAbstractSocket::SocketError) {
                    fail(QStringLiteral("proxy socket: ") + m_socket.errorString());
                });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            if (!m_connected)
                return fail(QStringLiteral("the proxy closed before connecting (%1)")
                                .arg(m_socket.closeReason()));
            end();
        });
        connect(m_local, &QTcpSocket::readyRead, this, &Tunnel::onLocalData);
        connect(m_local, &QTcpSocket::disconnected, this, [this] {
            onLocalData();
            m_socket.close(QWebSocketProtocol::CloseCodeNormal);
            end();
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            fail(QStringLiteral("no reply from the proxy within %1 s")
                     .arg(HandshakeTimeoutMs / 1000));
        });
        m_timer.start(HandshakeTimeoutMs);
        m_socket.open(request);
    }

signals:
    void opened();
    void failed(const hangar::Error& error);
    void transferred(qint64 toSprite, qint64 fromSprite);
    void ended();

private:
    void onOpen() {
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("host"), m_host},
                                                        {QStringLiteral("port"), m_port}})
                                  .toJson(QJsonDocument::Compact)));
    }

    void onText(const QString& text) {
        if (m_connected)
            return; // text after the handshake is ignored (§9 step 5)
        const QJsonObject reply = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString status = reply.value(QStringLiteral("status")).toString();
        if (status != QLatin1String("connected"))
            return fail(QStringLiteral("proxy to %1:%2: %3")
                            .arg(m_host)
                            .arg(m_port)
                            .arg(reply.value(QStringLiteral("error"))
                                     .toString(status.isEmpty() ? text : status)));
        m_connected = true;
        m_timer.stop();
        emit opened();
        onLocalData();
    }

    void onLocalData() {
        if (!m_connected || m_finished)
            return;
        const QByteArray data = m_local->readAll();
        if (data.isEmpty())
            return;
        m_socket.sendBinaryMessage(data);
        emit transferred(data.size(), 0);
    }

    void fail(const QString& message) {
        if (m_finished)
            return;
        if (!m_connected) {
            m_finished = true;
            emit failed(makeError(ErrorCode::Unavailable, message));
            m_socket.abort();
            m_local->abort();
            emit ended();
            deleteLater();
            return;
        }
        end();
    }

    void end() {
        if (std::exchange(m_finished, true))
            return;
        emit ended();
        // What the target sent last may still be queued: the local socket drains before it
        // closes, and deleting it earlier would throw those bytes away.
        m_local->disconnectFromHost();
        if (m_local->state() == QAbstractSocket::UnconnectedState)
            return deleteLater();
        connect(m_local, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        QTimer::singleShot(DrainTimeoutMs, this, &QObject::deleteLater);
    }

    QTcpSocket* m_local;
    QString m_host;
    quint16 m_port;
    QWebSocket m_socket;
    QTimer m_timer;
    bool m_connected = false;
    bool m_finished = false;
};

} // namespace

PortForward::PortForward(QNetworkRequest socketRequest, QString remoteHost, quint16 remotePort,
                         const ClientOptions& options, QObject* parent)
    : QObject(parent)
    , m_request(std::move(socketRequest))
    , m_host(std::move(remoteHost))
    , m_port(remotePort)
    , m_maxMessageBytes(options.maxMessageBytes) {
    connect(&m_server, &QTcpServer::newConnection, this, &PortForward::onNewConnection);
}

PortForward::~PortForward() {
    close();
}

Status PortForward::listen(const QHostAddress& address, quint16 port) {
    if (!m_server.listen(address, port))
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("port forward: cannot listen on %1:%2: %3")
                             .arg(address.toString())
                             .arg(port)
                             .arg(m_server.errorString()));
    return {};
}

void PortForward::close() {
    m_server.close();
    for (QObject* child : children()) {
        if (auto* tunnel = qobject_cast<Tunnel*>(child))
            delete tunnel;
    }
    m_tunnels = 0;
}

void PortForward::onNewConnection() {
    while (QTcpSocket* local = m_server.nextPendingConnection()) {
        auto* tunnel = new Tunnel(local, m_request, m_host, m_port, m_maxMessageBytes, this);
        ++m_tunnels;
        emit tunnelAccepted();
        connect(tunnel, &Tunnel::opened, this, &PortForward::tunnelOpened);
        connect(tunnel, &Tunnel::failed, this, &PortForward::tunnelFailed);
        connect(tunnel, &Tunnel::transferred, this, &PortForward::transferred);
        connect(tunnel, &Tunnel::ended, this, [this] {
            --m_tunnels;
            emit tunnelClosed();
        });
    }
}

} // namespace hangar::sprites

#include "SpritesPortForward.moc"
