#pragma once

#include "DatabaseUrl.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace hangar::sql {

// Adds and opens the named connection to `url` (QSQLITE or QPSQL): a missing driver, an
// uncreatable directory or a refused login comes back as an Error.
Result<QSqlDatabase> openConnection(const DatabaseUrl& url, const QString& connectionName);

// The database's own words for a failure, as an Error the caller sees.
Error toError(const QSqlError& error, const QString& what);

// Prepares and runs a query; every failure is reported.
Status exec(QSqlQuery& query, const QString& what);
Status execStatement(QSqlDatabase db, const QString& statement);

// A transaction that rolls back unless committed.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace hangar::sql
