#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHttpServerRequest>

namespace hangar::http {

// Browser sign-in: EventSource and WebSocket cannot send an Authorization header, so a client
// that proved the token gets an HttpOnly, SameSite=Strict cookie naming a random session kept
// here (in memory: a restart signs everyone out). The token itself never goes into a URL or
// a cookie.
class CookieSessions {
public:
    static constexpr auto kCookieName = "hangar_session";
    static constexpr qint64 kLifetimeSeconds = 12 * 3600;

    QByteArray create();
    bool isValid(const QByteArray& id);
    void remove(const QByteArray& id);

    // The session id from the request's Cookie header, if any.
    static QByteArray sessionOf(const QHttpServerRequest& request);
    static QByteArray setCookieHeader(const QByteArray& id);
    static QByteArray clearCookieHeader();

private:
    QHash<QByteArray, QDateTime> m_expiry;
};

} // namespace hangar::http
