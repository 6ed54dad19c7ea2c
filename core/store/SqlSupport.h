#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace hangar::sql {

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
