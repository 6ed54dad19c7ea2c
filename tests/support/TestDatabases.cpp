#include "TestDatabases.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace hangar::test {

namespace {

const char* kPgUrlVariable = "HANGAR_TEST_PG_URL";

QString adminConnectionName() {
    return QStringLiteral("hangar-test-admin");
}

// A connection to the server's maintenance database, reused for creating and dropping.
QSqlDatabase adminConnection(const DatabaseUrl& server, QString* error) {
    QSqlDatabase db = QSqlDatabase::database(adminConnectionName(), false);
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), adminConnectionName());
        db.setHostName(server.host);
        db.setPort(server.port);
        db.setUserName(server.user);
        db.setPassword(server.password);
        db.setDatabaseName(server.database);
    }
    if (!db.isOpen() && !db.open())
        *error = db.lastError().text();
    return db;
}

} // namespace

bool postgresConfigured() {
    return !qEnvironmentVariable(kPgUrlVariable).isEmpty();
}

bool postgresRequired() {
    return qEnvironmentVariable("HANGAR_TEST_REQUIRE_PG") == QLatin1String("1");
}

TempDatabase::TempDatabase(Kind kind)
    : m_kind(kind) {
    if (kind == Kind::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_url = DatabaseUrl::sqlite(m_dir->filePath(QStringLiteral("hangar.db")));
        m_valid = m_dir->isValid();
        return;
    }
    auto server = DatabaseUrl::parse(qEnvironmentVariable(kPgUrlVariable));
    if (!server) {
        m_error = server.error().message;
        return;
    }
    QSqlDatabase admin = adminConnection(server.value(), &m_error);
    if (!admin.isOpen())
        return;
    const QString name =
        QStringLiteral("hangar_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    QSqlQuery q(admin);
    if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
        m_error = q.lastError().text();
        return;
    }
    m_url = server.value();
    m_url.database = name;
    m_valid = true;
}

TempDatabase::~TempDatabase() {
    if (m_kind != Kind::Postgres || !m_valid)
        return;
    QString error;
    auto server = DatabaseUrl::parse(qEnvironmentVariable(kPgUrlVariable));
    if (!server)
        return;
    QSqlDatabase admin = adminConnection(server.value(), &error);
    QSqlQuery q(admin);
    if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_url.database)))
        qWarning("could not drop test database: %s", qPrintable(q.lastError().text()));
}

QString TempDatabase::urlText() const {
    if (m_url.kind == DatabaseUrl::Kind::Sqlite)
        return QStringLiteral("sqlite://") + m_url.path;
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setUserName(m_url.user);
    url.setPassword(m_url.password);
    const bool socket = m_url.host.startsWith(QLatin1Char('/'));
    url.setHost(socket ? QStringLiteral("localhost") : m_url.host);
    url.setPort(m_url.port);
    url.setPath(QLatin1Char('/') + m_url.database);
    if (socket) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("host"), m_url.host);
        url.setQuery(query);
    }
    return url.toString();
}

void addDatabaseRows() {
    QTest::addColumn<int>("database");
    QTest::newRow("sqlite") << int(TempDatabase::Kind::Sqlite);
    if (postgresConfigured() || postgresRequired())
        QTest::newRow("postgres") << int(TempDatabase::Kind::Postgres);
}

} // namespace hangar::test
