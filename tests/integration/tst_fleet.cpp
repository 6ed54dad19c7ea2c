// Several engine instances on one PostgreSQL database ("several consoles, one fleet").
//
// The backend here is a fast in-process fake: the thing under test is how the store and the
// engines coordinate (notifications, claims, conditional transitions), and the real backends
// are covered by their own suites (tst_localbackend, tst_spritesbackend, the contract suite).
#include "TestDatabases.h"
#include "TestSupport.h"
#include "lifecycle/FleetHealth.h"
#include "lifecycle/LifecycleService.h"
#include "lifecycle/Sweeper.h"
#include "store/ChangeFeed.h"
#include "store/Store.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace hangar;

namespace {

// What the providers were asked to do, across every instance's backend.
struct Ledger {
    QHash<QString, int> creates, hibernates, wakes; // per sandbox name
};

// Succeeds after a short random delay, or holds hibernations until the test lets them go.
class FleetBackend : public Backend {
    Q_OBJECT
public:
    FleetBackend(Ledger& ledger, quint32 seed)
        : m_ledger(ledger)
        , m_random(seed) {}

    bool holdHibernations = false;
    QList<Deferred<void>> held;
    QHash<QString, ProviderState> machines; // what the provider has
    QSet<QString> unresponsive;             // machines whose commands never finish
    QHash<QString, QByteArray> files;       // "name:path"

    QString kind() const override { return QStringLiteral("fleet"); }
    Task<ProviderStatus> create(const QString& name) override {
        ++m_ledger.creates[name];
        machines.insert(name, ProviderState::Warm);
        Deferred<ProviderStatus> done;
        later([done] { done.resolve(ProviderStatus{ProviderState::Warm, {}}); });
        return done.future();
    }
    Task<ProviderStatus> status(const QString& name) override {
        return readyTask<ProviderStatus>(
            ProviderStatus{machines.value(name, ProviderState::Missing), {}});
    }
    Task<void> hibernate(const QString& name) override {
        ++m_ledger.hibernates[name];
        machines.insert(name, ProviderState::Cold);
        Deferred<void> done;
        if (holdHibernations)
            held.append(done);
        else
            later([done] { done.resolve({}); });
        return done.future();
    }
    Task<void> wake(const QString& name) override {
        ++m_ledger.wakes[name];
        machines.insert(name, ProviderState::Warm);
        Deferred<void> done;
        later([done] { done.resolve({}); });
        return done.future();
    }
    Task<void> destroy(const QString& name) override {
        machines.remove(name);
        return readyTask();
    }
    Task<ExecResult> run(const QString& name, const ExecRequest& request, qint64) override {
        ExecResult result;
        result.timedOut = unresponsive.contains(name);
        result.exitCode =
            result.timedOut || request.argv != QStringList{QStringLiteral("true")} ? -1 : 0;
        return readyTask<ExecResult>(result);
    }
    QString isolation(const QString&) const override { return QStringLiteral("none (test)"); }
    bool isIsolated(const QString&) const override { return false; }

    // Nothing below is used by the engine's lifecycle, which is all this suite drives.
    ExecSession* startExec(const QString&, const ExecRequest&) override { return nullptr; }
    Task<QList<SessionInfo>> sessions(const QString&) override {
        return unused<QList<SessionInfo>>();
    }
    ExecSession* attach(const QString&, const QString&) override { return nullptr; }
    Task<QByteArray> readFile(const QString& name, const QString& path) override {
        const QString key = name + QLatin1Char(':') + path;
        if (!files.contains(key))
            return failedTask<QByteArray>(makeError(ErrorCode::NotFound, key));
        return readyTask<QByteArray>(files.value(key));
    }
    Task<void> writeFile(const QString& name, const QString& path, const QByteArray& data,
                         const WriteOptions&) override {
        files.insert(name + QLatin1Char(':') + path, data);
        return readyTask();
    }
    Task<QList<FsEntry>> listDir(const QString&, const QString&) override {
        return unused<QList<FsEntry>>();
    }
    Task<FsEntry> stat(const QString&, const QString&) override { return unused<FsEntry>(); }
    Task<void> makeDir(const QString&, const QString&, bool) override { return unused<void>(); }
    Task<void> remove(const QString& name, const QString& path, bool) override {
        files.remove(name + QLatin1Char(':') + path);
        return readyTask();
    }
    Task<void> rename(const QString&, const QString&, const QString&) override {
        return unused<void>();
    }
    Task<void> chmod(const QString&, const QString&, quint32) override { return unused<void>(); }
    Task<CheckpointInfo> createCheckpoint(const QString&, const QString&) override {
        return unused<CheckpointInfo>();
    }
    Task<QList<CheckpointInfo>> listCheckpoints(const QString&) override {
        return unused<QList<CheckpointInfo>>();
    }
    Task<void> restoreCheckpoint(const QString&, const QString&) override { return unused<void>(); }
    Task<void> deleteCheckpoint(const QString&, const QString&) override { return unused<void>(); }
    Task<NetworkPolicy> networkPolicy(const QString&) override { return unused<NetworkPolicy>(); }
    Task<void> setNetworkPolicy(const QString&, const NetworkPolicy&) override {
        return unused<void>();
    }

private:
    template <typename F> void later(F f) {
        QTimer::singleShot(int(m_random.bounded(6)), this, std::move(f));
    }
    template <typename T> static Task<T> unused() {
        return failedTask<T>(makeError(ErrorCode::Unavailable, QStringLiteral("not in this test")));
    }

    Ledger& m_ledger;
    QRandomGenerator m_random;
};

// One engine instance: its own Store connection, backend and service, and what its signals
// told a listener (as a table model or an SSE stream would keep it).
struct Instance {
    Instance(const DatabaseUrl& url, const ManualClock& clock, Ledger& ledger, quint32 seed,
             LifecycleOptions options) {
        auto opened = Store::open(url);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return;
        }
        store = std::move(opened).value();
        backend = std::make_unique<FleetBackend>(ledger, seed);
        options.defaultBackend = backend->kind();
        service = std::make_unique<LifecycleService>(*store, clock, options);
        service->addBackend(backend.get());
        LifecycleService* s = service.get();
        QObject::connect(s, &LifecycleService::sandboxAdded, s,
                         [this](const Sandbox& sb) { view.insert(sb.id, sb); });
        QObject::connect(s, &LifecycleService::sandboxChanged, s,
                         [this](const Sandbox& sb) { view.insert(sb.id, sb); });
        QObject::connect(s, &LifecycleService::sandboxRemoved, s,
                         [this](const QString& id) { view.remove(id); });
        QObject::connect(s, &LifecycleService::eventRecorded, s,
                         [this](const LifecycleEvent& e) { seenEvents.insert(e.seq); });
    }
    ~Instance() { service.reset(); }

    std::unique_ptr<Store> store;
    std::unique_ptr<FleetBackend> backend;
    std::unique_ptr<LifecycleService> service;
    QHash<QString, Sandbox> view;
    QSet<qint64> seenEvents;
};

LifecycleOptions fleetOptions() {
    LifecycleOptions options;
    options.inactivityTimeoutMs = 1'000;
    options.claimLeaseMs = 60'000;
    return options;
}

// A connection of the test's own, beside the instances'.
QSqlDatabase probe(const DatabaseUrl& url) {
    const QString name = QStringLiteral("fleet-probe");
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setPassword(url.password);
        db.setDatabaseName(url.database);
    }
    if (!db.isOpen())
        db.open();
    return db;
}

// Work still in flight anywhere: a claim held or a sandbox between two states.
int unsettled(const DatabaseUrl& url) {
    QSqlDatabase db = probe(url);
    if (!db.isOpen())
        return -1;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sandboxes WHERE claimed_by <> '' OR state IN "
                               "('provisioning', 'hibernating', 'restoring')")) ||
        !q.next())
        return -1;
    return q.value(0).toInt();
}

void closeProbe() {
    QSqlDatabase::database(QStringLiteral("fleet-probe"), false).close();
    QSqlDatabase::removeDatabase(QStringLiteral("fleet-probe"));
}

// Every task finished (each one's own outcome is the invariants' business, not this wait's).
template <typename T> bool awaitAll(const QList<Task<T>>& tasks, int timeoutMs = 60'000) {
    QDeadlineTimer deadline(timeoutMs);
    for (const Task<T>& t : tasks) {
        while (!t.isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                            20);
    }
    return !deadline.hasExpired();
}

} // namespace

class TestFleet : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        qRegisterMetaType<Sandbox>();
        qRegisterMetaType<LifecycleEvent>();
        qRegisterMetaType<SandboxState>();
    }
    void cleanup() { closeProbe(); }

    // Instance B learns of A's sandboxes and transitions from the database's notifications.
    void otherInstancesSeeTransitions() {
        HANGAR_POSTGRES_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance a(db->url(), clock, ledger, 1, fleetOptions());
        Instance b(db->url(), clock, ledger, 2, fleetOptions());
        QVERIFY(a.service && b.service);
        QSignalSpy added(b.service.get(), &LifecycleService::sandboxAdded);
        QSignalSpy changed(b.service.get(), &LifecycleService::stateChanged);
        QSignalSpy events(b.service.get(), &LifecycleService::eventRecorded);
        QSignalSpy removed(b.service.get(), &LifecycleService::sandboxRemoved);

        auto s = test::await(a.service->provision(QStringLiteral("c1"), QStringLiteral("t1")));
        HANGAR_VERIFY_OK(s);
        QTRY_COMPARE(added.count(), 1);
        QCOMPARE(added[0][0].value<Sandbox>().id, s.value().id);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed[0][2].value<SandboxState>(), SandboxState::Active);

        HANGAR_VERIFY_OK(test::await(a.service->hibernate(s.value().id)));
        QTRY_COMPARE(changed.count(), 3);
        QCOMPARE(changed[2][0].toString(), s.value().id);
        QCOMPARE(changed[2][2].value<SandboxState>(), SandboxState::Hibernated);
        QCOMPARE(b.view.value(s.value().id).state, SandboxState::Hibernated);
        QCOMPARE(events.count(), 4); // created, active, hibernating, hibernated

        // A note reaches B's timeline as an event, not as a state change.
        auto noted = a.service->note(s.value().id, QStringLiteral("checkpoint taken"),
                                     {QStringLiteral("console"), QStringLiteral("v1"), {}});
        HANGAR_VERIFY_OK(noted);
        QTRY_COMPARE(events.count(), 5);
        const auto seen = events[4][0].value<LifecycleEvent>();
        QVERIFY(seen.isNote());
        QCOMPARE(seen.seq, noted.value().seq);
        QCOMPARE(seen.actor, QStringLiteral("console"));
        QCOMPARE(seen.detail, QStringLiteral("v1"));
        QCOMPARE(changed.count(), 3);

        HANGAR_VERIFY_OK(test::await(a.service->destroy(s.value().id)));
        QTRY_COMPARE(removed.count(), 1);
        QVERIFY(b.view.isEmpty());
    }

    // What B missed while its change feed was down reaches B's listeners once it reconnects:
    // new sandboxes, transitions and notes in order, deletions, the current state of each;
    // nothing twice.
    void listenersCatchUpAfterTheFeedReconnects() {
        HANGAR_POSTGRES_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance a(db->url(), clock, ledger, 1, fleetOptions());
        Instance b(db->url(), clock, ledger, 2, fleetOptions());
        QVERIFY(a.service && b.service);
        ChangeFeed* feed = b.store->changes();
        feed->setCheckInterval(3'600'000); // the test says when B looks
        QList<qint64> seqsAtB;
        connect(b.service.get(), &LifecycleService::eventRecorded, this,
                [&](const LifecycleEvent& e) { seqsAtB << e.seq; });
        QSignalSpy changed(b.service.get(), &LifecycleService::stateChanged);

        auto kept = test::await(a.service->provision(QStringLiteral("kept"), QStringLiteral("1")));
        auto gone = test::await(a.service->provision(QStringLiteral("gone"), QStringLiteral("1")));
        HANGAR_VERIFY_OK(kept);
        HANGAR_VERIFY_OK(gone);
        QTRY_COMPARE(b.view.size(), 2);
        QTRY_COMPARE(seqsAtB.size(), 4);

        QSqlQuery kill(probe(db->url()));
        QVERIFY(
            kill.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(feed->backendPid())));
        HANGAR_VERIFY_OK(test::await(a.service->hibernate(kept.value().id)));
        HANGAR_VERIFY_OK(test::await(a.service->destroy(gone.value().id)));
        auto fresh = test::await(a.service->provision(QStringLiteral("new"), QStringLiteral("1")));
        HANGAR_VERIFY_OK(fresh);
        HANGAR_VERIFY_OK(a.service->note(kept.value().id, QStringLiteral("checkpoint taken")));
        QCOMPARE(seqsAtB.size(), 4); // B's feed is down
        QCOMPARE(b.view.value(kept.value().id).state, SandboxState::Active);

        QSignalSpy back(feed, &ChangeFeed::reconnected);
        feed->checkConnection();
        QCOMPARE(back.count(), 1);
        QCOMPARE(b.view.value(kept.value().id).state, SandboxState::Hibernated);
        QVERIFY(!b.view.contains(gone.value().id));
        QCOMPARE(b.view.value(fresh.value().id).state, SandboxState::Active);
        // hibernating, hibernated, the new sandbox's two, the note: each once, in order.
        QCOMPARE(seqsAtB.size(), 9);
        QCOMPARE(QSet<qint64>(seqsAtB.cbegin(), seqsAtB.cend()).size(), seqsAtB.size());
        QVERIFY(std::is_sorted(seqsAtB.cbegin(), seqsAtB.cend()));
        QCOMPARE(changed.count(), 2 + 2 + 1); // before: 2 x (->active); missed: 2 + 1
        QCOMPARE(changed.constLast()[2].value<SandboxState>(), SandboxState::Active);
    }

    // Two instances asked for the same new chat end with one sandbox, created once.
    void provisioningOneNameTwiceMakesOneSandbox() {
        HANGAR_POSTGRES_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance a(db->url(), clock, ledger, 1, fleetOptions());
        Instance b(db->url(), clock, ledger, 2, fleetOptions());
        auto fromA = a.service->provision(QStringLiteral("c1"), QStringLiteral("t1"));
        auto fromB = b.service->provision(QStringLiteral("c1"), QStringLiteral("t1"));
        const auto ra = test::await(fromA);
        const auto rb = test::await(fromB);
        HANGAR_VERIFY_OK(ra);
        HANGAR_VERIFY_OK(rb);
        QCOMPARE(ra.value().id, rb.value().id);
        QCOMPARE(rb.value().state, SandboxState::Active); // B waited for A to finish
        QCOMPARE(a.store->sandboxes().value().size(), 1);
        QCOMPARE(ledger.creates.value(ra.value().name), 1);
    }

    // Someone else finished the transition while our provider call ran: theirs stands, ours
    // neither records it again nor fails the sandbox, even when our provider call failed.
    void aTransitionLostToAnotherWriterIsNotAFailure() {
        HANGAR_POSTGRES_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance a(db->url(), clock, ledger, 1, fleetOptions());
        auto other = Store::open(db->url());
        QVERIFY(a.service && other);
        for (const bool providerFails : {false, true}) {
            auto s = test::await(a.service->provision(
                QStringLiteral("c1"), providerFails ? QStringLiteral("t2") : QStringLiteral("t1")));
            HANGAR_VERIFY_OK(s);
            a.backend->holdHibernations = true;
            auto hibernating = a.service->hibernate(s.value().id);
            QTRY_COMPARE(a.backend->held.size(), 1);
            HANGAR_VERIFY_OK(other.value()->transition(
                s.value().id, SandboxState::Hibernating, SandboxState::Hibernated,
                QStringLiteral("the other one"), {}, clock.now()));
            a.backend->held.takeFirst().resolve(
                providerFails ? Result<void>(makeError(ErrorCode::Io, QStringLiteral("boom")))
                              : Result<void>{});
            const auto result = test::await(hibernating);
            QCOMPARE(result.ok(), !providerFails);
            const auto now = a.store->sandboxById(s.value().id).value();
            QCOMPARE(now->state, SandboxState::Hibernated);
            QCOMPARE(now->error, QString());
            QCOMPARE(a.store->events(s.value().id).value().size(), 4);
            a.backend->holdHibernations = false;
        }
    }

    // An instance that dies holding claims blocks nobody for longer than its lease: the idle
    // sandbox it claimed is swept by another afterwards, and an operation it left half-done
    // is finished, each exactly once.
    void aCrashedInstancesClaimsLapse() {
        HANGAR_POSTGRES_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance b(db->url(), clock, ledger, 2, fleetOptions());
        QVERIFY(b.service);
        const auto idle =
            test::await(b.service->provision(QStringLiteral("c1"), QStringLiteral("t1")));
        const auto stuck =
            test::await(b.service->provision(QStringLiteral("c2"), QStringLiteral("t1")));
        HANGAR_VERIFY_OK(idle);
        HANGAR_VERIFY_OK(stuck);
        clock.advance(5'000);
        {
            // The instance that crashes: it claims both, starts hibernating one, and is gone
            // (a Store never releases claims by itself; a LifecycleService would on exit).
            auto crashed = Store::open(db->url());
            QVERIFY(crashed);
            const QDateTime lease = clock.now().addMSecs(60'000);
            QCOMPARE(crashed.value()
                         ->claimIdle(clock.now().addMSecs(-1'000), clock.now(), lease, 10)
                         .value()
                         .size(),
                     2);
            HANGAR_VERIFY_OK(crashed.value()->transition(
                stuck.value().id, SandboxState::Active, SandboxState::Hibernating,
                QStringLiteral("about to crash"), {}, clock.now()));
        }
        QCOMPARE(b.service->sweeper()->sweepNow(), 0);
        QCOMPARE(ledger.hibernates.size(), 0);

        clock.advance(60'001);
        QCOMPARE(b.service->sweeper()->sweepNow(), 1);
        QTRY_COMPARE(unsettled(db->url()), 0);
        for (const auto& s : {idle.value(), stuck.value()}) {
            QCOMPARE(b.store->sandboxById(s.id).value()->state, SandboxState::Hibernated);
            QCOMPARE(ledger.hibernates.value(s.name), 1);
        }
        QCOMPARE(b.store->events(stuck.value().id).value().size(), 4);
    }

    // Ghosts, orphans and drift are found, each with its fix, and the fixes settle them.
    void fleetHealthFindsAndFixesDisagreements_data() { test::addDatabaseRows(); }
    void fleetHealthFindsAndFixesDisagreements() {
        HANGAR_FETCH_DATABASE(db);
        ManualClock clock;
        Ledger ledger;
        Instance a(db->url(), clock, ledger, 1, fleetOptions());
        QVERIFY(a.service);
        FleetHealth health(*a.service);
        FleetBackend& provider = *a.backend;
        health.setMachineLister(provider.kind(), [&provider] {
            return readyTask<QStringList>(provider.machines.keys());
        });
        QHash<QString, Sandbox> s;
        for (const char* chat : {"ghost", "drift", "asleep", "fine"}) {
            auto r =
                test::await(a.service->provision(QString::fromLatin1(chat), QStringLiteral("t")));
            HANGAR_VERIFY_OK(r);
            s.insert(QString::fromLatin1(chat), r.value());
        }
        HANGAR_VERIFY_OK(test::await(a.service->hibernate(s[QStringLiteral("asleep")].id)));
        provider.machines.remove(s[QStringLiteral("ghost")].name);
        provider.machines.insert(s[QStringLiteral("drift")].name, ProviderState::Cold);
        provider.machines.insert(QStringLiteral("zuko-stray-1"), ProviderState::Warm);
        provider.machines.insert(QStringLiteral("zuko-stray-2"), ProviderState::Cold);
        provider.machines.insert(QStringLiteral("not-ours"), ProviderState::Warm);

        auto found = test::await(health.scan());
        HANGAR_VERIFY_OK(found);
        QHash<QString, FleetHealth::Finding> byName;
        for (const auto& f : found.value())
            byName.insert(f.name, f);
        QCOMPARE(byName.size(), 4);
        using Kind = FleetHealth::Finding::Kind;
        using Fix = FleetHealth::Fix;
        const auto ghost = byName.value(s[QStringLiteral("ghost")].name);
        const auto drift = byName.value(s[QStringLiteral("drift")].name);
        QCOMPARE(ghost.kind, Kind::Ghost);
        QCOMPARE(drift.kind, Kind::Drift);
        QCOMPARE(drift.recorded, SandboxState::Active);
        QCOMPARE(drift.provider, ProviderState::Cold);
        QCOMPARE(byName.value(QStringLiteral("zuko-stray-1")).kind, Kind::Orphan);
        QCOMPARE(byName.value(QStringLiteral("zuko-stray-2")).kind, Kind::Orphan);
        QCOMPARE(FleetHealth::fixesFor(ghost), QList<Fix>{Fix::Forget});

        QCOMPARE(test::await(health.fix(ghost, Fix::Adopt)).error().code,
                 ErrorCode::InvalidArgument);
        HANGAR_VERIFY_OK(test::await(health.fix(ghost, Fix::Forget)));
        HANGAR_VERIFY_OK(test::await(health.fix(drift, Fix::Reconcile)));
        HANGAR_VERIFY_OK(
            test::await(health.fix(byName.value(QStringLiteral("zuko-stray-1")), Fix::Adopt)));
        HANGAR_VERIFY_OK(
            test::await(health.fix(byName.value(QStringLiteral("zuko-stray-2")), Fix::Destroy)));

        QVERIFY(!a.store->sandboxById(ghost.sandboxId).value().has_value());
        QCOMPARE(a.store->sandboxById(drift.sandboxId).value()->state, SandboxState::Hibernated);
        const auto adopted = a.store->sandboxByName(QStringLiteral("zuko-stray-1")).value();
        QVERIFY(adopted.has_value());
        QCOMPARE(adopted->state, SandboxState::Active);
        QCOMPARE(a.store->events(adopted->id).value().size(), 2); // provisioning, active
        QVERIFY(!provider.machines.contains(QStringLiteral("zuko-stray-2")));
        QCOMPARE(test::await(health.scan()).value().size(), 0);
    }

    // An active sandbox whose commands do not answer is degraded until it answers again.
    void healthProbeMarksSandboxesThatDoNotAnswer() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        ManualClock clock;
        Ledger ledger;
        Instance a(db.url(), clock, ledger, 1, fleetOptions());
        QVERIFY(a.service);
        FleetHealth health(*a.service);
        QSignalSpy degraded(&health, &FleetHealth::degradedChanged);
        const auto ok =
            test::await(a.service->provision(QStringLiteral("ok"), QStringLiteral("t")));
        const auto mute =
            test::await(a.service->provision(QStringLiteral("mute"), QStringLiteral("t")));
        const auto asleep =
            test::await(a.service->provision(QStringLiteral("asleep"), QStringLiteral("t")));
        HANGAR_VERIFY_OK(test::await(a.service->hibernate(asleep.value().id)));
        a.backend->unresponsive << mute.value().name << asleep.value().name;

        HANGAR_VERIFY_OK(test::await(health.probeNow()));
        QCOMPARE(degraded.count(), 1);
        QCOMPARE(degraded[0][0].toString(), mute.value().id);
        QCOMPARE(degraded[0][1].toBool(), true);
        QVERIFY(health.isDegraded(mute.value().id));
        QVERIFY(health.degradedReason(mute.value().id).contains(QStringLiteral("does not answer")));
        QVERIFY(!health.isDegraded(ok.value().id));
        QVERIFY(!health.isDegraded(asleep.value().id)); // not probed: it is not running
        // The record stays active: degraded is the probe's mark, not a lifecycle state.
        QCOMPARE(a.store->sandboxById(mute.value().id).value()->state, SandboxState::Active);
        // Nothing left behind in the workspace.
        QVERIFY(a.backend->files.isEmpty());

        a.backend->unresponsive.clear();
        HANGAR_VERIFY_OK(test::await(health.probeNow()));
        QCOMPARE(degraded.count(), 2);
        QCOMPARE(degraded[1][1].toBool(), false);
        QVERIFY(!health.isDegraded(mute.value().id));
    }

    // The race: three instances provision, resume, hibernate and sweep 200 sandboxes at once
    // for several rounds. Afterwards every history is a legal path through the state table,
    // every provider action happened exactly once per recorded transition, and every
    // instance's view (from its own signals) equals the database.
    void threeInstancesRaceOnTwoHundredSandboxes() {
        HANGAR_POSTGRES_DATABASE(db);
        constexpr int kSandboxes = 200;
        constexpr int kRounds = 4;
        ManualClock clock;
        Ledger ledger;
        std::vector<std::unique_ptr<Instance>> fleet;
        for (quint32 i = 0; i < 3; ++i)
            fleet.push_back(
                std::make_unique<Instance>(db->url(), clock, ledger, 100 + i, fleetOptions()));
        for (const auto& instance : fleet)
            QVERIFY(instance->service);
        QRandomGenerator random(20240610);

        // Everyone provisions every chat, in a different order.
        QList<Task<Sandbox>> provisions;
        for (int k = 0; k < kSandboxes; ++k) {
            for (int i = 0; i < 3; ++i) {
                const int chat = (k * (i + 1) * 7 + i * 13) % kSandboxes;
                provisions << fleet[i]->service->provision(QStringLiteral("chat%1").arg(chat),
                                                           QStringLiteral("t"));
            }
        }
        QVERIFY(awaitAll(provisions));
        for (const auto& p : provisions)
            HANGAR_VERIFY_OK(p.result());
        const QList<Sandbox> all = fleet[0]->store->sandboxes().value();
        QCOMPARE(all.size(), kSandboxes);

        for (int round = 0; round < kRounds; ++round) {
            QList<Task<Sandbox>> ops;
            for (const Sandbox& s : all) {
                for (const auto& instance : fleet) {
                    const quint32 pick = random.bounded(10);
                    if (pick < 4)
                        ops << instance->service->resume(s.id);
                    else if (pick < 8)
                        ops << instance->service->hibernate(s.id);
                    else if (pick < 9)
                        ops << instance->service->provision(s.chatId, s.threadId);
                }
            }
            QVERIFY(awaitAll(ops));
            // Then everything idle is swept by all three at once.
            clock.advance(2'000);
            for (const auto& instance : fleet)
                instance->service->sweeper()->sweepNow();
            QTRY_COMPARE_WITH_TIMEOUT(unsettled(db->url()), 0, 30'000);
        }

        const QList<Sandbox> truth = fleet[0]->store->sandboxes().value();
        QSet<qint64> allSeqs;
        for (const Sandbox& s : truth) {
            auto events = fleet[0]->store->events(s.id).value();
            // Notes record operations beside the transitions; the path is the transitions.
            events.removeIf([](const LifecycleEvent& e) { return e.isNote(); });
            QVERIFY(!events.isEmpty());
            QVERIFY(!events[0].from.has_value());
            QCOMPARE(events[0].to, SandboxState::Provisioning);
            QHash<SandboxState, int> leaving;
            for (int i = 1; i < events.size(); ++i) {
                const LifecycleEvent& e = events[i];
                QVERIFY2(e.from == events[i - 1].to && isLegalTransition(*e.from, e.to),
                         qPrintable(QStringLiteral("%1: event %2 %3 -> %4 after %5")
                                        .arg(s.name)
                                        .arg(e.seq)
                                        .arg(stateName(*e.from), stateName(e.to),
                                             stateName(events[i - 1].to))));
                ++leaving[*e.from];
            }
            QCOMPARE(events.constLast().to, s.state);
            // One provider action per transition out of the state it belongs to.
            QCOMPARE(ledger.creates.value(s.name), leaving.value(SandboxState::Provisioning));
            QCOMPARE(ledger.hibernates.value(s.name), leaving.value(SandboxState::Hibernating));
            QCOMPARE(ledger.wakes.value(s.name), leaving.value(SandboxState::Restoring));
            for (const LifecycleEvent& e : events)
                allSeqs.insert(e.seq);
        }
        QVERIFY(ledger.hibernates.size() > kSandboxes / 2); // the race did race

        // Every instance ends up with the database's picture.
        for (const auto& instance : fleet) {
            QTRY_COMPARE(instance->seenEvents.size(), allSeqs.size());
            QCOMPARE(instance->seenEvents, allSeqs);
            QCOMPARE(instance->view.size(), truth.size());
            for (const Sandbox& s : truth) {
                const Sandbox seen = instance->view.value(s.id);
                QCOMPARE(stateName(seen.state), stateName(s.state));
                QCOMPARE(seen.error, s.error);
                QCOMPARE(seen.lastActivityAt, s.lastActivityAt);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
