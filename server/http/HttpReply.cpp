#include "HttpReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hangar::http {

HttpReply::HttpReply(QHttpServerResponder&& responder, QTcpSocket* socket)
    : m_state(std::make_shared<State>(State{std::move(responder), socket, false, {}})) {
}

void HttpReply::addHeader(const QByteArray& name, const QByteArray& value) {
    m_state->headers.append({name, value});
}

bool HttpReply::claim() {
    if (m_state->done || m_state->socket.isNull())
        return false;
    m_state->done = true;
    return true;
}

void HttpReply::send(Status status, const QList<Header>& headers, const QByteArray& body) {
    if (!claim())
        return;
    QHttpServerResponder& r = m_state->responder;
    r.writeStatusLine(status);
    for (const auto& [name, value] : m_state->headers)
        r.writeHeader(name, value);
    for (const auto& [name, value] : headers)
        r.writeHeader(name, value);
    r.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    r.writeBody(body);
}

void HttpReply::json(const QJsonValue& body, Status status) {
    const QJsonDocument doc =
        body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject());
    send(status,
         {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
          {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")}},
         doc.toJson(QJsonDocument::Compact));
}

void HttpReply::bytes(const QByteArray& body, const QByteArray& contentType, Status status) {
    send(status, {{QByteArrayLiteral("Content-Type"), contentType}}, body);
}

void HttpReply::noContent() {
    send(Status::NoContent, {}, {});
}

void HttpReply::error(Status status, const QString& code, const QString& message,
                      const QString& path) {
    QJsonObject detail{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!path.isEmpty())
        detail.insert(QStringLiteral("path"), path);
    json(QJsonObject{{QStringLiteral("error"), detail}}, status);
}

void HttpReply::error(const Error& e) {
    error(statusFor(e.code), errorCodeName(e.code), e.message, e.path);
}

void HttpReply::badRequest(const QString& message) {
    error(Status::BadRequest, QStringLiteral("EINVAL"), message);
}

void HttpReply::invalidValue(const QString& message) {
    error(Status::UnprocessableEntity, QStringLiteral("EINVAL"), message);
}

bool HttpReply::beginStream(Status status, const QList<Header>& headers) {
    if (!claim())
        return false;
    QHttpServerResponder& r = m_state->responder;
    r.writeStatusLine(status);
    for (const auto& [name, value] : m_state->headers)
        r.writeHeader(name, value);
    for (const auto& [name, value] : headers)
        r.writeHeader(name, value);
    // The body ends when the connection does.
    r.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    r.writeBody(QByteArray());
    return true;
}

bool HttpReply::writeChunk(const QByteArray& data) {
    if (m_state->socket.isNull() || !m_state->done)
        return false;
    m_state->responder.writeBody(data);
    return true;
}

qint64 HttpReply::pendingBytes() const {
    return m_state->socket.isNull() ? 0 : m_state->socket->bytesToWrite();
}

HttpReply::Status HttpReply::statusFor(ErrorCode code) {
    switch (code) {
    case ErrorCode::NotFound:
        return Status::NotFound;
    case ErrorCode::AlreadyExists:
    case ErrorCode::IllegalTransition:
    case ErrorCode::Conflict:
    case ErrorCode::NotEmpty:
        return Status::Conflict;
    // The core only ever sees parsed, well-typed values: when it refuses one (a bad name, an
    // unknown backend, a path of the wrong kind) the request was understood but cannot be
    // carried out. 400 is for requests that cannot be parsed; handlers answer those themselves.
    case ErrorCode::InvalidArgument:
    case ErrorCode::NotADirectory:
    case ErrorCode::IsADirectory:
        return Status::UnprocessableEntity;
    case ErrorCode::PermissionDenied:
    case ErrorCode::OutsideRoot:
        return Status::Forbidden;
    case ErrorCode::TooLarge:
        return Status::PayloadTooLarge;
    case ErrorCode::Timeout:
        return Status::GatewayTimeout;
    case ErrorCode::Unavailable:
        return Status::ServiceUnavailable;
    case ErrorCode::Cancelled:
    case ErrorCode::Io:
    case ErrorCode::Internal:
        return Status::InternalServerError;
    }
    return Status::InternalServerError;
}

} // namespace hangar::http
