#include "TerminalController.h"

#include "terminal/TerminalHub.h"
#include "terminal/TerminalSession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cmath>

namespace hangar::api {

using http::HttpReply;
using http::Request;

namespace {

constexpr int kMaxTerminalSide = 1000;
constexpr qint64 kMaxInputBytes = 64 * 1024;

QString sessionKey(const QString& fromQuery) {
    return fromQuery.isEmpty() ? QStringLiteral("default") : fromQuery;
}

QByteArray json(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// cols/rows from a JSON object; nullopt when missing, not integers (then *wrongShape is set)
// or out of range.
std::optional<std::pair<int, int>> terminalSize(const QJsonObject& o, bool* wrongShape = nullptr) {
    const QJsonValue cols = o.value(QStringLiteral("cols"));
    const QJsonValue rows = o.value(QStringLiteral("rows"));
    const double c = cols.toDouble();
    const double r = rows.toDouble();
    if (!cols.isDouble() || !rows.isDouble() || std::trunc(c) != c || std::trunc(r) != r) {
        if (wrongShape)
            *wrongShape = true;
        return std::nullopt;
    }
    // Range first: casting a huge double to int is undefined.
    if (c < 1 || r < 1 || c > kMaxTerminalSide || r > kMaxTerminalSide)
        return std::nullopt;
    return std::pair{int(c), int(r)};
}

} // namespace

TerminalController::TerminalController(TerminalHub& hub, http::SseLimits limits, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_limits(limits) {
}

void TerminalController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    router.add({Method::Get, QStringLiteral("/api/sandboxes/:id/terminal/stream"),
                http::Auth::Required,
                [this](const Request& r, HttpReply reply) { stream(r, reply); }});
    router.add({Method::Post, QStringLiteral("/api/sandboxes/:id/terminal/input"),
                http::Auth::Required,
                [this](const Request& r, HttpReply reply) { input(r, reply); }, kMaxInputBytes});
    router.add({Method::Post, QStringLiteral("/api/sandboxes/:id/terminal/resize"),
                http::Auth::Required,
                [this](const Request& r, HttpReply reply) { resize(r, reply); }});
    router.add({Method::Get,
                QStringLiteral("/api/sandboxes/:id/terminal/ws"),
                http::Auth::Required,
                {},
                0,
                [this](const http::SocketRequest& r, std::unique_ptr<QWebSocket> s) {
                    socket(r, std::move(s));
                }});
}

void TerminalController::stream(const Request& request, HttpReply reply) {
    const QString key = sessionKey(request.query(QStringLiteral("session")));
    m_hub.open(request.param(QStringLiteral("id")), key)
        .then(this, [this, reply](Result<TerminalSession*> r) mutable {
            if (!r)
                return reply.error(r.error());
            TerminalSession* session = r.value();
            auto* sse = new http::SseStream(reply, m_limits, this);
            if (!sse->open())
                return;
            // Output is bytes; the event carries text. A stateful decoder keeps a character
            // split across two chunks whole.
            auto decoder = std::make_shared<QStringDecoder>(QStringDecoder::Utf8);
            auto send = [sse, decoder](const QByteArray& data) {
                const QString text = decoder->decode(data);
                sse->send(QByteArrayLiteral("output"), json({{QStringLiteral("data"), text}}));
            };
            if (!session->scrollback().isEmpty())
                send(session->scrollback());
            connect(session, &TerminalSession::output, sse, send);
            connect(session, &TerminalSession::exited, sse, [sse](int code) {
                sse->send(QByteArrayLiteral("exit"), json({{QStringLiteral("code"), code}}));
                sse->close();
            });
            connect(session, &TerminalSession::failed, sse, [sse](const Error& e) {
                sse->send(QByteArrayLiteral("error"),
                          json({{QStringLiteral("message"), e.message}}));
                sse->close();
            });
        });
}

void TerminalController::input(const Request& request, HttpReply reply) {
    const QString key = sessionKey(request.query(QStringLiteral("session")));
    const QByteArray body = request.http.body();
    m_hub.open(request.param(QStringLiteral("id")), key)
        .then(this, [reply, body](Result<TerminalSession*> r) mutable {
            if (!r)
                return reply.error(r.error());
            r.value()->write(body);
            reply.noContent();
        });
}

void TerminalController::resize(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    bool wrongShape = false;
    const auto size = terminalSize(*body, &wrongShape);
    if (!size) {
        if (wrongShape)
            reply.badRequest(QStringLiteral("\"cols\" and \"rows\" are required integers"));
        else
            reply.invalidValue(
                QStringLiteral("\"cols\" and \"rows\" must be from 1 to %1").arg(kMaxTerminalSide));
        return;
    }
    const QString key = sessionKey(request.query(QStringLiteral("session")));
    m_hub.open(request.param(QStringLiteral("id")), key)
        .then(this, [reply, size](Result<TerminalSession*> r) mutable {
            if (!r)
                return reply.error(r.error());
            r.value()->resize(size->first, size->second);
            reply.noContent();
        });
}

void TerminalController::socket(const http::SocketRequest& request,
                                std::unique_ptr<QWebSocket> owned) {
    QWebSocket* ws = owned.release();
    ws->setParent(this);
    connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
    QPointer<QWebSocket> guard(ws);
    const QString key = sessionKey(request.query(QStringLiteral("session")));
    // Messages that arrive before the shell is up (a first resize, say) wait for it.
    auto pending = std::make_shared<QList<std::pair<bool, QByteArray>>>();
    auto bufferText =
        connect(ws, &QWebSocket::textMessageReceived, ws, [pending](const QString& m) {
            pending->append({true, m.toUtf8()});
        });
    auto bufferBinary =
        connect(ws, &QWebSocket::binaryMessageReceived, ws, [pending](const QByteArray& m) {
            pending->append({false, m});
        });

    m_hub.open(request.param(QStringLiteral("id")), key)
        .then(this, [guard, pending, bufferText, bufferBinary](Result<TerminalSession*> r) {
            if (!guard)
                return;
            QWebSocket* client = guard;
            QObject::disconnect(bufferText);
            QObject::disconnect(bufferBinary);
            if (!r) {
                client->close(QWebSocketProtocol::CloseCodeBadOperation,
                              r.error().message.left(120));
                return;
            }
            QPointer<TerminalSession> session = r.value();
            auto handleText = [session](const QByteArray& message) {
                if (!session)
                    return;
                const QJsonObject o = QJsonDocument::fromJson(message).object();
                if (o.value(QStringLiteral("type")).toString() == QLatin1String("resize")) {
                    if (const auto size = terminalSize(o))
                        session->resize(size->first, size->second);
                    return;
                }
                session->write(message); // not a control message: it is typing
            };
            connect(client, &QWebSocket::textMessageReceived, client,
                    [handleText](const QString& m) { handleText(m.toUtf8()); });
            connect(client, &QWebSocket::binaryMessageReceived, client,
                    [session](const QByteArray& m) {
                        if (session)
                            session->write(m);
                    });
            if (!session->scrollback().isEmpty())
                client->sendBinaryMessage(session->scrollback());
            connect(session, &TerminalSession::output, client,
                    [client](const QByteArray& data) { client->sendBinaryMessage(data); });
            connect(session, &TerminalSession::exited, client, [client](int) {
                client->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("exit"));
            });
            connect(session, &TerminalSession::failed, client, [client](const Error& e) {
                client->close(QWebSocketProtocol::CloseCodeBadOperation, e.message.left(120));
            });
            for (const auto& [text, message] : *pending) {
                if (text)
                    handleText(message);
                else
                    session->write(message);
            }
        });
}

} // namespace hangar::api
