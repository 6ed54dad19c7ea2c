#pragma once

#include "HttpReply.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QStringList>

#include <optional>

namespace hangar::http {

struct Refusal {
    HttpReply::Status status;
    QString code;
    QString message;
};

// The browser-facing checks of a local API: DNS-rebinding protection (a loopback-bound server
// answers only to loopback Host names), Origin checks (same origin or the CORS allowlist,
// empty by default), CORS answers for allowed origins, and security headers on every answer.
class RequestGuard {
public:
    explicit RequestGuard(QStringList corsOrigins = {});

    void setBoundAddress(const QHostAddress& address) { m_bound = address; }

    std::optional<Refusal> check(const QHttpServerRequest& request) const;
    // A CORS preflight from an allowed origin: answer it with allowHeaders() and 204.
    bool isPreflight(const QHttpServerRequest& request) const;
    // Headers for every answer to this request.
    QList<Header> headers(const QHttpServerRequest& request) const;

private:
    bool originAllowed(const QByteArray& origin, const QByteArray& host) const;

    QStringList m_corsOrigins;
    QHostAddress m_bound;
};

} // namespace hangar::http
