#include "TestDatabases.h"
#include "TestSupport.h"
#include "store/Migrations.h"
#include "store/Store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace hangar;

namespace {

Sandbox makeSandbox(const QString& name, qint64 atMs = 1'700'000'000'000) {
    Sandbox s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.name = name;
    s.backend = QStringLiteral("local");
    s.chatId = QStringLiteral("chat1");
    s.threadId = QStringLiteral("t1");
    s.state = SandboxState::Provisioning;
    s.createdAt = s.updatedAt = s.lastActivityAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    return s;
}

std::unique_ptr<Store> openStore(const DatabaseUrl& url) {
    auto store = Store::open(url);
    if (!store) {
        qWarning("open failed: %s", qPrintable(store.error().message));
        return nullptr;
    }
    return std::move(store).value();
}

QDateTime at(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void migratesToTheLatestVersion_data() { test::addDatabaseRows(); }
    void migratesToTheLatestVersion() {
        HANGAR_FETCH_DATABASE(db);
        {
            auto store = openStore(db->url());
            QVERIFY(store);
            auto version = store->schemaVersion();
            QVERIFY(version.ok());
            QCOMPARE(version.value(), migrations().constLast().version);
            HANGAR_VERIFY_OK(store->insertSandbox(makeSandbox(QStringLiteral("zuko-a-1")),
                                                  QStringLiteral("test")));
        }
        // Reopening applies nothing twice and keeps the data.
        auto again = openStore(db->url());
        QVERIFY(again);
        QCOMPARE(again->schemaVersion().value(), migrations().constLast().version);
        QCOMPARE(again->sandboxes().value().size(), 1);
    }

    void refusesANewerSchema_data() { test::addDatabaseRows(); }
    void refusesANewerSchema() {
        HANGAR_FETCH_DATABASE(db);
        {
            auto store = openStore(db->url());
            QVERIFY(store);
        }
        bumpSchemaVersion(db->url(), 999);
        auto store = Store::open(db->url());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ErrorCode::Conflict);
        QVERIFY(store.error().message.contains(QStringLiteral("newer")));
    }

    void roundTripsEveryField_data() { test::addDatabaseRows(); }
    void roundTripsEveryField() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        Sandbox s = makeSandbox(QStringLiteral("zuko-chat-x"));
        s.pinned = true;
        s.chatId = QStringLiteral("chat-x");
        s.lastActivityAt = at(1'700'000'123'456);
        auto event = store->insertSandbox(s, QStringLiteral("created for a test"));
        QVERIFY(event.ok());
        QVERIFY(!event.value().from.has_value());
        QCOMPARE(event.value().to, SandboxState::Provisioning);

        for (auto found : {store->sandboxById(s.id), store->sandboxByName(s.name)}) {
            QVERIFY(found.ok() && found.value().has_value());
            const Sandbox& r = *found.value();
            QCOMPARE(r.id, s.id);
            QCOMPARE(r.name, s.name);
            QCOMPARE(r.backend, s.backend);
            QCOMPARE(r.chatId, s.chatId);
            QCOMPARE(r.threadId, s.threadId);
            QCOMPARE(r.state, SandboxState::Provisioning);
            QCOMPARE(r.createdAt, s.createdAt);
            QCOMPARE(r.lastActivityAt, s.lastActivityAt);
            QCOMPARE(r.pinned, true);
        }
        QVERIFY(!store->sandboxById(QStringLiteral("nope")).value().has_value());
    }

    void duplicateNamesAreRefused_data() { test::addDatabaseRows(); }
    void duplicateNamesAreRefused() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        HANGAR_VERIFY_OK(store->insertSandbox(makeSandbox(QStringLiteral("zuko-dup-1")), {}));
        auto second = store->insertSandbox(makeSandbox(QStringLiteral("zuko-dup-1")), {});
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::AlreadyExists);
        // Nothing of the refused insert remains, not even its event.
        QCOMPARE(store->sandboxes().value().size(), 1);
        QCOMPARE(store->events({}).value().size(), 1);
    }

    void transitionsAreConditionalAndRecorded_data() { test::addDatabaseRows(); }
    void transitionsAreConditionalAndRecorded() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox s = makeSandbox(QStringLiteral("zuko-t-1"));
        HANGAR_VERIFY_OK(store->insertSandbox(s, QStringLiteral("new")));

        auto failed = store->transition(s.id, SandboxState::Provisioning, SandboxState::Failed,
                                        QStringLiteral("provider error"),
                                        QStringLiteral("boom: quota"), at(2000));
        QVERIFY(failed.ok());
        QCOMPARE(store->sandboxById(s.id).value()->state, SandboxState::Failed);
        QCOMPARE(store->sandboxById(s.id).value()->error, QStringLiteral("boom: quota"));

        // Illegal: failed -> active is not in the table.
        auto illegal =
            store->transition(s.id, SandboxState::Failed, SandboxState::Active, {}, {}, at(3000));
        QVERIFY(!illegal.ok());
        QCOMPARE(illegal.error().code, ErrorCode::IllegalTransition);

        // Stale expectation: it is failed, not provisioning.
        auto stale = store->transition(s.id, SandboxState::Provisioning, SandboxState::Active, {},
                                       {}, at(3000));
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().code, ErrorCode::Conflict);
        QCOMPARE(store->sandboxById(s.id).value()->state, SandboxState::Failed);

        auto again = store->transition(s.id, SandboxState::Failed, SandboxState::Provisioning,
                                       QStringLiteral("reprovision"), {}, at(4000));
        QVERIFY(again.ok());
        QVERIFY(again.value().seq > failed.value().seq);
        QCOMPARE(store->sandboxById(s.id).value()->error, QString());

        const auto events = store->events(s.id).value();
        QCOMPARE(events.size(), 3);
        QVERIFY(!events[0].from.has_value());
        QCOMPARE(*events[1].from, SandboxState::Provisioning);
        QCOMPARE(events[1].to, SandboxState::Failed);
        QCOMPARE(events[1].reason, QStringLiteral("provider error"));
        QCOMPARE(events[1].error, QStringLiteral("boom: quota"));
        QCOMPARE(events[1].at, at(2000));
        QCOMPARE(events[2].to, SandboxState::Provisioning);
    }

    void eventsReplayInOrderAcrossSandboxes_data() { test::addDatabaseRows(); }
    void eventsReplayInOrderAcrossSandboxes() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox a = makeSandbox(QStringLiteral("zuko-a-1"));
        const Sandbox b = makeSandbox(QStringLiteral("zuko-b-1"));
        HANGAR_VERIFY_OK(store->insertSandbox(a, {}));
        HANGAR_VERIFY_OK(store->insertSandbox(b, {}));
        QVERIFY(
            store->transition(a.id, SandboxState::Provisioning, SandboxState::Active, {}, {}, at(5))
                .ok());
        QVERIFY(
            store->transition(b.id, SandboxState::Provisioning, SandboxState::Active, {}, {}, at(6))
                .ok());
        const auto all = store->events({}).value();
        QCOMPARE(all.size(), 4);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all[i].seq > all[i - 1].seq);
        const auto after = store->events({}, all[1].seq).value();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after[0].sandboxId, a.id);
        QCOMPARE(after[1].sandboxId, b.id);
        QCOMPARE(store->events(b.id, all[1].seq).value().size(), 1);
    }

    void activityAndIdleSandboxes_data() { test::addDatabaseRows(); }
    void activityAndIdleSandboxes() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox a = makeSandbox(QStringLiteral("zuko-idle-1"), 1000);
        const Sandbox b = makeSandbox(QStringLiteral("zuko-busy-1"), 1000);
        for (const Sandbox& s : {a, b}) {
            HANGAR_VERIFY_OK(store->insertSandbox(s, {}));
            QVERIFY(store
                        ->transition(s.id, SandboxState::Provisioning, SandboxState::Active, {}, {},
                                     at(1000))
                        .ok());
        }
        QVERIFY(store->touch(b.id, at(50'000)).ok());
        const auto idle = store->idleSandboxes(at(10'000)).value();
        QCOMPARE(idle.size(), 1);
        QCOMPARE(idle[0].id, a.id);
        QCOMPARE(store->sandboxById(b.id).value()->lastActivityAt, at(50'000));

        auto missing = store->touch(QStringLiteral("missing"), at(1));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void deleteRemovesTheSandboxAndItsEvents_data() { test::addDatabaseRows(); }
    void deleteRemovesTheSandboxAndItsEvents() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox a = makeSandbox(QStringLiteral("zuko-del-1"));
        const Sandbox b = makeSandbox(QStringLiteral("zuko-keep-1"));
        HANGAR_VERIFY_OK(store->insertSandbox(a, {}));
        HANGAR_VERIFY_OK(store->insertSandbox(b, {}));
        QVERIFY(store->deleteSandbox(a.id).ok());
        QVERIFY(!store->sandboxById(a.id).value().has_value());
        QCOMPARE(store->events(a.id).value().size(), 0);
        QCOMPARE(store->events(b.id).value().size(), 1);
        QCOMPARE(store->deleteSandbox(a.id).error().code, ErrorCode::NotFound);
    }

    // A write that the database rejects is an error the caller sees, and the transaction
    // leaves nothing half-done.
    void failedWritesAreErrorsAndRollBack_data() { test::addDatabaseRows(); }
    void failedWritesAreErrorsAndRollBack() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox s = makeSandbox(QStringLiteral("zuko-rb-1"));
        HANGAR_VERIFY_OK(store->insertSandbox(s, {}));
        // Break the events table behind the store's back: the state update succeeds, the
        // event insert fails, so the whole transition must roll back.
        runOnSeparateConnection(db->url(),
                                QStringLiteral("ALTER TABLE events RENAME TO events_gone"));
        auto t = store->transition(s.id, SandboxState::Provisioning, SandboxState::Active, {}, {},
                                   at(9));
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::Io);
        QVERIFY2(t.error().message.contains(QStringLiteral("database error")),
                 qPrintable(t.error().message));
        QCOMPARE(store->sandboxById(s.id).value()->state, SandboxState::Provisioning);
    }

    void sqliteRunsInWalWithForeignKeys() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        auto store = openStore(db.url());
        QVERIFY(store);
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("wal-check"));
        raw.setDatabaseName(db.url().path);
        QVERIFY(raw.open());
        {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        }
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("wal-check"));
        // Foreign keys: an event for a sandbox that does not exist is refused.
        auto orphan = store->transition(QStringLiteral("ghost"), SandboxState::Provisioning,
                                        SandboxState::Active, {}, {}, at(1));
        QCOMPARE(orphan.error().code, ErrorCode::Conflict);
    }

private:
    static void runOnSeparateConnection(const DatabaseUrl& url, const QString& statement) {
        const QString name = QStringLiteral("side-") + QUuid::createUuid().toString();
        {
            QSqlDatabase side = QSqlDatabase::addDatabase(url.kind == DatabaseUrl::Kind::Sqlite
                                                              ? QStringLiteral("QSQLITE")
                                                              : QStringLiteral("QPSQL"),
                                                          name);
            if (url.kind == DatabaseUrl::Kind::Sqlite) {
                side.setDatabaseName(url.path);
            } else {
                side.setHostName(url.host);
                side.setPort(url.port);
                side.setUserName(url.user);
                side.setPassword(url.password);
                side.setDatabaseName(url.database);
            }
            QVERIFY(side.open());
            QSqlQuery q(side);
            QVERIFY2(q.exec(statement), qPrintable(statement));
            side.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    static void bumpSchemaVersion(const DatabaseUrl& url, int version) {
        runOnSeparateConnection(url, QStringLiteral("UPDATE meta SET version = %1").arg(version));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
