#include "SqlSupport.h"

#include <QLoggingCategory>

namespace hangar::sql {

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
