// The engine's fleet health as both executables wire it (app/Engine, app/ConsoleServer): each
// backend's machine lister finds its orphans (local: the data directory; Sprites: the
// emulator's sprites named like ours), and the console API serves that same fleet health.
#include "ConsoleServer.h"
#include "Engine.h"
#include "SpritesRig.h"
#include "lifecycle/FleetHealth.h"

#include <QJsonArray>

class TstEngineFleet : public QObject, public SpritesRig {
    Q_OBJECT
private slots:
    void initTestCase() { startEmulator(); }

    void everyBackendListsItsMachines() {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        QProcessEnvironment env;
        env.insert(env::dataDir, data.path());
        env.insert(env::spritesApiBaseUrl, m_base);
        env.insert(env::apiListen, QStringLiteral("127.0.0.1:0"));
        env.insert(env::apiToken, QStringLiteral("engine-fleet-token-0123456789"));
        auto config = Config::load(env);
        HANGAR_VERIFY_OK(config);
        EngineSecrets secrets;
        secrets.spritesToken = Token;
        auto engine = Engine::create(config.value(), nullptr, secrets);
        HANGAR_VERIFY_OK(engine);
        QVERIFY(engine.value()->spritesBackend());
        createSprite(QStringLiteral("zuko-stray-t")); // "box" is not named like ours
        HANGAR_VERIFY_OK(
            await(engine.value()->localBackend().create(QStringLiteral("zuko-lost-t"))));

        auto found = await(engine.value()->fleetHealth().scan());
        HANGAR_VERIFY_OK(found);
        QStringList orphans;
        for (const FleetHealth::Finding& f : found.value()) {
            QCOMPARE(f.kind, FleetHealth::Finding::Kind::Orphan);
            orphans << f.backend + QLatin1Char('/') + f.name;
        }
        orphans.sort();
        QCOMPARE(orphans, (QStringList{QStringLiteral("local/zuko-lost-t"),
                                       QStringLiteral("sprites/zuko-stray-t")}));

        // The API serves the engine's fleet health (its own would have no listers: no orphans).
        auto server = ConsoleServer::start(*engine.value(), env);
        HANGAR_VERIFY_OK(server);
        QNetworkRequest request(QUrl(server.value()->url() + QStringLiteral("api/fleet/health")));
        request.setRawHeader("Authorization", "Bearer engine-fleet-token-0123456789");
        QNetworkReply* reply = m_network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20'000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonArray findings = QJsonDocument::fromJson(reply->readAll())
                                        .object()[QStringLiteral("findings")]
                                        .toArray();
        QCOMPARE(findings.size(), 2);
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TstEngineFleet)
#include "tst_enginefleet.moc"
