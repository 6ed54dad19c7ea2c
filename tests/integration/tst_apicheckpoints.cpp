// Checkpoints and network policy through the console API (and so through SandboxAdmin) on the
// local backend: a round trip with file contents checked, the safety checkpoint, the notes in
// the timeline, and the refusals.
#include "ApiRig.h"
#include "tools/SandboxTools.h"

#include <QJsonArray>
#include <QTest>

using namespace hangar;
using namespace hangar::test;

namespace {

QByteArray json(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString checkpointsPath(const QString& id) {
    return QStringLiteral("/api/sandboxes/%1/checkpoints").arg(id);
}

} // namespace

class TestApiCheckpoints : public QObject {
    Q_OBJECT
private slots:
    void checkpointRoundTripWithSafetyCheckpoint() {
        ApiRig rig;
        QVERIFY(rig.isValid());
        const QString id = rig.createSandbox();
        QVERIFY(!id.isEmpty());
        const QString file = QStringLiteral("notes.txt");
        HANGAR_VERIFY_OK(await(rig.tools->writeFile(id, file, "first $(version)\n")));

        auto taken = rig.call("POST", checkpointsPath(id),
                              json({{QStringLiteral("comment"), QStringLiteral("v1; rm -rf /")}}));
        QCOMPARE(taken.status, 201);
        const QString first = taken.json.value(QStringLiteral("id")).toString();
        QVERIFY(!first.isEmpty());
        QCOMPARE(taken.json.value(QStringLiteral("comment")).toString(),
                 QStringLiteral("v1; rm -rf /"));

        HANGAR_VERIFY_OK(await(rig.tools->writeFile(id, file, "second\n")));
        auto restored = rig.call(
            "POST", checkpointsPath(id) + QStringLiteral("/%1/restore").arg(first), QByteArray());
        QCOMPARE(restored.status, 200);
        QCOMPARE(restored.json.value(QStringLiteral("restored")).toString(), first);
        const QString safety = restored.json.value(QStringLiteral("safetyCheckpoint")).toString();
        QVERIFY(!safety.isEmpty());
        QCOMPARE(await(rig.tools->readFile(id, file)).value(), QByteArray("first $(version)\n"));

        // The safety checkpoint undoes the restore.
        auto undone =
            rig.call("POST", checkpointsPath(id) + QStringLiteral("/%1/restore").arg(safety),
                     json({{QStringLiteral("safetyCheckpoint"), false}}));
        QCOMPARE(undone.status, 200);
        QVERIFY(!undone.json.contains(QStringLiteral("safetyCheckpoint")));
        QCOMPARE(await(rig.tools->readFile(id, file)).value(), QByteArray("second\n"));

        auto listed = rig.call("GET", checkpointsPath(id));
        QCOMPARE(listed.status, 200);
        QStringList ids;
        for (const QJsonValue& c : listed.json.value(QStringLiteral("checkpoints")).toArray())
            ids << c.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(ids.contains(first) && ids.contains(safety));

        QCOMPARE(rig.call("DELETE", checkpointsPath(id) + QLatin1Char('/') + first).status, 204);
        QCOMPARE(rig.call("DELETE", checkpointsPath(id) + QLatin1Char('/') + first).status, 404);

        // Every operation is a note by "api" in the timeline, the failed delete with its error.
        QStringList notes;
        QString lastError;
        for (const LifecycleEvent& e : rig.engine->events(id).value()) {
            if (!e.isNote())
                continue;
            QCOMPARE(e.actor, QStringLiteral("api"));
            notes << e.reason;
            lastError = e.error;
        }
        QCOMPARE(notes,
                 (QStringList{QStringLiteral("checkpoint %1 taken: v1; rm -rf /").arg(first),
                              QStringLiteral("restored checkpoint %1 (safety checkpoint %2 taken "
                                             "first)")
                                  .arg(first, safety),
                              QStringLiteral("restored checkpoint %1").arg(safety),
                              QStringLiteral("deleted checkpoint %1").arg(first),
                              QStringLiteral("deleting checkpoint %1 failed").arg(first)}));
        QVERIFY(!lastError.isEmpty());
    }

    void checkpointRefusals() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        QCOMPARE(rig.call("POST", checkpointsPath(id) + QStringLiteral("/v999/restore")).status,
                 404);
        QCOMPARE(rig.call("POST", checkpointsPath(id), "{not json").status, 400);
        QCOMPARE(
            rig.call("POST", checkpointsPath(id), json({{QStringLiteral("comment"), 7}})).status,
            400);
        QCOMPARE(rig.call("POST", checkpointsPath(id) + QStringLiteral("/v1/restore"),
                          json({{QStringLiteral("safetyCheckpoint"), QStringLiteral("no")}}))
                     .status,
                 400);
        QCOMPARE(rig.call("GET", checkpointsPath(QStringLiteral("no-such-sandbox"))).status, 404);
    }

    void networkPolicyAppliesReadsBackAndRefusesBadRules() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        const QString path = QStringLiteral("/api/sandboxes/%1/network-policy").arg(id);
        const QJsonObject denyAll{
            {QStringLiteral("rules"),
             QJsonArray{QJsonObject{{QStringLiteral("domain"), QStringLiteral("*")},
                                    {QStringLiteral("action"), QStringLiteral("deny")}}}}};
        auto set = rig.call("PUT", path, json(denyAll));
        QCOMPARE(set.status, 200);
        QCOMPARE(set.json, denyAll);
        QCOMPARE(rig.call("GET", path).json, denyAll);

        // Malformed: refused, and the policy stays.
        QCOMPARE(rig.call("PUT", path, json({{QStringLiteral("rules"), 3}})).status, 400);
        QCOMPARE(rig.call("PUT", path, json({{QStringLiteral("rules"), QJsonArray{7}}})).status,
                 400);
        const QJsonObject badDomain{
            {QStringLiteral("rules"),
             QJsonArray{QJsonObject{{QStringLiteral("domain"), QStringLiteral("a b;c")},
                                    {QStringLiteral("action"), QStringLiteral("allow")}}}}};
        const int refused = rig.call("PUT", path, json(badDomain)).status;
        QVERIFY2(refused == 400 || refused == 422, qPrintable(QString::number(refused)));
        QCOMPARE(rig.call("GET", path).json, denyAll);

        const auto events = rig.engine->events(id).value();
        const auto note = std::find_if(events.cbegin(), events.cend(),
                                       [](const LifecycleEvent& e) { return e.isNote(); });
        QVERIFY(note != events.cend());
        QCOMPARE(note->reason, QStringLiteral("network policy changed"));
        QCOMPARE(note->detail, QStringLiteral("deny *"));
        QVERIFY(note->error.isEmpty());
        // Refused before anything was asked of the backend: nothing to note.
        QCOMPARE(std::count_if(events.cbegin(), events.cend(),
                               [](const LifecycleEvent& e) { return e.isNote(); }),
                 1);
    }
};

QTEST_MAIN(TestApiCheckpoints)
#include "tst_apicheckpoints.moc"
