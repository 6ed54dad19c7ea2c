#include "DatabaseUrl.h"

#include <QUrl>
#include <QUrlQuery>

namespace hangar {

DatabaseUrl DatabaseUrl::sqlite(const QString& path) {
    DatabaseUrl url;
    url.kind = Kind::Sqlite;
    url.path = path;
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString& text) {
    const auto invalid = [&](const QString& why) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("invalid database URL (%1); expected sqlite:///path/to/file.db "
                           "or postgres://user@host:port/database")
                .arg(why));
    };
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalid(QStringLiteral("not a URL"));

    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        if (!url.host().isEmpty())
            return invalid(QStringLiteral("a SQLite URL has no host: use three slashes"));
        const QString path = url.path();
        if (path.isEmpty() || !path.startsWith(QLatin1Char('/')))
            return invalid(QStringLiteral("a SQLite URL needs an absolute file path"));
        return sqlite(path);
    }
    if (scheme == QLatin1String("postgres") || scheme == QLatin1String("postgresql")) {
        DatabaseUrl db;
        db.kind = Kind::Postgres;
        db.host = url.host();
        db.port = url.port(5432);
        db.user = url.userName();
        db.password = url.password();
        db.database = url.path().mid(1);
        const QUrlQuery query(url);
        if (query.hasQueryItem(QStringLiteral("host")))
            db.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
        if (db.host.isEmpty())
            return invalid(QStringLiteral("no host"));
        if (db.database.isEmpty() || db.database.contains(QLatin1Char('/')))
            return invalid(QStringLiteral("no database name"));
        return db;
    }
    return invalid(QStringLiteral("unknown scheme \"%1\"").arg(scheme));
}

QString DatabaseUrl::describe() const {
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite://") + path;
    QString who = user.isEmpty() ? QString() : user + QLatin1Char('@');
    return QStringLiteral("postgres://%1%2:%3/%4").arg(who, host).arg(port).arg(database);
}

} // namespace hangar
