#include "CookieSessions.h"

#include "ApiToken.h"

namespace hangar::http {

QByteArray CookieSessions::create() {
    const QByteArray id = ApiToken::generate().toLatin1();
    m_expiry.insert(id, QDateTime::currentDateTimeUtc().addSecs(kLifetimeSeconds));
    return id;
}

bool CookieSessions::isValid(const QByteArray& id) {
    if (id.isEmpty())
        return false;
    // Constant-time over the candidates: the comparison must not reveal how close a guess is.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool found = false;
    for (auto it = m_expiry.begin(); it != m_expiry.end();) {
        if (it.value() < now) {
            it = m_expiry.erase(it);
            continue;
        }
        found |= tokensEqual(it.key(), id);
        ++it;
    }
    return found;
}

void CookieSessions::remove(const QByteArray& id) {
    m_expiry.remove(id);
}

QByteArray CookieSessions::sessionOf(const QHttpServerRequest& request) {
    const QByteArray cookies = request.value(QByteArrayLiteral("Cookie"));
    for (const QByteArray& part : cookies.split(';')) {
        const QByteArray pair = part.trimmed();
        const QByteArray prefix = QByteArray(kCookieName) + '=';
        if (pair.startsWith(prefix))
            return pair.mid(prefix.size());
    }
    return {};
}

QByteArray CookieSessions::setCookieHeader(const QByteArray& id) {
    return QByteArray(kCookieName) + '=' + id +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + QByteArray::number(kLifetimeSeconds);
}

QByteArray CookieSessions::clearCookieHeader() {
    return QByteArray(kCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

} // namespace hangar::http
