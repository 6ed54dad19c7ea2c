#include "SpritesWatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace hangar::sprites {

// --- SpriteWatch ---------------------------------------------------------------------------

SpriteWatch::SpriteWatch(QNetworkReply* reply, QObject* parent)
    : QObject(parent)
    , m_reply(reply) {
    reply->setParent(this);
    connect(reply, &QNetworkReply::readyRead, this, &SpriteWatch::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &SpriteWatch::onFinished);
}

SpriteWatch::~SpriteWatch() {
    close();
}

void SpriteWatch::close() {
    m_done = true;
    if (m_reply && m_reply->isRunning())
        m_reply->abort();
}

void SpriteWatch::onReadyRead() {
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_done || !status.isValid() || status.toInt() >= 300)
        return; // an error body is read whole at the end
    auto objects = m_reader.feed(m_reply->readAll());
    if (!objects) {
        m_done = true;
        emit failed(objects.error());
        m_reply->abort();
        return;
    }
    for (const QJsonObject& object : objects.value()) {
        if (m_done)
            return;
        emit event(SpriteWatchEvent::fromJson(object));
    }
}

void SpriteWatch::onFinished() {
    if (m_done)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        m_done = true;
        return emit failed(makeError(ErrorCode::Unavailable,
                                     QStringLiteral("sprite watch: ") + m_reply->errorString()));
    }
    if (status.toInt() >= 300) {
        m_done = true;
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto& pair : m_reply->rawHeaderPairs())
            headers.append(pair);
        return emit failed(ApiError::parse(status.toInt(), m_reply->readAll(), headers).toError());
    }
    onReadyRead();
    if (m_done)
        return;
    m_done = true;
    if (m_reply->error() != QNetworkReply::NoError)
        return emit failed(makeError(ErrorCode::Unavailable,
                                     QStringLiteral("sprite watch: the stream was cut short (%1)")
                                         .arg(m_reply->errorString())));
    emit finished();
}

// --- SocketWatch ---------------------------------------------------------------------------

SocketWatch::SocketWatch(QNetworkRequest request, QJsonObject subscribe, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_subscribe(std::move(subscribe)) {
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        if (!m_subscribe.isEmpty())
            m_socket.sendTextMessage(
                QString::fromUtf8(QJsonDocument(m_subscribe).toJson(QJsonDocument::Compact)));
        emit opened();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &SocketWatch::onText);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (std::exchange(m_done, true))
                    return;
                emit failed(makeError(ErrorCode::Unavailable,
                                      QStringLiteral("watch %1: %2")
                                          .arg(m_request.url().path(), m_socket.errorString())));
            });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_open = false;
        if (std::exchange(m_done, true))
            return;
        emit closed();
    });
    // Opens on the next turn, so the caller can connect first.
    QTimer::singleShot(0, this, [this] { m_socket.open(m_request); });
}

SocketWatch::~SocketWatch() {
    m_done = true;
    m_socket.abort();
}

void SocketWatch::close() {
    m_done = true;
    m_socket.close(QWebSocketProtocol::CloseCodeNormal);
}

void SocketWatch::onText(const QString& text) {
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isObject() && !m_done)
        emit message(doc.object());
}

PortWatch::PortWatch(QNetworkRequest request, QObject* parent)
    : SocketWatch(std::move(request), {}, parent) {
    connect(this, &SocketWatch::message, this, [this](const QJsonObject& m) {
        const QString type = m.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("port_list")) {
            QList<PortEvent> ports;
            for (const auto& port : m.value(QStringLiteral("ports")).toArray())
                ports.append(PortEvent::fromJson(port.toObject()));
            emit portList(ports);
        } else if (type == QLatin1String("port_opened") || type == QLatin1String("port_closed")) {
            emit portChanged(PortEvent::fromJson(m));
        }
    });
}

FileWatch::FileWatch(QNetworkRequest request, const QStringList& paths, bool recursive,
                     const QString& workingDir, QObject* parent)
    : SocketWatch(std::move(request),
                  {{QStringLiteral("type"), QStringLiteral("subscribe")},
                   {QStringLiteral("paths"), QJsonArray::fromStringList(paths)},
                   {QStringLiteral("recursive"), recursive},
                   {QStringLiteral("workingDir"), workingDir}},
                  parent) {
    connect(this, &SocketWatch::message, this, [this](const QJsonObject& m) {
        const FsWatchEvent event = FsWatchEvent::fromJson(m);
        if (event.type == QLatin1String("subscribed"))
            emit subscribed(event.paths);
        else if (event.type == QLatin1String("event"))
            emit changed(event);
        else if (event.type == QLatin1String("error"))
            emit watchError(event.message);
    });
}

} // namespace hangar::sprites
