#include "Router.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>
#include <QUrlQuery>

namespace hangar::http {

QString Request::query(const QString& name) const {
    return http.query().queryItemValue(name, QUrl::FullyDecoded);
}

std::optional<QJsonObject> Request::jsonObject(QString* why) const {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(http.body(), &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QStringLiteral("the body is not valid JSON (%1 at offset %2)")
                   .arg(error.errorString())
                   .arg(error.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *why = QStringLiteral("the body must be a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

void Router::add(Route route) {
    m_routes.append(std::move(route));
}

QString SocketRequest::query(const QString& name) const {
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

Router::Match Router::match(QHttpServerRequest::Method method, const QString& path,
                            bool upgrade) const {
    // `path` is percent-encoded: split first, then decode, so an encoded '/' stays inside
    // its segment.
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString& segment : segments)
        segment = QUrl::fromPercentEncoding(segment.toUtf8());
    Match result;
    for (const Route& route : m_routes) {
        if (bool(route.socketHandler) != upgrade)
            continue;
        const QStringList pattern = route.pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const bool wildcard =
            !pattern.isEmpty() && pattern.constLast().startsWith(QLatin1Char('*'));
        const int fixed = wildcard ? pattern.size() - 1 : pattern.size();
        if (wildcard ? segments.size() < fixed : segments.size() != fixed)
            continue;
        QHash<QString, QString> params;
        bool matches = true;
        for (int i = 0; i < fixed && matches; ++i) {
            if (pattern[i].startsWith(QLatin1Char(':')))
                params.insert(pattern[i].mid(1), segments[i]);
            else
                matches = pattern[i] == segments[i];
        }
        if (matches && wildcard)
            params.insert(pattern.constLast().mid(1), segments.mid(fixed).join(QLatin1Char('/')));
        if (!matches)
            continue;
        if (route.method != method) {
            result.pathMatchedOtherMethod = true;
            continue;
        }
        result.route = &route;
        result.params = std::move(params);
        return result;
    }
    return result;
}

} // namespace hangar::http
