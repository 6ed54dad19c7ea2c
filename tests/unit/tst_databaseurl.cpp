#include "store/DatabaseUrl.h"

#include <QTest>

using namespace hangar;

class TestDatabaseUrl : public QObject {
    Q_OBJECT
private slots:
    void sqlite() {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/hangar/hangar.db"));
        QVERIFY(url.ok());
        QCOMPARE(url.value().kind, DatabaseUrl::Kind::Sqlite);
        QCOMPARE(url.value().path, QStringLiteral("/var/lib/hangar/hangar.db"));
    }

    void postgres() {
        auto url =
            DatabaseUrl::parse(QStringLiteral("postgres://hangar:s3cret@db.local:6543/fleet"));
        QVERIFY(url.ok());
        QCOMPARE(url.value().kind, DatabaseUrl::Kind::Postgres);
        QCOMPARE(url.value().host, QStringLiteral("db.local"));
        QCOMPARE(url.value().port, 6543);
        QCOMPARE(url.value().user, QStringLiteral("hangar"));
        QCOMPARE(url.value().password, QStringLiteral("s3cret"));
        QCOMPARE(url.value().database, QStringLiteral("fleet"));
        QVERIFY2(!url.value().describe().contains(QStringLiteral("s3cret")),
                 "the password must never be shown");
    }

    void postgresSocketDirectory() {
        auto url =
            DatabaseUrl::parse(QStringLiteral("postgresql://me@localhost/db?host=%2Ftmp%2Fpg"));
        QVERIFY(url.ok());
        QCOMPARE(url.value().host, QStringLiteral("/tmp/pg"));
        QCOMPARE(url.value().port, 5432);
    }

    void rejected_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("scheme") << QStringLiteral("mysql://x/y");
        QTest::newRow("relative sqlite") << QStringLiteral("sqlite:hangar.db");
        QTest::newRow("sqlite with host") << QStringLiteral("sqlite://host/x.db");
        QTest::newRow("pg no db") << QStringLiteral("postgres://u@h:5432/");
        QTest::newRow("pg no host") << QStringLiteral("postgres:///db");
    }

    void rejected() {
        QFETCH(QString, text);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, ErrorCode::InvalidArgument);
        QVERIFY(url.error().message.contains(QStringLiteral("database URL")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
