// The backend contract against SpritesBackend, through the Sprites emulator (server/spritesapi)
// over a real LocalBackend: real HTTP and WebSocket connections, real processes. Plus a
// lifecycle smoke test: the engine provisions, hibernates, resumes and reconciles a sandbox on
// Sprites.
#include "BackendContract.h"
#include "Engine.h"
#include "SuiteArguments.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesBackend.h"
#include "spritesapi/SpritesApi.h"
#include "store/Store.h"
#include "terminal/TerminalHub.h"
#include "terminal/TerminalSession.h"
#include "tools/SandboxAdmin.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;
using hangar::sprites::SpritesBackend;
using hangar::spritesapi::SpritesApi;
using hangar::testing::await;

namespace {

const QString Token = QStringLiteral("sprites-backend-test-token");

// A SpritesBackend that owns the emulator it talks to (and the emulator's LocalBackend).
std::unique_ptr<SpritesBackend> makeBackend(const QString& dataDir) {
    LocalBackend::Options local;
    local.dataDir = dataDir;
    local.workingDir = sprites::SpritesClient::DefaultWorkingDir; // as on a real sprite
    local.killGraceMs = 1000;
    auto* localBackend = new LocalBackend(local);
    SpritesApi::Options apiOptions;
    apiOptions.token = Token;
    auto* api = new SpritesApi(*localBackend, apiOptions);
    const auto bound = api->listen(QStringLiteral("127.0.0.1:0"));
    if (!bound) {
        qWarning("emulator: %s", qPrintable(bound.error().describe()));
        delete api;
        delete localBackend;
        return nullptr;
    }
    SpritesBackend::Options options;
    options.client.baseUrl = QUrl(QStringLiteral("http://") + bound.value());
    options.client.token = Token;
    options.client.requestTimeoutMs = 15'000;
    auto backend = std::make_unique<SpritesBackend>(options);
    // Children go in this order: the emulator before the LocalBackend it serves.
    api->setParent(backend.get());
    localBackend->setParent(backend.get());
    return backend;
}

// The lifecycle engine over SQLite with a SpritesBackend (and its emulator) as the default.
struct EngineOnSprites {
    QTemporaryDir dir;
    std::unique_ptr<SpritesBackend> backend;
    hangar::test::TempDatabase db{hangar::test::TempDatabase::Kind::Sqlite};
    std::unique_ptr<Store> store;
    ManualClock clock;
    std::unique_ptr<LifecycleService> service;
    QString error;

    bool open() {
        if (!dir.isValid() || !db.isValid())
            return fail(QStringLiteral("no temporary directory or database: ") + db.errorString());
        backend = makeBackend(dir.filePath(QStringLiteral("data")));
        if (!backend)
            return fail(QStringLiteral("the emulator did not start"));
        auto opened = Store::open(db.url());
        if (!opened)
            return fail(opened.error().describe());
        store = std::move(opened.value());
        LifecycleOptions options;
        options.defaultBackend = QStringLiteral("sprites");
        service = std::make_unique<LifecycleService>(*store, clock, options);
        service->addBackend(backend.get());
        return true;
    }
    ~EngineOnSprites() {
        service.reset();
        store.reset();
        backend.reset();
    }

private:
    bool fail(const QString& why) {
        error = why;
        return false;
    }
};

} // namespace

class SpritesLifecycleTest : public QObject {
    Q_OBJECT

private slots:
    void provisionHibernateResumeReconcile() {
        EngineOnSprites rig;
        QVERIFY2(rig.open(), qPrintable(rig.error));
        SpritesBackend* backend = rig.backend.get();
        LifecycleService& service = *rig.service;

        auto sandbox = await(service.provision(QStringLiteral("chat1"), QStringLiteral("t1")));
        QVERIFY2(sandbox.ok(), sandbox.ok() ? "" : qPrintable(sandbox.error().describe()));
        QCOMPARE(sandbox.value().backend, QStringLiteral("sprites"));
        QCOMPARE(sandbox.value().state, SandboxState::Active);
        const QString id = sandbox.value().id;
        const QString name = sandbox.value().name;
        QCOMPARE(await(backend->status(name)).value().state, ProviderState::Warm);

        sandbox = await(service.hibernate(id));
        QVERIFY2(sandbox.ok(), sandbox.ok() ? "" : qPrintable(sandbox.error().describe()));
        QCOMPARE(sandbox.value().state, SandboxState::Hibernated);
        QCOMPARE(await(backend->status(name)).value().state, ProviderState::Cold);

        // The sprite itself says `warm`; the reconciler must not flip the sandbox back.
        sandbox = await(service.reconcile(id, true));
        QVERIFY2(sandbox.ok(), sandbox.ok() ? "" : qPrintable(sandbox.error().describe()));
        QCOMPARE(sandbox.value().state, SandboxState::Hibernated);

        sandbox = await(service.resume(id));
        QVERIFY2(sandbox.ok(), sandbox.ok() ? "" : qPrintable(sandbox.error().describe()));
        QCOMPARE(sandbox.value().state, SandboxState::Active);
        QCOMPARE(await(backend->status(name)).value().state, ProviderState::Warm);
        sandbox = await(service.reconcile(id, true));
        QVERIFY(sandbox.ok());
        QCOMPARE(sandbox.value().state, SandboxState::Active);

        ExecRequest echo;
        echo.argv = QStringList{QStringLiteral("echo"), QStringLiteral("on sprites")};
        const auto ran = await(backend->run(name, echo));
        QVERIFY(ran.ok());
        QCOMPARE(ran.value().stdoutData, QByteArray("on sprites\n"));

        QVERIFY(await(service.destroy(id)).ok());
        QCOMPARE(await(backend->status(name)).value().state, ProviderState::Missing);
    }

    // A shell on Sprites survives a dropped connection: the hub's session re-attaches to the same
    // shell by itself, and what the provider replays is not shown twice.
    void terminalReconnectsAfterADroppedConnection() {
        qRegisterMetaType<hangar::Error>(); // for the spies on reconnecting() and failed()
        EngineOnSprites rig;
        QVERIFY2(rig.open(), qPrintable(rig.error));
        auto* api = rig.backend->findChild<SpritesApi*>();
        QVERIFY(api);
        LifecycleService& service = *rig.service;
        auto sandbox = await(service.provision(QStringLiteral("chat1"), QStringLiteral("t1")));
        QVERIFY2(sandbox.ok(), sandbox.ok() ? "" : qPrintable(sandbox.error().describe()));

        // Exec sockets are cut (no close frame, no exit) once 4 000 bytes of output went
        // through: the shell's in the middle of the second command's output, below. (Any exec:
        // waking the sandbox may run one first.) Re-attaching is not cut.
        api->faults().drop(QStringLiteral("WS"), QStringLiteral("/v1/sprites/[^/]+/exec"), 4000,
                           -1);
        TerminalHub hub(service);
        TerminalOptions shell;
        shell.shell = {QStringLiteral("/bin/bash"), QStringLiteral("--norc"),
                       QStringLiteral("--noprofile"), QStringLiteral("-i")};
        auto opened = await(hub.open(sandbox.value().id, QStringLiteral("main"), shell));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().describe()));
        TerminalSession* session = opened.value();
        QPointer<TerminalSession> alive(session);
        QByteArray seen;
        connect(session, &TerminalSession::output, this,
                [&seen](const QByteArray& data) { seen += data; });
        QSignalSpy reconnecting(session, &TerminalSession::reconnecting);
        QSignalSpy reconnected(session, &TerminalSession::reconnected);
        QSignalSpy failed(session, &TerminalSession::failed);
        session->write("echo before-$((6*7))\n");
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains("before-42"), 20'000);
        QVERIFY(!session->execId().isEmpty());
        const qsizetype shownBefore = seen.count("before-");
        session->write(
            "head -c 6000 /dev/zero | tr '\\0' x; echo; sleep 1; echo during-$((6*8))\n");
        QTRY_VERIFY_WITH_TIMEOUT(!reconnecting.isEmpty(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, 20'000);
        QVERIFY(failed.isEmpty());
        api->faults().clear();
        QVERIFY(alive); // clients keep the same session object
        QCOMPARE(hub.find(sandbox.value().id, QStringLiteral("main")), session);

        session->write("echo after-$((6*9))\n");
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains("after-54"), 20'000);
        QVERIFY(seen.contains("during-48")); // it ran while we were away, and was shown
        // The replay was lined up with what was shown: nothing from before the drop again.
        QCOMPARE(seen.count("before-"), shownBefore);

        session->write("exit\n");
        QSignalSpy exited(session, &TerminalSession::exited);
        QTRY_COMPARE_WITH_TIMEOUT(exited.count(), 1, 20'000);
        QVERIFY(failed.isEmpty());
    }

    // Checkpoints through SandboxAdmin on Sprites: the provider's progress lines arrive as
    // they stream, a restore (after a safety checkpoint) brings the files back, and each step
    // is a note in the timeline.
    void checkpointsThroughSandboxAdmin() {
        EngineOnSprites rig;
        QVERIFY2(rig.open(), qPrintable(rig.error));
        auto sandbox = await(rig.service->provision(QStringLiteral("ckpt"), QStringLiteral("1")));
        HANGAR_VERIFY_OK(sandbox);
        const QString id = sandbox.value().id;
        const QString name = sandbox.value().name;
        SandboxAdmin admin(*rig.service);
        QSignalSpy progress(&admin, &SandboxAdmin::progress);

        HANGAR_VERIFY_OK(await(rig.backend->writeFile(name, QStringLiteral("a.txt"), "one")));
        auto taken =
            await(admin.createCheckpoint(id, QStringLiteral("first"), QStringLiteral("console")));
        HANGAR_VERIFY_OK(taken);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.constLast().at(0).toString(), id);

        HANGAR_VERIFY_OK(await(rig.backend->writeFile(name, QStringLiteral("a.txt"), "two")));
        progress.clear();
        RestoreOptions options;
        options.actor = QStringLiteral("console");
        auto restored = await(admin.restoreCheckpoint(id, taken.value().id, options));
        HANGAR_VERIFY_OK(restored);
        QVERIFY(!restored.value().safetyCheckpointId.isEmpty());
        QStringList lines;
        for (const auto& args : progress)
            lines << args.at(1).toString();
        QVERIFY2(lines.filter(QStringLiteral("Restor")).size() >= 1, qPrintable(lines.join(u'|')));
        QCOMPARE(await(rig.backend->readFile(name, QStringLiteral("a.txt"))).value(),
                 QByteArray("one"));

        QStringList notes;
        for (const LifecycleEvent& e : rig.service->events(id).value()) {
            if (e.isNote())
                notes << e.reason;
        }
        QCOMPARE(notes.size(), 2);
        QVERIFY(notes[0].startsWith(QStringLiteral("checkpoint %1 taken").arg(taken.value().id)));
        QVERIFY(
            notes[1].startsWith(QStringLiteral("restored checkpoint %1").arg(taken.value().id)));
    }

    void reprovisionReusesTheSprite() {
        QTemporaryDir dir;
        auto backend = makeBackend(dir.filePath(QStringLiteral("data")));
        QVERIFY(backend);
        const QString name = QStringLiteral("reuse-me");
        QVERIFY(await(backend->create(name)).ok());
        QVERIFY(await(backend->writeFile(name, QStringLiteral("kept.txt"), "kept")).ok());
        QVERIFY(await(backend->hibernate(name)).ok());
        // create() on an existing (hibernated) sprite reuses it and leaves it warm.
        const auto again = await(backend->create(name));
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().describe()));
        QCOMPARE(again.value().state, ProviderState::Warm);
        QCOMPARE(await(backend->readFile(name, QStringLiteral("kept.txt"))).value(),
                 QByteArray("kept"));
        QCOMPARE(backend->kind(), QStringLiteral("sprites"));
        QVERIFY(backend->isIsolated(name));
        QCOMPARE(backend->isolation(name), QStringLiteral("Fly.io Sprites microVM"));
    }

    // The status bar's probe: reachable with the right token; a rejected token and a closed
    // port are errors that say which.
    void checkConnection() {
        QTemporaryDir dir;
        auto backend = makeBackend(dir.filePath(QStringLiteral("data")));
        QVERIFY(backend);
        const auto good = await(backend->checkConnection());
        QVERIFY2(good.ok(), good.ok() ? "" : qPrintable(good.error().describe()));

        SpritesBackend::Options wrong;
        wrong.client.baseUrl = backend->client().options().baseUrl;
        wrong.client.token = QStringLiteral("not-the-token");
        SpritesBackend rejected(wrong);
        const auto denied = await(rejected.checkConnection());
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);
        QVERIFY(!denied.error().describe().contains(QStringLiteral("not-the-token")));

        SpritesBackend::Options closed;
        closed.client.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        closed.client.token = Token;
        closed.client.maxRetries = 0;
        SpritesBackend unreachable(closed);
        const auto down = await(unreachable.checkConnection());
        QVERIFY(!down.ok());
        QCOMPARE(down.error().code, ErrorCode::Unavailable);
    }

    // app/Engine: a token registers the Sprites backend; SPRITES_ENABLED=true makes it the
    // default, and needs a token.
    void engineWiring() {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(env::dataDir, dir.path());
        env.insert(env::spritesApiBaseUrl, QStringLiteral("http://127.0.0.1:9"));
        auto load = [&env]() { return Config::load(env); };

        auto config = load();
        QVERIFY(config.ok());
        auto plain = Engine::create(config.value(), nullptr, EngineSecrets::fromEnvironment(env));
        QVERIFY2(plain.ok(), plain.ok() ? "" : qPrintable(plain.error().describe()));
        QVERIFY(!plain.value()->spritesBackend());
        QCOMPARE(plain.value()->lifecycle().options().defaultBackend, QStringLiteral("local"));
        plain.value().reset();

        env.insert(env::spritesToken, QStringLiteral("secret"));
        config = load();
        auto withToken =
            Engine::create(config.value(), nullptr, EngineSecrets::fromEnvironment(env));
        QVERIFY(withToken.ok());
        QVERIFY(withToken.value()->spritesBackend());
        QCOMPARE(withToken.value()->spritesBackend()->client().options().baseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:9")));
        QCOMPARE(withToken.value()->lifecycle().options().defaultBackend, QStringLiteral("local"));
        withToken.value().reset();

        env.insert(env::spritesEnabled, QStringLiteral("true"));
        config = load();
        auto enabled = Engine::create(config.value(), nullptr, EngineSecrets::fromEnvironment(env));
        QVERIFY(enabled.ok());
        QCOMPARE(enabled.value()->lifecycle().options().defaultBackend, QStringLiteral("sprites"));
        enabled.value().reset();

        env.remove(env::spritesToken);
        config = load();
        auto noToken = Engine::create(config.value(), nullptr, EngineSecrets::fromEnvironment(env));
        QVERIFY(!noToken.ok());
        QVERIFY(noToken.error().message.contains(env::spritesToken));
        QVERIFY(!noToken.error().message.contains(QStringLiteral("secret")));
    }
};

using hangar::test::argumentsFor;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    hangar::testing::BackendContract::Options options;
    options.workingDir = sprites::SpritesClient::DefaultWorkingDir;
    options.outsideRootError = ErrorCode::PermissionDenied; // EACCES over the fs API
    hangar::testing::BackendContract contract(
        [](const QString& dataDir) -> std::unique_ptr<Backend> { return makeBackend(dataDir); },
        options);
    SpritesLifecycleTest lifecycle;
    int failures = 0;
    for (QObject* suite : {static_cast<QObject*>(&contract), static_cast<QObject*>(&lifecycle)}) {
        const QStringList args = argumentsFor(*suite, app.arguments());
        if (!args.isEmpty())
            failures += QTest::qExec(suite, args);
    }
    return failures == 0 ? 0 : 1;
}

#include "tst_spritesbackend.moc"
