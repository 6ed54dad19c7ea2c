// The lifecycle event streams (server-sent events) of the console API, over real HTTP.
#include "ApiRig.h"
#include "SseClient.h"

#include <QTest>

using namespace hangar;
using namespace hangar::test;

namespace {

QJsonObject parse(const QByteArray& data) {
    return QJsonDocument::fromJson(data).object();
}

QString stateOf(const QByteArray& data) {
    return parse(data).value(QStringLiteral("state")).toString();
}

QString streamPath(const QString& id) {
    return QStringLiteral("/api/sandboxes/%1/lifecycle/events").arg(id);
}

} // namespace

class TestApiEvents : public QObject {
    Q_OBJECT
private slots:
    void currentStateFirstThenEveryTransition() {
        ApiRig rig;
        QVERIFY(rig.isValid());
        const QString id = rig.createSandbox();
        QVERIFY(!id.isEmpty());

        SseClient client(rig.net, rig.request(streamPath(id)));
        QTRY_COMPARE(client.events().size(), 1);
        QCOMPARE(client.reply()->rawHeader("Content-Type"), QByteArray("text/event-stream"));
        QCOMPARE(client.reply()->rawHeader("Cache-Control"), QByteArray("no-cache"));
        QCOMPARE(client.reply()->rawHeader("X-Accel-Buffering"), QByteArray("no"));
        const SseEvent first = client.events().first();
        QCOMPARE(first.event, QByteArray("state"));
        QCOMPARE(stateOf(first.data), QStringLiteral("active"));
        const qint64 lastSeq = rig.engine->events(id).value().constLast().seq;
        QCOMPARE(first.id.toLongLong(), lastSeq);

        HANGAR_VERIFY_OK(await(rig.engine->hibernate(id, QStringLiteral("test says so"))));
        QTRY_COMPARE(client.events().size(), 3);
        const QJsonObject hibernating = parse(client.events()[1].data);
        QCOMPARE(hibernating.value(QStringLiteral("state")).toString(),
                 QStringLiteral("hibernating"));
        QCOMPARE(hibernating.value(QStringLiteral("previous")).toString(),
                 QStringLiteral("active"));
        QCOMPARE(hibernating.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("test says so"));
        QVERIFY(!hibernating.value(QStringLiteral("at")).toString().isEmpty());
        QCOMPARE(stateOf(client.events()[2].data), QStringLiteral("hibernated"));
        QVERIFY(client.events()[2].id.toLongLong() > client.events()[1].id.toLongLong());
    }

    void reconnectReplaysFromLastEventId() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        QByteArray lastId;
        {
            SseClient client(rig.net, rig.request(streamPath(id)));
            QTRY_COMPARE(client.events().size(), 1);
            lastId = client.events().constLast().id;
        }
        // Missed while disconnected:
        HANGAR_VERIFY_OK(await(rig.engine->hibernate(id)));
        HANGAR_VERIFY_OK(await(rig.engine->resume(id)));

        SseClient again(rig.net, rig.request(streamPath(id)), lastId);
        QTRY_COMPARE(again.events().size(), 4);
        QStringList states;
        for (const SseEvent& e : again.events())
            states << stateOf(e.data);
        QCOMPARE(states, (QStringList{QStringLiteral("hibernating"), QStringLiteral("hibernated"),
                                      QStringLiteral("restoring"), QStringLiteral("active")}));
    }

    // Notes go out as "note" events (never "state"), live and on replay, with who and detail;
    // a stream opened after a note still starts with the current state, carrying the note's id.
    void notesAreSeparateEvents() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        SseClient client(rig.net, rig.request(streamPath(id)));
        QTRY_COMPARE(client.events().size(), 1);
        const QByteArray before = client.events().constLast().id;

        auto noted = rig.engine->note(id, QStringLiteral("checkpoint v2 taken"),
                                      {QStringLiteral("api"), QStringLiteral("took 3 s"), {}});
        HANGAR_VERIFY_OK(noted);
        QTRY_COMPARE(client.events().size(), 2);
        const SseEvent live = client.events()[1];
        QCOMPARE(live.event, QByteArray("note"));
        QCOMPARE(live.id.toLongLong(), noted.value().seq);
        const QJsonObject note = parse(live.data);
        QCOMPARE(note.value(QStringLiteral("kind")).toString(), QStringLiteral("note"));
        QCOMPARE(note.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("checkpoint v2 taken"));
        QCOMPARE(note.value(QStringLiteral("actor")).toString(), QStringLiteral("api"));
        QCOMPARE(note.value(QStringLiteral("detail")).toString(), QStringLiteral("took 3 s"));
        QCOMPARE(note.value(QStringLiteral("state")).toString(), QStringLiteral("active"));

        SseClient replay(rig.net, rig.request(streamPath(id)), before);
        QTRY_COMPARE(replay.events().size(), 1);
        QCOMPARE(replay.events()[0].event, QByteArray("note"));

        SseClient fresh(rig.net, rig.request(streamPath(id)));
        QTRY_COMPARE(fresh.events().size(), 1);
        QCOMPARE(fresh.events()[0].event, QByteArray("state"));
        QCOMPARE(parse(fresh.events()[0].data).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("transition"));
        QCOMPARE(parse(fresh.events()[0].data).value(QStringLiteral("previous")).toString(),
                 QStringLiteral("provisioning"));
        QCOMPARE(fresh.events()[0].id.toLongLong(), noted.value().seq);
    }

    // A client connecting triggers reconciliation; the corrected state reaches every listener.
    void connectingReconcilesForEveryone() {
        ApiRig rig;
        const QString id = rig.createSandbox(QStringLiteral("drift"));
        const QString name = rig.engine->sandbox(id).value().name;
        SseClient all(rig.net, rig.request(QStringLiteral("/api/events")));
        QTRY_COMPARE(all.events().size(), 1);

        // The provider cools the machine behind the engine's back.
        HANGAR_VERIFY_OK(await(rig.backend->hibernate(name)));
        SseClient one(rig.net, rig.request(streamPath(id)));
        QTRY_COMPARE(one.eventsOf("state").size(), 2);
        QCOMPARE(stateOf(one.events()[0].data), QStringLiteral("active"));
        const QJsonObject corrected = parse(one.events()[1].data);
        QCOMPARE(corrected.value(QStringLiteral("state")).toString(), QStringLiteral("hibernated"));
        QVERIFY(
            corrected.value(QStringLiteral("reason")).toString().contains(QStringLiteral("cold")));
        QTRY_COMPARE(all.events().size(), 2);
        QCOMPARE(stateOf(all.events()[1].data), QStringLiteral("hibernated"));
    }

    void allSandboxesStream() {
        ApiRig rig;
        const QString a = rig.createSandbox(QStringLiteral("a"));
        const QString b = rig.createSandbox(QStringLiteral("b"));
        SseClient all(rig.net, rig.request(QStringLiteral("/api/events")));
        QTRY_COMPARE(all.events().size(), 2); // a snapshot line per sandbox
        QStringList ids;
        for (const SseEvent& e : all.events())
            ids << parse(e.data).value(QStringLiteral("sandboxId")).toString();
        ids.sort();
        QStringList expected{a, b};
        expected.sort();
        QCOMPARE(ids, expected);

        const QString c = rig.createSandbox(QStringLiteral("c"));
        QTRY_VERIFY(all.eventsOf("state").size() >= 4); // c: provisioning, active
        QCOMPARE(parse(all.events().constLast().data).value(QStringLiteral("sandboxId")).toString(),
                 c);

        HANGAR_VERIFY_OK(await(rig.engine->destroy(a)));
        QTRY_COMPARE(all.eventsOf("deleted").size(), 1);
        QCOMPARE(
            parse(all.eventsOf("deleted").first()).value(QStringLiteral("sandboxId")).toString(),
            a);
    }

    void heartbeatsKeepTheStreamAlive() {
        api::ConsoleApiOptions options;
        options.sse.heartbeatMs = 30;
        ApiRig rig(options);
        const QString id = rig.createSandbox();
        SseClient client(rig.net, rig.request(streamPath(id)));
        QTRY_VERIFY(client.comments() >= 4); // "connected" plus heartbeats
        QCOMPARE(rig.api->eventListenerCount(), 1);
    }

    void listenersGoAwayWithTheirClients() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        {
            SseClient a(rig.net, rig.request(streamPath(id)));
            SseClient b(rig.net, rig.request(QStringLiteral("/api/events")));
            QTRY_COMPARE(rig.api->eventListenerCount(), 2);
        }
        QTRY_COMPARE(rig.api->eventListenerCount(), 0);
    }

    void refusals() {
        ApiRig rig;
        const ApiResponse missing = rig.call("GET", streamPath(QStringLiteral("no-such-id")));
        QCOMPARE(missing.status, 404);
        QCOMPARE(errorCode(missing), QStringLiteral("ENOENT"));

        QNetworkReply* anonymous =
            rig.net.get(rig.request(QStringLiteral("/api/events"), QString()));
        QTRY_VERIFY(anonymous->isFinished());
        QCOMPARE(anonymous->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        anonymous->deleteLater();
        QCOMPARE(rig.api->eventListenerCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiEvents)
#include "tst_apievents.moc"
