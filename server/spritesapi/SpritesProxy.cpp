// The Sprites emulator's TCP proxy (sprites-api.md §9): one WebSocket tunnels one TCP connection
// to host:port as seen from inside the sprite. Local sandboxes share the host's network
// namespace (unless a `deny *` policy cuts it), so "inside the sprite" is this machine.
#include "SpritesApi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QWebSocket>

namespace hangar::spritesapi {

namespace {

QString text(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The init message {"host": "...", "port": N}; host defaults to localhost. Empty host = invalid.
std::pair<QString, quint16> parseTarget(const QString& message) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    const QJsonObject init = doc.object();
    const QString host = init.value(QStringLiteral("host")).toString(QStringLiteral("localhost"));
    const QJsonValue portValue = init.value(QStringLiteral("port"));
    const int port = portValue.isString() ? portValue.toString().toInt() : portValue.toInt();
    if (host.isEmpty() || port < 1 || port > 65535)
        return {};
    return {host, static_cast<quint16>(port)};
}

// Owns both ends; deletes itself (and them) when either side goes away.
class ProxyTunnel : public QObject {
public:
    ProxyTunnel(std::unique_ptr<QWebSocket> socket, QObject* parent)
        : QObject(parent)
        , m_socket(socket.release())
        , m_tcp(new QTcpSocket(this)) {
        m_socket->setParent(this);
        connect(m_socket, &QWebSocket::textMessageReceived, this, &ProxyTunnel::onText);
        connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ProxyTunnel::onBinary);
        connect(m_socket, &QWebSocket::disconnected, this, &ProxyTunnel::onClientGone);
        connect(m_tcp, &QTcpSocket::connected, this, &ProxyTunnel::onConnected);
        connect(m_tcp, &QTcpSocket::readyRead, this, &ProxyTunnel::onTargetData);
        connect(m_tcp, &QTcpSocket::errorOccurred, this, &ProxyTunnel::onTargetError);
        connect(m_tcp, &QTcpSocket::disconnected, this, &ProxyTunnel::onTargetGone);
    }

    // ?host=&port= on the URL replaces the init message ([srv25]).
    void start(const QString& host, const QString& port) {
        if (!port.isEmpty())
            connectTo(QJsonObject{
                {QStringLiteral("host"), host.isEmpty() ? QStringLiteral("localhost") : host},
                {QStringLiteral("port"), port.toInt()}});
    }

private:
    void connectTo(const QJsonObject& init) {
        const auto [host, port] = parseTarget(text(init));
        if (host.isEmpty()) {
            m_socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                            QStringLiteral("invalid init message: want {\"host\",\"port\"}"));
            return;
        }
        m_target = QStringLiteral("%1:%2").arg(host).arg(port);
        m_tcp->connectToHost(host, port);
    }

    void onText(const QString& message) {
        if (!m_target.isEmpty())
            return; // text after the handshake is ignored (§9 step 5)
        const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8());
        connectTo(doc.isObject() ? doc.object() : QJsonObject{});
    }

    void onBinary(const QByteArray& data) {
        if (m_connected)
            m_tcp->write(data);
        else
            m_pending += data;
    }

    void onConnected() {
        m_connected = true;
        m_socket->sendTextMessage(text({{QStringLiteral("status"), QStringLiteral("connected")},
                                        {QStringLiteral("target"), m_target}}));
        if (!m_pending.isEmpty())
            m_tcp->write(std::exchange(m_pending, {}));
    }

    void onTargetData() {
        const QByteArray data = m_tcp->readAll();
        if (!data.isEmpty())
            m_socket->sendBinaryMessage(data);
    }

    void onTargetError(QAbstractSocket::SocketError) {
        if (m_connected)
            return; // a closed target ends in onTargetGone
        const QString reason =
            QStringLiteral("Failed to connect to target: ") + m_tcp->errorString();
        m_socket->sendTextMessage(text({{QStringLiteral("status"), QStringLiteral("error")},
                                        {QStringLiteral("target"), m_target},
                                        {QStringLiteral("error"), reason}}));
        m_socket->close(QWebSocketProtocol::CloseCodeBadOperation, reason.left(120));
    }

    void onTargetGone() {
        onTargetData();
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("upstream closed"));
    }

    void onClientGone() {
        m_tcp->abort();
        deleteLater();
    }

    QWebSocket* m_socket;
    QTcpSocket* m_tcp;
    QString m_target;
    QByteArray m_pending;
    bool m_connected = false;
};

} // namespace

void SpritesApi::addProxyRoutes() {
    m_server->socketRoute(
        QStringLiteral("/v1/sprites/:name/proxy"),
        [this](const http::Request& r, SpritesReply reply) {
            checkSprite(r.param(QStringLiteral("name")), reply);
        },
        [this](const SocketRequest& r, std::unique_ptr<QWebSocket> socket) {
            auto* tunnel = new ProxyTunnel(std::move(socket), this);
            tunnel->start(r.value(QStringLiteral("host")), r.value(QStringLiteral("port")));
        });
}

} // namespace hangar::spritesapi
