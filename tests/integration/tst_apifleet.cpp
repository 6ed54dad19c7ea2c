// GET /api/fleet/health and POST /api/fleet/health/fix over real HTTP, on a real engine with
// the local backend: ghosts made by deleting a sandbox's directory behind the engine's back,
// orphans by creating machines the store does not know.
#include "ApiRig.h"
#include "lifecycle/FleetHealth.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace hangar;

using test::ApiResponse;

class TestApiFleet : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ApiRig> m_rig;

    QString sandboxesDir() const {
        return m_rig->backend->options().dataDir + QStringLiteral("/sandboxes/");
    }
    QString nameOf(const QString& id) const { return m_rig->engine->sandbox(id).value().name; }
    // The findings of GET /api/fleet/health by name.
    QHash<QString, QJsonObject> findings() {
        const ApiResponse r = m_rig->call("GET", QStringLiteral("/api/fleet/health"));
        QHash<QString, QJsonObject> byName;
        if (r.status != 200)
            return byName;
        for (const QJsonValue& v : r.json.value(QStringLiteral("findings")).toArray())
            byName.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
        return byName;
    }
    ApiResponse fix(const QString& kind, const QString& name, const QString& fixName,
                    const QString& backend = QStringLiteral("local")) {
        const QJsonObject body{{QStringLiteral("kind"), kind},
                               {QStringLiteral("name"), name},
                               {QStringLiteral("backend"), backend},
                               {QStringLiteral("fix"), fixName}};
        return m_rig->call("POST", QStringLiteral("/api/fleet/health/fix"),
                           QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private slots:
    void init() {
        m_rig = std::make_unique<test::ApiRig>();
        QVERIFY(m_rig->isValid());
        LocalBackend* local = m_rig->backend.get();
        m_rig->api->fleetHealth().setMachineLister(local->kind(),
                                                   [local] { return local->machines(); });
    }

    void cleanup() { m_rig.reset(); }

    void needsTheToken() {
        QCOMPARE(m_rig->call("GET", QStringLiteral("/api/fleet/health"), {}, QString()).status,
                 401);
        QCOMPARE(
            m_rig->call("POST", QStringLiteral("/api/fleet/health/fix"), "{}", QString()).status,
            401);
    }

    void aHealthyFleetHasNoFindings() {
        QVERIFY(!m_rig->createSandbox().isEmpty());
        const ApiResponse r = m_rig->call("GET", QStringLiteral("/api/fleet/health"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value(QStringLiteral("findings")).isArray());
        QCOMPARE(r.json.value(QStringLiteral("findings")).toArray().size(), 0);
        QCOMPARE(r.json.value(QStringLiteral("degraded")).toArray().size(), 0);
    }

    void ghostsAndOrphansAreReportedAndFixed() {
        const QString ghostId = m_rig->createSandbox(QStringLiteral("gone"));
        const QString keptId = m_rig->createSandbox(QStringLiteral("kept"));
        QVERIFY(!ghostId.isEmpty() && !keptId.isEmpty());
        const QString ghost = nameOf(ghostId);
        QVERIFY(QDir(sandboxesDir() + ghost).removeRecursively());
        HANGAR_VERIFY_OK(test::await(m_rig->backend->create(QStringLiteral("zuko-stray-t"))));
        HANGAR_VERIFY_OK(test::await(m_rig->backend->create(QStringLiteral("zuko-spare-t"))));
        HANGAR_VERIFY_OK(test::await(m_rig->backend->create(QStringLiteral("other-machine"))));

        auto found = findings();
        QCOMPARE(found.size(), 3);
        const QJsonObject g = found.value(ghost);
        QCOMPARE(g.value(QStringLiteral("kind")).toString(), QStringLiteral("ghost"));
        QCOMPARE(g.value(QStringLiteral("sandboxId")).toString(), ghostId);
        QCOMPARE(g.value(QStringLiteral("recorded")).toString(), QStringLiteral("active"));
        QCOMPARE(g.value(QStringLiteral("provider")).toString(), QStringLiteral("missing"));
        QCOMPARE(g.value(QStringLiteral("fixes")).toArray(), QJsonArray{QStringLiteral("forget")});
        const QJsonObject o = found.value(QStringLiteral("zuko-stray-t"));
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("orphan"));
        QCOMPARE(o.value(QStringLiteral("backend")).toString(), QStringLiteral("local"));
        QVERIFY(!o.contains(QStringLiteral("sandboxId")));
        QCOMPARE(o.value(QStringLiteral("fixes")).toArray(),
                 (QJsonArray{QStringLiteral("adopt"), QStringLiteral("destroy")}));

        QCOMPARE(fix(QStringLiteral("ghost"), ghost, QStringLiteral("forget")).status, 204);
        QVERIFY(!m_rig->engine->sandbox(ghostId));
        QCOMPARE(
            fix(QStringLiteral("orphan"), QStringLiteral("zuko-stray-t"), QStringLiteral("adopt"))
                .status,
            204);
        QCOMPARE(
            fix(QStringLiteral("orphan"), QStringLiteral("zuko-spare-t"), QStringLiteral("destroy"))
                .status,
            204);
        QVERIFY(!QFileInfo::exists(sandboxesDir() + QStringLiteral("zuko-spare-t")));

        const ApiResponse list = m_rig->call("GET", QStringLiteral("/api/sandboxes"));
        QStringList names;
        for (const QJsonValue& v : list.json.value(QStringLiteral("sandboxes")).toArray())
            names << v.toObject().value(QStringLiteral("name")).toString();
        names.sort();
        QCOMPARE(names, (QStringList{nameOf(keptId), QStringLiteral("zuko-stray-t")}));
        QCOMPARE(findings().size(), 0);
    }

    void badFixRequestsAreRefused_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addRow("not json") << QByteArray("{") << 400 << QStringLiteral("EINVAL");
        QTest::addRow("no fix") << QByteArray(R"({"kind":"ghost","name":"n","backend":"local"})")
                                << 400 << QStringLiteral("EINVAL");
        QTest::addRow("number name")
            << QByteArray(R"({"kind":"ghost","name":5,"backend":"local","fix":"forget"})") << 400
            << QStringLiteral("EINVAL");
        QTest::addRow("unknown kind")
            << QByteArray(R"({"kind":"zombie","name":"n","backend":"local","fix":"forget"})") << 422
            << QStringLiteral("EINVAL");
        QTest::addRow("unknown fix")
            << QByteArray(R"({"kind":"ghost","name":"n","backend":"local","fix":"burn"})") << 422
            << QStringLiteral("EINVAL");
        QTest::addRow("unknown backend")
            << QByteArray(R"({"kind":"ghost","name":"n","backend":"moon","fix":"forget"})") << 422
            << QStringLiteral("EINVAL");
        QTest::addRow("no such sandbox")
            << QByteArray(R"({"kind":"ghost","name":"zuko-x-t","backend":"local","fix":"forget"})")
            << 404 << QStringLiteral("ENOENT");
        QTest::addRow("orphan not ours")
            << QByteArray(R"({"kind":"orphan","name":"theirs","backend":"local","fix":"destroy"})")
            << 422 << QStringLiteral("EINVAL");
        QTest::addRow("orphan known")
            << QByteArray(
                   R"({"kind":"orphan","name":"zuko-c-t","backend":"local","fix":"destroy"})")
            << 409 << QStringLiteral("conflict");
        QTest::addRow("fix for another kind")
            << QByteArray(R"({"kind":"ghost","name":"zuko-c-t","backend":"local","fix":"adopt"})")
            << 422 << QStringLiteral("EINVAL");
    }

    void badFixRequestsAreRefused() {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QString id = m_rig->createSandbox(); // zuko-c-t
        QCOMPARE(nameOf(id), QStringLiteral("zuko-c-t"));
        const ApiResponse r = m_rig->call("POST", QStringLiteral("/api/fleet/health/fix"), body);
        QCOMPARE(r.status, status);
        QCOMPARE(test::errorCode(r), code);
        // Nothing was touched.
        QCOMPARE(m_rig->engine->sandbox(id).value().state, SandboxState::Active);
        QVERIFY(QFileInfo::exists(sandboxesDir() + QStringLiteral("zuko-c-t/root")));
    }

    // The probe's marks are listed until the sandbox answers again.
    void degradedSandboxesAreListed() {
        const QString id = m_rig->createSandbox();
        QVERIFY(!id.isEmpty());
        // The probe writes .hangar-probe in the working directory; a directory there makes the
        // write fail whoever runs the test (root included), while the sandbox stays up.
        const QString blocker =
            m_rig->backend->hostRoot(nameOf(id)) + QStringLiteral("/.hangar-probe");
        QVERIFY(QDir().mkpath(blocker));
        FleetHealth& fleet = m_rig->api->fleetHealth();
        HANGAR_VERIFY_OK(test::await(fleet.probeNow()));
        ApiResponse r = m_rig->call("GET", QStringLiteral("/api/fleet/health"));
        QCOMPARE(r.status, 200);
        const QJsonArray degraded = r.json.value(QStringLiteral("degraded")).toArray();
        QCOMPARE(degraded.size(), 1);
        QCOMPARE(degraded.at(0)[QStringLiteral("sandboxId")].toString(), id);
        QVERIFY(degraded.at(0)[QStringLiteral("reason")].toString().startsWith(
            QStringLiteral("does not answer")));

        QVERIFY(QDir(blocker).removeRecursively());
        HANGAR_VERIFY_OK(test::await(fleet.probeNow()));
        r = m_rig->call("GET", QStringLiteral("/api/fleet/health"));
        QCOMPARE(r.json.value(QStringLiteral("degraded")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiFleet)
#include "tst_apifleet.moc"
