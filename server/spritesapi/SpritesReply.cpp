#include "SpritesReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace hangar::spritesapi {

SpritesReply::SpritesReply(QHttpServerResponder&& responder, QTcpSocket* socket)
    : m_state(std::make_shared<State>(State{std::move(responder), socket, false, 0, false})) {
}

void SpritesReply::write(const std::shared_ptr<State>& state, Status status, const QByteArray& body,
                         const Headers& headers) {
    if (state->socket.isNull() || state->socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponder& r = *state->responder;
    r.writeStatusLine(status);
    r.writeHeader(QByteArrayLiteral("Sprite-Version"), QByteArray(Version));
    for (const auto& [key, value] : headers)
        r.writeHeader(key, value);
    r.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    if (state->dropMidBody) {
        r.writeBody(body.left(body.size() / 2));
        state->socket->flush();
        state->socket->abort();
        return;
    }
    r.writeBody(body);
}

void SpritesReply::send(Status status, const QByteArray& body, const QByteArray& contentType,
                        const Headers& extra) {
    if (m_state->done || m_state->socket.isNull())
        return;
    m_state->done = true;
    Headers headers = extra;
    if (!contentType.isEmpty())
        headers.prepend({QByteArrayLiteral("Content-Type"), contentType});
    if (m_state->delayMs <= 0) {
        write(m_state, status, body, headers);
        return;
    }
    QTimer::singleShot(
        m_state->delayMs, m_state->socket.data(),
        [state = m_state, status, body, headers] { write(state, status, body, headers); });
}

void SpritesReply::json(const QJsonValue& body, Status status) {
    const QJsonDocument doc =
        body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject());
    send(status, doc.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"));
}

void SpritesReply::noContent() {
    send(Status::NoContent, {}, {});
}

void SpritesReply::bytes(const QByteArray& body) {
    send(Status::Ok, body, QByteArrayLiteral("application/octet-stream"));
}

void SpritesReply::gatewayError(Status status, const QString& code, const QString& message,
                                const QJsonObject& extra, const Headers& headers) {
    QJsonObject body = extra;
    body.insert(QStringLiteral("error"), code);
    body.insert(QStringLiteral("message"), message);
    send(status, QJsonDocument(body).toJson(QJsonDocument::Compact),
         QByteArrayLiteral("application/json"), headers);
}

void SpritesReply::fsError(const Error& error, const QString& path, const QString& code) {
    const QJsonObject body{{QStringLiteral("error"), error.describe()},
                           {QStringLiteral("code"), code.isEmpty() ? fsCode(error.code) : code},
                           {QStringLiteral("path"), error.path.isEmpty() ? path : error.path}};
    send(fsStatus(error.code), QJsonDocument(body).toJson(QJsonDocument::Compact),
         QByteArrayLiteral("application/json"));
}

void SpritesReply::startStream(const QByteArray& contentType) {
    if (m_state->done || m_state->socket.isNull())
        return;
    m_state->done = true;
    m_state->streaming = true;
    QHttpServerResponder& r = *m_state->responder;
    r.writeStatusLine(Status::Ok);
    r.writeHeader(QByteArrayLiteral("Sprite-Version"), QByteArray(Version));
    r.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    r.writeHeader(QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked"));
    r.writeBody(QByteArray());
}

void SpritesReply::streamLine(const QJsonObject& event) {
    streamChunk(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
}

void SpritesReply::streamChunk(const QByteArray& data) {
    if (!m_state->streaming || m_state->socket.isNull() ||
        m_state->socket->state() != QAbstractSocket::ConnectedState || data.isEmpty())
        return;
    m_state->responder->writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_state->socket->flush();
    if (m_state->dropMidBody) {
        m_state->streaming = false;
        m_state->socket->abort();
    }
}

void SpritesReply::endStream() {
    if (!m_state->streaming || m_state->socket.isNull() ||
        m_state->socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_state->streaming = false;
    m_state->responder->writeBody(QByteArrayLiteral("0\r\n\r\n"));
    m_state->socket->flush();
}

void SpritesReply::abort() {
    if (m_state->done || m_state->socket.isNull())
        return;
    m_state->done = true;
    m_state->socket->abort();
}

SpritesReply::Status SpritesReply::fsStatus(ErrorCode code) {
    switch (code) {
    case ErrorCode::NotFound:
        return Status::NotFound;
    case ErrorCode::PermissionDenied:
    case ErrorCode::OutsideRoot:
        return Status::Forbidden;
    case ErrorCode::AlreadyExists:
    case ErrorCode::NotEmpty:
        return Status::Conflict;
    case ErrorCode::NotADirectory:
    case ErrorCode::IsADirectory:
    case ErrorCode::InvalidArgument:
        return Status::BadRequest;
    case ErrorCode::TooLarge:
        return Status::PayloadTooLarge;
    default:
        return Status::InternalServerError;
    }
}

QString SpritesReply::fsCode(ErrorCode code) {
    // A path that leaves the sprite's filesystem is a permission problem to the SDKs.
    if (code == ErrorCode::OutsideRoot)
        return QStringLiteral("EACCES");
    // The POSIX names are the core's own; the rest (timeouts, conflicts, ...) are I/O errors.
    const QString name = errorCodeName(code);
    return name.startsWith(QLatin1Char('E')) ? name : QStringLiteral("EIO");
}

} // namespace hangar::spritesapi
