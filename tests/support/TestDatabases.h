#pragma once

#include "store/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace hangar::test {

// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new
// PostgreSQL database on the server named by HANGAR_TEST_PG_URL (dropped again afterwards).
class TempDatabase {
public:
    enum class Kind { Sqlite, Postgres };

    explicit TempDatabase(Kind kind);
    ~TempDatabase();

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    const DatabaseUrl& url() const { return m_url; }
    // The URL as text, for HANGAR_DB_URL of a child process.
    QString urlText() const;

private:
    Kind m_kind;
    bool m_valid = false;
    QString m_error;
    DatabaseUrl m_url;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// True when HANGAR_TEST_PG_URL names a PostgreSQL server to test against.
bool postgresConfigured();
// True when the run must test PostgreSQL (scripts/test sets HANGAR_TEST_REQUIRE_PG=1).
bool postgresRequired();

// Adds a "database" column with a "sqlite" row and, when configured, a "postgres" row.
void addDatabaseRows();

} // namespace hangar::test

// In a data-driven test (rows from addDatabaseRows()): a fresh database for the current row.
// A PostgreSQL row that cannot connect fails the test: scripts/test always provides a server.
#define HANGAR_FETCH_DATABASE(var)                                                                 \
    QFETCH(int, database);                                                                         \
    auto var = std::make_unique<hangar::test::TempDatabase>(                                       \
        static_cast<hangar::test::TempDatabase::Kind>(database));                                  \
    QVERIFY2(var->isValid(), qPrintable(var->errorString()))

// A fresh PostgreSQL database for a test that only makes sense there (several instances on one
// database): skipped when no server is configured, unless the run requires PostgreSQL.
#define HANGAR_POSTGRES_DATABASE(var)                                                              \
    if (!hangar::test::postgresConfigured() && !hangar::test::postgresRequired())                  \
        QSKIP("set HANGAR_TEST_PG_URL to run this against PostgreSQL");                            \
    auto var =                                                                                     \
        std::make_unique<hangar::test::TempDatabase>(hangar::test::TempDatabase::Kind::Postgres);  \
    QVERIFY2(var->isValid(), qPrintable(var->errorString()))
