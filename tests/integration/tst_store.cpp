#include "TestDatabases.h"
#include "TestSupport.h"
#include "store/ChangeFeed.h"
#include "store/Migrations.h"
#include "store/Store.h"

#include <QSignalSpy>
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

    // Notes sit in the timeline beside transitions, in the state the sandbox was in, without
    // moving it; long details are cut in the middle; a missing sandbox is refused.
    void notesJoinTheTimelineWithoutMovingTheSandbox_data() { test::addDatabaseRows(); }
    void notesJoinTheTimelineWithoutMovingTheSandbox() {
        HANGAR_FETCH_DATABASE(db);
        auto store = openStore(db->url());
        QVERIFY(store);
        const Sandbox s = makeSandbox(QStringLiteral("zuko-n-1"));
        HANGAR_VERIFY_OK(store->insertSandbox(s, {}));
        HANGAR_VERIFY_OK(store->transition(s.id, SandboxState::Provisioning, SandboxState::Active,
                                           {}, {}, at(5)));
        const QString output = QStringLiteral("line 1\n'quoted' $(not run)\n");
        auto note = store->appendNote(s.id, QStringLiteral("checkpoint v3 taken"),
                                      QStringLiteral("console"), output,
                                      QStringLiteral("partly failed"), at(6));
        HANGAR_VERIFY_OK(note);
        QVERIFY(note.value().isNote());

        const auto sandbox = store->sandboxById(s.id).value();
        QCOMPARE(sandbox->state, SandboxState::Active);
        QCOMPARE(sandbox->error, QString());
        QCOMPARE(sandbox->updatedAt, at(5));
        const auto events = store->events(s.id).value();
        QCOMPARE(events.size(), 3);
        QVERIFY(!events[1].isNote());
        QCOMPARE(events[1].actor, QString());
        const LifecycleEvent& read = events[2];
        QVERIFY(read.isNote());
        QCOMPARE(read.seq, note.value().seq);
        QCOMPARE(read.from, std::optional(SandboxState::Active));
        QCOMPARE(read.to, SandboxState::Active);
        QCOMPARE(read.reason, QStringLiteral("checkpoint v3 taken"));
        QCOMPARE(read.actor, QStringLiteral("console"));
        QCOMPARE(read.detail, output);
        QCOMPARE(read.error, QStringLiteral("partly failed"));
        QCOMPARE(read.at, at(6));

        const QString huge = QStringLiteral("head") + QString(Store::kMaxNoteDetailChars, u'x') +
                             QStringLiteral("tail");
        HANGAR_VERIFY_OK(store->appendNote(s.id, QStringLiteral("setup"), {}, huge, {}, at(7)));
        const QString kept = store->events(s.id).value().constLast().detail;
        QVERIFY(kept.size() < Store::kMaxNoteDetailChars + 100);
        QVERIFY(kept.startsWith(QStringLiteral("head")));
        QVERIFY(kept.endsWith(QStringLiteral("tail")));
        QVERIFY(kept.contains(QStringLiteral("characters left out")));

        auto missing =
            store->appendNote(QStringLiteral("no-such-id"), QStringLiteral("x"), {}, {}, {}, at(8));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
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

    // Claims: one holder at a time, re-entrant for it, free again on release or once lapsed.
    void claimsHaveOneHolderAndLapse_data() { test::addDatabaseRows(); }
    void claimsHaveOneHolderAndLapse() {
        HANGAR_FETCH_DATABASE(db);
        auto a = openStore(db->url());
        auto b = openStore(db->url());
        QVERIFY(a && b);
        QVERIFY(a->instanceId() != b->instanceId());
        const Sandbox s = makeSandbox(QStringLiteral("zuko-claim-1"));
        HANGAR_VERIFY_OK(a->insertSandbox(s, {}));
        QVERIFY(!a->claimOf(s.id).value().has_value());

        QCOMPARE(a->claim(s.id, at(1000), at(61'000)).value(), true);
        QCOMPARE(a->claim(s.id, at(2000), at(62'000)).value(), true); // re-entrant
        Store::Claim holder;
        QCOMPARE(b->claim(s.id, at(3000), at(63'000), &holder).value(), false);
        QCOMPARE(holder.instanceId, a->instanceId());
        QCOMPARE(holder.expiresAt, at(62'000));
        // B's release of A's claim changes nothing.
        HANGAR_VERIFY_OK(b->releaseClaim(s.id));
        QCOMPARE(a->claimOf(s.id).value()->instanceId, a->instanceId());
        // Renewal extends it; once lapsed, B takes it.
        HANGAR_VERIFY_OK(a->renewClaims(at(90'000)));
        QCOMPARE(b->claim(s.id, at(80'000), at(140'000)).value(), false);
        QCOMPARE(b->claim(s.id, at(90'001), at(150'000)).value(), true);
        QCOMPARE(a->claimOf(s.id).value()->instanceId, b->instanceId());
        HANGAR_VERIFY_OK(b->releaseClaim(s.id));
        QVERIFY(!a->claimOf(s.id).value().has_value());
        QCOMPARE(a->claim(QStringLiteral("missing"), at(1), at(2)).error().code,
                 ErrorCode::NotFound);
    }

    // The sweep's claim takes idle, unclaimed (or lapsed) active sandboxes, once.
    void claimIdleTakesEachSandboxOnce_data() { test::addDatabaseRows(); }
    void claimIdleTakesEachSandboxOnce() {
        HANGAR_FETCH_DATABASE(db);
        auto a = openStore(db->url());
        auto b = openStore(db->url());
        QVERIFY(a && b);
        QStringList ids;
        for (int i = 0; i < 4; ++i) {
            const Sandbox s = makeSandbox(QStringLiteral("zuko-idle-%1").arg(i), 1000);
            HANGAR_VERIFY_OK(a->insertSandbox(s, {}));
            HANGAR_VERIFY_OK(a->transition(s.id, SandboxState::Provisioning, SandboxState::Active,
                                           {}, {}, at(1000)));
            ids << s.id;
        }
        HANGAR_VERIFY_OK(a->touch(ids[3], at(50'000)));                  // busy: not idle
        QCOMPARE(b->claim(ids[2], at(1000), at(100'000)).value(), true); // someone else's

        const auto first = a->claimIdle(at(10'000), at(20'000), at(80'000), 10);
        HANGAR_VERIFY_OK(first);
        QStringList taken;
        for (const Sandbox& s : first.value())
            taken << s.id;
        taken.sort();
        QStringList expected{ids[0], ids[1]};
        expected.sort();
        QCOMPARE(taken, expected);
        // A second sweep (either instance) finds nothing left while the claims hold...
        QCOMPARE(b->claimIdle(at(10'000), at(20'000), at(80'000), 10).value().size(), 0);
        // ...and after they lapse, it takes them all, B's lapsed one included.
        QCOMPARE(b->claimIdle(at(10'000), at(100'001), at(160'000), 10).value().size(), 3);
    }

    // Another instance's claim on a transient sandbox that lapsed: the work is stranded.
    void claimStrandedFindsLapsedTransientWork_data() { test::addDatabaseRows(); }
    void claimStrandedFindsLapsedTransientWork() {
        HANGAR_FETCH_DATABASE(db);
        auto a = openStore(db->url());
        auto b = openStore(db->url());
        QVERIFY(a && b);
        const Sandbox busy = makeSandbox(QStringLiteral("zuko-busy-1"));
        const Sandbox unclaimed = makeSandbox(QStringLiteral("zuko-free-1"));
        HANGAR_VERIFY_OK(a->insertSandbox(busy, {}));
        HANGAR_VERIFY_OK(a->insertSandbox(unclaimed, {}));
        QVERIFY(a->claim(busy.id, at(0), at(60'000)).value());
        QCOMPARE(b->claimStranded(at(30'000), at(90'000), 10).value().size(), 0);
        const auto stranded = b->claimStranded(at(60'001), at(120'000), 10);
        HANGAR_VERIFY_OK(stranded);
        QCOMPARE(stranded.value().size(), 1);
        QCOMPARE(stranded.value()[0].id, busy.id);
        QCOMPARE(b->claimOf(busy.id).value()->instanceId, b->instanceId());
    }

    // Upgrading keeps the data: version 1 databases gain the claim columns, unclaimed.
    void migratesAVersionOneDatabase_data() { test::addDatabaseRows(); }
    void migratesAVersionOneDatabase() {
        HANGAR_FETCH_DATABASE(db);
        QStringList statements = migrations().constFirst().statements(db->url().kind);
        statements << QStringLiteral("CREATE TABLE meta (version INTEGER NOT NULL)")
                   << QStringLiteral("INSERT INTO meta (version) VALUES (1)")
                   << QStringLiteral(
                          "INSERT INTO sandboxes (id, name, backend, chat_id, thread_id, state, "
                          "created_at, updated_at, last_activity_at) VALUES ('old-1', "
                          "'zuko-old-1', 'local', 'old', '1', 'active', 1, 1, 1)")
                   << QStringLiteral("INSERT INTO events (sandbox_id, at, to_state, reason) "
                                     "VALUES ('old-1', 1, 'active', 'old')");
        for (const QString& statement : statements)
            runOnSeparateConnection(db->url(), statement);
        auto store = openStore(db->url());
        QVERIFY(store);
        QCOMPARE(store->schemaVersion().value(), migrations().constLast().version);
        QCOMPARE(store->sandboxById(QStringLiteral("old-1")).value()->state, SandboxState::Active);
        QVERIFY(!store->claimOf(QStringLiteral("old-1")).value().has_value());
        QVERIFY(store->claim(QStringLiteral("old-1"), at(1), at(2)).value());
        // ... and events gain kind/actor/detail: old events are transitions.
        HANGAR_VERIFY_OK(
            store->appendNote(QStringLiteral("old-1"), QStringLiteral("n"), {}, {}, {}, at(3)));
        const auto events = store->events(QStringLiteral("old-1")).value();
        QCOMPARE(events.size(), 2);
        QVERIFY(!events[0].isNote());
        QCOMPARE(events[0].reason, QStringLiteral("old"));
        QVERIFY(events[1].isNote());
    }

    // Every committed write of one instance reaches the others as a notification: the sandbox
    // id and, for inserts and transitions, the event's number. Never the writer's own, never a
    // rolled-back write.
    void commitsAreAnnouncedToOtherInstances() {
        HANGAR_POSTGRES_DATABASE(db);
        qRegisterMetaType<StoreChange>();
        auto a = openStore(db->url());
        auto b = openStore(db->url());
        QVERIFY(a && b);
        QVERIFY(a->changes() && b->changes());
        QSignalSpy atA(a->changes(), &ChangeFeed::changed);
        QSignalSpy atB(b->changes(), &ChangeFeed::changed);
        const Sandbox s = makeSandbox(QStringLiteral("zuko-note-1"));
        auto created = a->insertSandbox(s, {});
        HANGAR_VERIFY_OK(created);
        auto moved =
            a->transition(s.id, SandboxState::Provisioning, SandboxState::Active, {}, {}, at(2));
        HANGAR_VERIFY_OK(moved);
        // Refused: no notification.
        QVERIFY(!a->insertSandbox(makeSandbox(s.name), {}).ok());
        HANGAR_VERIFY_OK(a->touch(s.id, at(3)));
        HANGAR_VERIFY_OK(a->setError(s.id, QStringLiteral("x"), at(4)));
        QVERIFY(a->claim(s.id, at(5), at(6)).value());
        HANGAR_VERIFY_OK(a->releaseClaim(s.id));
        auto noted = a->appendNote(s.id, QStringLiteral("policy applied"), {}, {}, {}, at(7));
        HANGAR_VERIFY_OK(noted);
        HANGAR_VERIFY_OK(a->deleteSandbox(s.id));

        QTRY_COMPARE(atB.count(), 7);
        const QList<StoreChange::Kind> kinds = {
            StoreChange::Kind::Inserted, StoreChange::Kind::Transitioned,
            StoreChange::Kind::Touched,  StoreChange::Kind::Updated,
            StoreChange::Kind::Released, StoreChange::Kind::Noted,
            StoreChange::Kind::Deleted};
        for (int i = 0; i < kinds.size(); ++i) {
            const auto change = atB[i][0].value<StoreChange>();
            QCOMPARE(change.kind, kinds[i]);
            QCOMPARE(change.sandboxId, s.id);
            QCOMPARE(change.instanceId, a->instanceId());
        }
        QCOMPARE(atB[0][0].value<StoreChange>().seq, created.value().seq);
        QCOMPARE(atB[1][0].value<StoreChange>().seq, moved.value().seq);
        QCOMPARE(atB[5][0].value<StoreChange>().seq, noted.value().seq);
        QCOMPARE(atA.count(), 0);
    }

    void sqliteStoresAreNotShared() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        auto store = openStore(db.url());
        QVERIFY(store);
        QVERIFY(!store->isShared());
        QVERIFY(!store->changes());
    }

    void payloadsRoundTripAndRejectGarbage() {
        StoreChange change;
        change.kind = StoreChange::Kind::Transitioned;
        change.instanceId = QStringLiteral("i-1");
        change.sandboxId = QStringLiteral("s-1");
        change.seq = 42;
        const auto back = StoreChange::fromPayload(change.toPayload());
        QVERIFY(back);
        QCOMPARE(back->kind, change.kind);
        QCOMPARE(back->instanceId, change.instanceId);
        QCOMPARE(back->sandboxId, change.sandboxId);
        QCOMPARE(back->seq, 42);
        change.kind = StoreChange::Kind::Noted;
        QCOMPARE(StoreChange::fromPayload(change.toPayload())->kind, StoreChange::Kind::Noted);
        for (const char* bad : {"", "v1", "v2 transitioned i s 1", "v1 exploded i s 1",
                                "v1 transitioned i s x", "v1 transitioned i s 1 extra"})
            QVERIFY2(!StoreChange::fromPayload(QString::fromLatin1(bad)), bad);
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
