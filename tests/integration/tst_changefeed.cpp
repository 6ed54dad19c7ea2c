// ChangeFeed on a real PostgreSQL server: when its LISTEN connection is killed
// (pg_terminate_backend from another connection), it notices, listens again on a new one, says
// so, and other instances' commits reach it again. Skips without HANGAR_TEST_PG_URL.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "store/ChangeFeed.h"
#include "store/SqlSupport.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace hangar;

namespace {

constexpr int kCheckIntervalMs = 50;
constexpr int kWaitMs = 10'000;

Sandbox makeSandbox(const QString& name) {
    Sandbox s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.name = name;
    s.backend = QStringLiteral("local");
    s.chatId = name;
    s.threadId = QStringLiteral("t");
    s.state = SandboxState::Provisioning;
    s.createdAt = s.updatedAt = s.lastActivityAt = QDateTime::currentDateTimeUtc();
    return s;
}

// Runs `statement` on a connection of its own, closed afterwards.
Status runElsewhere(const DatabaseUrl& url, const QString& statement) {
    const QString name = QStringLiteral("killer-") + QUuid::createUuid().toString();
    Status result;
    {
        auto database = sql::openConnection(url, name);
        if (!database)
            result = database.error();
        else
            result = sql::execStatement(database.value(), statement);
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

class TstChangeFeed : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qRegisterMetaType<StoreChange>(); }

    void listensAgainAfterItsConnectionIsKilled() {
        HANGAR_POSTGRES_DATABASE(db);
        auto writer = Store::open(db->url());
        auto reader = Store::open(db->url());
        HANGAR_VERIFY_OK(writer);
        HANGAR_VERIFY_OK(reader);
        ChangeFeed* feed = reader.value()->changes();
        QVERIFY(feed);
        QVERIFY(feed->isConnected());
        feed->setCheckInterval(kCheckIntervalMs);
        QSignalSpy changed(feed, &ChangeFeed::changed);
        QSignalSpy dropped(feed, &ChangeFeed::disconnected);
        QSignalSpy back(feed, &ChangeFeed::reconnected);

        HANGAR_VERIFY_OK(
            writer.value()->insertSandbox(makeSandbox(QStringLiteral("zuko-a-t")), {}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kWaitMs);

        const qint64 pid = feed->backendPid();
        QVERIFY(pid > 0);
        HANGAR_VERIFY_OK(
            runElsewhere(db->url(), QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
        QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, kWaitMs);
        QCOMPARE(dropped.size(), 1);
        QVERIFY(feed->isConnected());
        QVERIFY(feed->backendPid() > 0 && feed->backendPid() != pid);

        // Commits after the reconnection are announced again, once each.
        HANGAR_VERIFY_OK(
            writer.value()->insertSandbox(makeSandbox(QStringLiteral("zuko-b-t")), {}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kWaitMs);
        QCOMPARE(changed.at(1).at(0).value<StoreChange>().kind, StoreChange::Kind::Inserted);
        // A live connection passes the check: no second reconnection.
        feed->checkConnection();
        QCOMPARE(back.size(), 1);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(changed.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TstChangeFeed)
#include "tst_changefeed.moc"
