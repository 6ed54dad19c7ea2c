#include "SqlSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

namespace hangar::sql {

Result<QSqlDatabase> openConnection(const DatabaseUrl& url, const QString& connectionName) {
    const bool sqlite = url.kind == DatabaseUrl::Kind::Sqlite;
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the Qt SQL driver %1 is not installed (Debian: %2)")
                             .arg(driver, sqlite ? QStringLiteral("libqt6sql6-sqlite")
                                                 : QStringLiteral("libqt6sql6-psql")));
    }
    QSqlDatabase database = QSqlDatabase::addDatabase(driver, connectionName);
    if (sqlite) {
        const QFileInfo file(url.path);
        if (!QDir().mkpath(file.absolutePath())) {
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot create the database directory %1").arg(file.absolutePath()));
        }
        database.setDatabaseName(url.path);
        database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        database.setHostName(url.host);
        database.setPort(url.port);
        database.setUserName(url.user);
        database.setPassword(url.password);
        database.setDatabaseName(url.database);
        database.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!database.open())
        return toError(database.lastError(), QStringLiteral("opening %1").arg(url.describe()));
    return database;
}

Error toError(const QSqlError& error, const QString& what) {
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    // Unique-constraint violations are something callers act on (duplicate names).
    const QString code = error.nativeErrorCode();
    const bool unique =
        code == QLatin1String("23505") // PostgreSQL unique_violation
        || text.contains(QLatin1String("UNIQUE constraint failed"), Qt::CaseInsensitive);
    return makeError(unique ? ErrorCode::AlreadyExists : ErrorCode::Io,
                     QStringLiteral("database error while %1: %2").arg(what, text));
}

Status exec(QSqlQuery& query, const QString& what) {
    if (!query.exec())
        return toError(query.lastError(), what);
    return {};
}

Status execStatement(QSqlDatabase db, const QString& statement) {
    QSqlQuery query(db);
    if (!query.exec(statement))
        return toError(query.lastError(), QStringLiteral("running \"%1\"").arg(statement.left(60)));
    return {};
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db)) {
}

Transaction::~Transaction() {
    if (m_open)
        m_db.rollback();
}

Status Transaction::begin() {
    if (!m_db.transaction())
        return toError(m_db.lastError(), QStringLiteral("starting a transaction"));
    m_open = true;
    return {};
}

Status Transaction::commit() {
    if (!m_db.commit()) {
        const Error error = toError(m_db.lastError(), QStringLiteral("committing"));
        m_db.rollback();
        m_open = false;
        return error;
    }
    m_open = false;
    return {};
}

} // namespace hangar::sql
