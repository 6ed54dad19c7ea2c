#include "SseStream.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace hangar::http {

SseStream::SseStream(HttpReply reply, SseLimits limits, QObject* parent)
    : QObject(parent)
    , m_reply(std::move(reply))
    , m_limits(limits) {
    connect(&m_heartbeat, &QTimer::timeout, this,
            [this] { comment(QByteArrayLiteral("heartbeat")); });
}

bool SseStream::open() {
    QTcpSocket* socket = m_reply.socket();
    if (!socket || !m_reply.beginStream(
                       HttpReply::Status::Ok,
                       {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream")},
                        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")},
                        {QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no")}})) {
        deleteLater();
        return false;
    }
    m_open = true;
    connect(socket, &QTcpSocket::disconnected, this, &SseStream::close);
    connect(socket, &QObject::destroyed, this, &SseStream::close);
    m_heartbeat.start(m_limits.heartbeatMs);
    // Some proxies hold the first bytes back; a comment gets the stream going at once.
    comment(QByteArrayLiteral("connected"));
    return true;
}

void SseStream::send(const QByteArray& event, const QByteArray& data, const QByteArray& id) {
    QByteArray frame;
    if (!id.isEmpty())
        frame += "id: " + id + '\n';
    if (!event.isEmpty())
        frame += "event: " + event + '\n';
    for (const QByteArray& line : data.split('\n'))
        frame += "data: " + line + '\n';
    frame += '\n';
    write(frame);
}

void SseStream::comment(const QByteArray& text) {
    write(": " + text + "\n\n");
}

void SseStream::write(const QByteArray& bytes) {
    if (!m_open)
        return;
    if (m_reply.pendingBytes() + bytes.size() > m_limits.maxPendingBytes) {
        // Too slow: drop it instead of buffering without bound or delaying anyone else.
        if (QTcpSocket* socket = m_reply.socket())
            socket->abort();
        close();
        return;
    }
    if (!m_reply.writeChunk(bytes))
        close();
}

void SseStream::close() {
    const bool wasOpen = m_open;
    m_open = false;
    m_heartbeat.stop();
    if (QTcpSocket* socket = m_reply.socket();
        socket && socket->state() == QAbstractSocket::ConnectedState)
        socket->disconnectFromHost();
    if (wasOpen) {
        emit closed();
        deleteLater();
    }
}

qint64 lastEventId(const QHttpServerRequest& request) {
    QByteArray text = request.value(QByteArrayLiteral("Last-Event-ID"));
    if (text.isEmpty())
        text = request.query().queryItemValue(QStringLiteral("lastEventId")).toLatin1();
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

} // namespace hangar::http
