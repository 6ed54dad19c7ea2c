#include "TestDatabases.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "lifecycle/Sweeper.h"
#include "local/LocalBackend.h"
#include "store/Store.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

namespace {

// One engine over a real LocalBackend and a real database, on a manual clock.
struct Rig {
    explicit Rig(const DatabaseUrl& url, LifecycleOptions options = {}) {
        auto opened = Store::open(url);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return;
        }
        store = std::move(opened).value();
        LocalBackend::Options local;
        local.dataDir = dir.filePath(QStringLiteral("data"));
        backend = std::make_unique<LocalBackend>(local);
        service = std::make_unique<LifecycleService>(*store, clock, options);
        service->addBackend(backend.get());
    }

    QStringList path(const QString& id) const {
        QStringList states;
        for (const LifecycleEvent& e : store->events(id).value())
            states << stateName(e.to);
        return states;
    }

    // Deletes a sandbox's machine behind the engine's back.
    bool removeMachine(const QString& name) const {
        return QDir(QFileInfo(backend->hostRoot(name)).absolutePath()).removeRecursively();
    }

    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<LifecycleService> service;
};

QStringList names(std::initializer_list<SandboxState> states) {
    QStringList out;
    for (SandboxState s : states)
        out << stateName(s);
    return out;
}

} // namespace

class TestLifecycle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        qRegisterMetaType<Sandbox>();
        qRegisterMetaType<LifecycleEvent>();
        qRegisterMetaType<SandboxState>();
    }

    void provisionReachesActive_data() { test::addDatabaseRows(); }
    void provisionReachesActive() {
        HANGAR_FETCH_DATABASE(db);
        Rig rig(db->url());
        QVERIFY(rig.service);
        QSignalSpy changes(rig.service.get(), &LifecycleService::stateChanged);
        QSignalSpy added(rig.service.get(), &LifecycleService::sandboxAdded);
        // The signal follows the commit: a listener already sees the new state in the store.
        QStringList seenInStore;
        connect(rig.service.get(), &LifecycleService::stateChanged, this,
                [&](const QString& id, SandboxState, SandboxState) {
                    seenInStore << stateName(rig.store->sandboxById(id).value()->state);
                });

        auto result =
            test::await(rig.service->provision(QStringLiteral("chat42"), QStringLiteral("main")));
        HANGAR_VERIFY_OK(result);
        const Sandbox s = result.value();
        QCOMPARE(s.name, QStringLiteral("zuko-chat42-main"));
        QCOMPARE(s.state, SandboxState::Active);
        QCOMPARE(s.backend, QStringLiteral("local"));
        QCOMPARE(added.count(), 1);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes[0][1].value<SandboxState>(), SandboxState::Provisioning);
        QCOMPARE(changes[0][2].value<SandboxState>(), SandboxState::Active);
        QCOMPARE(seenInStore, QStringList{QStringLiteral("active")});
        QCOMPARE(rig.path(s.id), names({SandboxState::Provisioning, SandboxState::Active}));
        QVERIFY(QFileInfo(rig.backend->hostRoot(s.name)).isDir());
    }

    // A note joins the timeline and is announced as an event, never as a state change.
    void notesAreAnnouncedWithoutMovingTheSandbox() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        QVERIFY(rig.service);
        auto s = test::await(rig.service->provision(QStringLiteral("notes"), QStringLiteral("1")));
        HANGAR_VERIFY_OK(s);
        QSignalSpy events(rig.service.get(), &LifecycleService::eventRecorded);
        QSignalSpy changes(rig.service.get(), &LifecycleService::stateChanged);

        auto noted = rig.service->note(s.value().id, QStringLiteral("setup: npm ci"),
                                       {QStringLiteral("engine"), QStringLiteral("added 3"), {}});
        HANGAR_VERIFY_OK(noted);
        QCOMPARE(events.count(), 1);
        QCOMPARE(events[0][0].value<LifecycleEvent>().seq, noted.value().seq);
        QVERIFY(events[0][0].value<LifecycleEvent>().isNote());
        QCOMPARE(changes.count(), 0);
        QCOMPARE(rig.service->sandbox(s.value().id).value().state, SandboxState::Active);
        QCOMPARE(rig.path(s.value().id),
                 names({SandboxState::Provisioning, SandboxState::Active, SandboxState::Active}));

        auto missing = rig.service->note(QStringLiteral("nope"), QStringLiteral("x"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(events.count(), 1);
    }

    void provisionIsIdempotentByName() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        auto first =
            test::await(rig.service->provision(QStringLiteral("c1"), QStringLiteral("t1")));
        auto second =
            test::await(rig.service->provision(QStringLiteral("c1"), QStringLiteral("t1")));
        HANGAR_VERIFY_OK(first);
        HANGAR_VERIFY_OK(second);
        QCOMPARE(second.value().id, first.value().id);
        QCOMPARE(rig.service->sandboxes().value().size(), 1);
        // Concurrent requests for one new chat also end with one sandbox.
        auto a = rig.service->provision(QStringLiteral("c2"), QStringLiteral("t1"));
        auto b = rig.service->provision(QStringLiteral("c2"), QStringLiteral("t1"));
        QCOMPARE(test::await(a).value().id, test::await(b).value().id);
        QCOMPARE(rig.service->sandboxes().value().size(), 2);
    }

    void badNamesAreClearErrors_data() {
        QTest::addColumn<QString>("chat");
        QTest::addColumn<QString>("thread");
        QTest::newRow("empty chat") << QString() << QStringLiteral("t");
        QTest::newRow("upper case") << QStringLiteral("Chat") << QStringLiteral("t");
        QTest::newRow("shell") << QStringLiteral("a;rm -rf") << QStringLiteral("t");
        QTest::newRow("substitution") << QStringLiteral("$(id)") << QStringLiteral("t");
        QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("t");
        QTest::newRow("dotdot") << QStringLiteral("..") << QStringLiteral("t");
        QTest::newRow("leading hyphen") << QStringLiteral("-x") << QStringLiteral("t");
        QTest::newRow("too long") << QString(60, QLatin1Char('a')) << QStringLiteral("t");
    }

    void badNamesAreClearErrors() {
        QFETCH(QString, chat);
        QFETCH(QString, thread);
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        auto r = test::await(rig.service->provision(chat, thread));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(rig.service->sandboxes().value().size(), 0);
        QVERIFY(!QDir(rig.dir.filePath(QStringLiteral("data/sandboxes"))).exists() ||
                QDir(rig.dir.filePath(QStringLiteral("data/sandboxes"))).isEmpty());
    }

    void pinnedSandboxServesEveryChat() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        LifecycleOptions options;
        options.pinnedSandbox = QStringLiteral("e2e-pinned");
        Rig rig(db.url(), options);
        auto a = test::await(rig.service->provision(QStringLiteral("one"), QStringLiteral("t")));
        auto b = test::await(rig.service->provision(QStringLiteral("two"), QStringLiteral("t")));
        HANGAR_VERIFY_OK(a);
        QCOMPARE(a.value().name, QStringLiteral("e2e-pinned"));
        QVERIFY(a.value().pinned);
        QCOMPARE(b.value().id, a.value().id);
    }

    void hibernateAndResumeKeepFiles_data() { test::addDatabaseRows(); }
    void hibernateAndResumeKeepFiles() {
        HANGAR_FETCH_DATABASE(db);
        Rig rig(db->url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(
            test::await(rig.backend->writeFile(s.name, QStringLiteral("notes.txt"), "kept")));

        auto hibernated = test::await(rig.service->hibernate(s.id, QStringLiteral("operator")));
        HANGAR_VERIFY_OK(hibernated);
        QCOMPARE(hibernated.value().state, SandboxState::Hibernated);
        QCOMPARE(test::await(rig.backend->status(s.name)).value().state, ProviderState::Cold);

        auto resumed = test::await(rig.service->resume(s.id));
        HANGAR_VERIFY_OK(resumed);
        QCOMPARE(resumed.value().state, SandboxState::Active);
        QCOMPARE(test::await(rig.backend->readFile(s.name, QStringLiteral("notes.txt"))).value(),
                 QByteArray("kept"));
        QCOMPARE(rig.path(s.id),
                 names({SandboxState::Provisioning, SandboxState::Active, SandboxState::Hibernating,
                        SandboxState::Hibernated, SandboxState::Restoring, SandboxState::Active}));
        const auto events = rig.store->events(s.id).value();
        QCOMPARE(events[2].reason, QStringLiteral("operator"));
    }

    void illegalRequestsChangeNothing() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        const int events = rig.store->events(s.id).value().size();
        // Hibernating a hibernated sandbox is a no-op, not a second transition.
        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        QCOMPARE(rig.store->events(s.id).value().size(), events);

        // Break it, then ask to hibernate a failed sandbox: refused with a clear error.
        QVERIFY(rig.removeMachine(s.name));
        QVERIFY(!test::await(rig.service->resume(s.id)).ok());
        QCOMPARE(rig.service->sandbox(s.id).value().state, SandboxState::Failed);
        const int failedEvents = rig.store->events(s.id).value().size();
        auto refused = test::await(rig.service->hibernate(s.id));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::IllegalTransition);
        QVERIFY(refused.error().message.contains(QStringLiteral("failed")));
        QCOMPARE(rig.store->events(s.id).value().size(), failedEvents);

        auto unknown = test::await(rig.service->resume(QStringLiteral("no-such-id")));
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    // A provider error moves the sandbox to failed with the message stored and emitted;
    // resuming a failed sandbox reprovisions it.
    void providerErrorsFailVisiblyAndReprovision() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        // The machine vanishes behind the engine's back.
        QVERIFY(rig.removeMachine(s.name));

        QSignalSpy changes(rig.service.get(), &LifecycleService::sandboxChanged);
        auto woken = test::await(rig.service->resume(s.id));
        QVERIFY(!woken.ok());
        const Sandbox failed = rig.service->sandbox(s.id).value();
        QCOMPARE(failed.state, SandboxState::Failed);
        QVERIFY2(failed.error.contains(s.name), qPrintable(failed.error));
        QCOMPARE(changes.constLast()[0].value<Sandbox>().error, failed.error);
        QCOMPARE(rig.store->events(s.id).value().constLast().error, failed.error);

        auto reprovisioned = test::await(rig.service->resume(s.id));
        HANGAR_VERIFY_OK(reprovisioned);
        QCOMPARE(reprovisioned.value().state, SandboxState::Active);
        QCOMPARE(reprovisioned.value().error, QString());
        QCOMPARE(rig.path(s.id).mid(4), names({SandboxState::Restoring, SandboxState::Failed,
                                               SandboxState::Provisioning, SandboxState::Active}));
    }

    void provisioningFailureIsRecorded() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        // A file where the sandboxes directory should be: the provider cannot create anything.
        QVERIFY(QDir().mkpath(rig.dir.filePath(QStringLiteral("data"))));
        QFile blocker(rig.dir.filePath(QStringLiteral("data/sandboxes")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        auto r = test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t")));
        QVERIFY(!r.ok());
        const auto all = rig.service->sandboxes().value();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].state, SandboxState::Failed);
        QVERIFY(!all[0].error.isEmpty());
    }

    void sweepHibernatesIdleSandboxesOnly() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        LifecycleOptions options;
        options.inactivityTimeoutMs = 30 * 60'000;
        Rig rig(db.url(), options);
        const Sandbox idle =
            test::await(rig.service->provision(QStringLiteral("idle"), QStringLiteral("t")))
                .value();
        const Sandbox busy =
            test::await(rig.service->provision(QStringLiteral("busy"), QStringLiteral("t")))
                .value();

        rig.clock.advance(29 * 60'000);
        QCOMPARE(rig.service->sweeper()->sweepNow(), 0);
        HANGAR_VERIFY_OK(rig.service->touch(busy.id));
        rig.clock.advance(2 * 60'000);

        QSignalSpy changes(rig.service.get(), &LifecycleService::stateChanged);
        QCOMPARE(rig.service->sweeper()->sweepNow(), 1);
        QTRY_COMPARE(rig.service->sandbox(idle.id).value().state, SandboxState::Hibernated);
        QCOMPARE(rig.service->sandbox(busy.id).value().state, SandboxState::Active);
        QCOMPARE(changes.count(), 2);
        QVERIFY(rig.store->events(idle.id).value()[2].reason.contains(
            QStringLiteral("inactive for 31 min")));
    }

    void sweeperRunsOnItsTimer() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        LifecycleOptions options;
        options.inactivityTimeoutMs = 1000;
        options.sweepIntervalMs = 10;
        Rig rig(db.url(), options);
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(test::await(rig.service->start()));
        QVERIFY(rig.service->sweeper()->isRunning());
        rig.clock.advance(5000);
        QTRY_COMPARE(rig.service->sandbox(s.id).value().state, SandboxState::Hibernated);
    }

    void toolActivityFromSessionsKeepsSandboxAwake() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        rig.clock.advance(60'000);
        ExecRequest request;
        request.argv = {QStringLiteral("echo"), QStringLiteral("hello")};
        HANGAR_VERIFY_OK(test::await(rig.backend->run(s.name, request)));
        QTRY_COMPARE(rig.service->sandbox(s.id).value().lastActivityAt, rig.clock.now());
    }

    void reconcileCorrectsDriftWithDebounce() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        // The provider cools the machine behind the engine's back.
        HANGAR_VERIFY_OK(test::await(rig.backend->hibernate(s.name)));
        auto r = test::await(rig.service->reconcile(s.id));
        HANGAR_VERIFY_OK(r);
        QCOMPARE(r.value().state, SandboxState::Hibernated);
        QVERIFY(
            rig.store->events(s.id).value().constLast().reason.contains(QStringLiteral("cold")));

        // Woken behind its back again: within the debounce window nothing is asked...
        HANGAR_VERIFY_OK(test::await(rig.backend->wake(s.name)));
        rig.clock.advance(30'000);
        QCOMPARE(test::await(rig.service->reconcile(s.id)).value().state, SandboxState::Hibernated);
        // ...after it, the drift is corrected through legal transitions.
        rig.clock.advance(31'000);
        QCOMPARE(test::await(rig.service->reconcile(s.id)).value().state, SandboxState::Active);
        QCOMPARE(rig.path(s.id).mid(2),
                 names({SandboxState::Hibernated, SandboxState::Restoring, SandboxState::Active}));
        // A forced reconcile ignores the debounce.
        HANGAR_VERIFY_OK(test::await(rig.backend->hibernate(s.name)));
        QCOMPARE(test::await(rig.service->reconcile(s.id, true)).value().state,
                 SandboxState::Hibernated);
    }

    void concurrentResumesMakeOneTransition() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        auto a = rig.service->resume(s.id);
        auto b = rig.service->ensureActive(s.id);
        auto c = rig.service->resume(s.id);
        HANGAR_VERIFY_OK(test::await(a));
        HANGAR_VERIFY_OK(test::await(b));
        HANGAR_VERIFY_OK(test::await(c));
        QCOMPARE(rig.path(s.id).count(stateName(SandboxState::Restoring)), 1);
        QCOMPARE(rig.service->sandbox(s.id).value().state, SandboxState::Active);
    }

    void ensureActiveWakesAndRefusesFailed() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        rig.clock.advance(10'000);
        auto woken = test::await(rig.service->ensureActive(s.id));
        HANGAR_VERIFY_OK(woken);
        QCOMPARE(woken.value().state, SandboxState::Active);
        QCOMPARE(woken.value().lastActivityAt, rig.clock.now());

        HANGAR_VERIFY_OK(test::await(rig.service->hibernate(s.id)));
        QVERIFY(rig.removeMachine(s.name));
        QVERIFY(!test::await(rig.service->ensureActive(s.id)).ok()); // wake fails -> failed
        auto refused = test::await(rig.service->ensureActive(s.id));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Unavailable);
        QVERIFY(refused.error().message.contains(QStringLiteral("resume it")));
    }

    // A crash between "hibernating" and "hibernated" (or any transient state) leaves the
    // sandbox there; the next start finishes the operation.
    void startupRecoversTransientStates_data() { test::addDatabaseRows(); }
    void startupRecoversTransientStates() {
        HANGAR_FETCH_DATABASE(db);
        QTemporaryDir dataDir;
        QString hibernatingId, restoringId, provisioningId;
        {
            Rig rig(db->url());
            hibernatingId =
                test::await(rig.service->provision(QStringLiteral("a"), QStringLiteral("t")))
                    .value()
                    .id;
            restoringId =
                test::await(rig.service->provision(QStringLiteral("b"), QStringLiteral("t")))
                    .value()
                    .id;
            HANGAR_VERIFY_OK(test::await(rig.service->hibernate(restoringId)));
            // Simulate the crash: transitions committed, provider calls never made.
            const QDateTime now = rig.clock.now();
            HANGAR_VERIFY_OK(rig.store->transition(hibernatingId, SandboxState::Active,
                                                   SandboxState::Hibernating,
                                                   QStringLiteral("sweep"), {}, now));
            HANGAR_VERIFY_OK(rig.store->transition(restoringId, SandboxState::Hibernated,
                                                   SandboxState::Restoring,
                                                   QStringLiteral("resume"), {}, now));
            Sandbox fresh;
            fresh.id = QStringLiteral("fresh-id");
            fresh.name = QStringLiteral("zuko-c-t");
            fresh.backend = QStringLiteral("local");
            fresh.chatId = QStringLiteral("c");
            fresh.threadId = QStringLiteral("t");
            fresh.state = SandboxState::Provisioning;
            fresh.createdAt = fresh.updatedAt = fresh.lastActivityAt = now;
            HANGAR_VERIFY_OK(rig.store->insertSandbox(fresh, QStringLiteral("created")));
            provisioningId = fresh.id;

            // Restart on the same data: a new engine over the same database and directory.
            auto store2 = Store::open(db->url());
            HANGAR_VERIFY_OK(store2);
            LocalBackend::Options local;
            local.dataDir = rig.dir.filePath(QStringLiteral("data"));
            LocalBackend backend2(local);
            LifecycleService service2(*store2.value(), rig.clock, {});
            service2.addBackend(&backend2);
            HANGAR_VERIFY_OK(test::await(service2.start()));

            QCOMPARE(service2.sandbox(hibernatingId).value().state, SandboxState::Hibernated);
            QCOMPARE(service2.sandbox(restoringId).value().state, SandboxState::Active);
            QCOMPARE(service2.sandbox(provisioningId).value().state, SandboxState::Active);
            QCOMPARE(test::await(backend2.status(QStringLiteral("zuko-a-t"))).value().state,
                     ProviderState::Cold);
            QVERIFY(QFileInfo(backend2.hostRoot(QStringLiteral("zuko-c-t"))).isDir());
            for (const QString& id : {hibernatingId, restoringId, provisioningId}) {
                QVERIFY(store2.value()->events(id).value().constLast().reason.contains(
                    QStringLiteral("recovered")));
            }
        }
    }

    void destroyForgetsSandboxAndMachine() {
        test::TempDatabase db(test::TempDatabase::Kind::Sqlite);
        Rig rig(db.url());
        const Sandbox s =
            test::await(rig.service->provision(QStringLiteral("c"), QStringLiteral("t"))).value();
        QSignalSpy removed(rig.service.get(), &LifecycleService::sandboxRemoved);
        HANGAR_VERIFY_OK(test::await(rig.service->destroy(s.id)));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed[0][0].toString(), s.id);
        QCOMPARE(rig.service->sandbox(s.id).error().code, ErrorCode::NotFound);
        QCOMPARE(rig.store->events(s.id).value().size(), 0);
        QCOMPARE(test::await(rig.backend->status(s.name)).value().state, ProviderState::Missing);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
