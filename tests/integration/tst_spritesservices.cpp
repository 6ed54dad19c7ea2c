// SpritesClient against the Sprites emulator: services running real processes (create, logs
// read live, stop, start, restart, signal, delete), and the faults a client must survive on
// them (429 retried only for idempotent calls, 500, a socket dropped mid log stream).
#include "SpritesRig.h"

using hangar::sprites::ServiceEvent;
using hangar::sprites::ServiceRequest;

namespace {

QStringList typesOf(const QList<ServiceEvent>& events) {
    QStringList types;
    for (const ServiceEvent& event : events)
        types.append(event.type);
    return types;
}

QString stdoutOf(const QList<ServiceEvent>& events) {
    QString out;
    for (const ServiceEvent& event : events) {
        if (event.type == QLatin1String("stdout"))
            out += event.data;
    }
    return out;
}

ServiceRequest shell(const QString& script) {
    ServiceRequest request;
    request.cmd = QStringLiteral("sh");
    request.args = {QStringLiteral("-c"), script};
    return request;
}

} // namespace

class SpritesServicesTest : public QObject, protected SpritesRig {
    Q_OBJECT

private slots:
    void initTestCase() { startEmulator(); }
    void init() { m_api->faults().clear(); }

    void createReportsTheFirstWindow() {
        QList<ServiceEvent> seen;
        auto created = await(m_client->putService(
            QStringLiteral("box"), QStringLiteral("hello"),
            shell(QStringLiteral("echo hello; echo oops >&2; exec sleep 300")),
            QStringLiteral("1s"), [&seen](const ServiceEvent& e) { seen << e; }));
        HANGAR_VERIFY_OK(created);
        const QStringList types = typesOf(created.value());
        QCOMPARE(types.first(), QStringLiteral("started"));
        QCOMPARE(types.last(), QStringLiteral("complete"));
        QVERIFY2(!types.contains(QStringLiteral("exit")), qPrintable(types.join(u',')));
        QCOMPARE(stdoutOf(created.value()), QStringLiteral("hello\n"));
        QVERIFY(types.contains(QStringLiteral("stderr")));
        QCOMPARE(seen.size(), created.value().size()); // every event also went to the handler
        QVERIFY(created.value().first().timestampMs > 1'600'000'000'000);

        auto service = await(m_client->getService(QStringLiteral("box"), QStringLiteral("hello")));
        HANGAR_VERIFY_OK(service);
        QCOMPARE(service.value().cmd, QStringLiteral("sh"));
        QVERIFY(service.value().state.has_value());
        QCOMPARE(service.value().state->status, QStringLiteral("running"));
        QVERIFY(service.value().state->startedAt.isValid());
        QVERIFY(service.value().state->pid.value_or(0) > 0); // the supervised process's
        QCOMPARE(service.value().needs, QStringList{});

        auto listed = await(m_client->listServices(QStringLiteral("box")));
        HANGAR_VERIFY_OK(listed);
        QVERIFY(std::any_of(listed.value().cbegin(), listed.value().cend(),
                            [](const auto& s) { return s.name == QLatin1String("hello"); }));

        // The log keeps what the service wrote: lines, from the end.
        auto tail = await(m_client->serviceLogs(QStringLiteral("box"), QStringLiteral("hello"), 1));
        HANGAR_VERIFY_OK(tail);
        QCOMPARE(typesOf(tail.value()).last(), QStringLiteral("complete"));
        QCOMPARE(tail.value().size(), 2);

        HANGAR_VERIFY_OK(
            await(m_client->stopService(QStringLiteral("box"), QStringLiteral("hello"))));
        HANGAR_VERIFY_OK(
            await(m_client->deleteService(QStringLiteral("box"), QStringLiteral("hello"))));
        auto gone = await(m_client->getService(QStringLiteral("box"), QStringLiteral("hello")));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void logsAreDeliveredLive() {
        const QString box = QStringLiteral("box");
        const QString svc = QStringLiteral("ticker");
        HANGAR_VERIFY_OK(await(m_client->putService(
            box, svc,
            shell(QStringLiteral("i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done")),
            QStringLiteral("0.3s"))));
        QStringList live;
        auto follow = m_client->serviceLogs(box, svc, 0, QStringLiteral("4s"),
                                            [&live](const ServiceEvent& e) {
                                                if (e.type == QLatin1String("stdout"))
                                                    live << e.data;
                                            });
        // Two new lines arrive while the stream is still open: delivered as they are written.
        QTRY_VERIFY_WITH_TIMEOUT(live.size() >= 2, 5000);
        QVERIFY(!follow.isFinished());
        QVERIFY2(live.first().startsWith(QLatin1String("tick ")), qPrintable(live.first()));
        auto all = await(follow);
        HANGAR_VERIFY_OK(all);
        QCOMPARE(typesOf(all.value()).last(), QStringLiteral("complete"));

        // lines=2: exactly the last two lines, then complete.
        auto two = await(m_client->serviceLogs(box, svc, 2));
        HANGAR_VERIFY_OK(two);
        QCOMPARE(typesOf(two.value()),
                 (QStringList{QStringLiteral("stdout"), QStringLiteral("stdout"),
                              QStringLiteral("complete")}));
        HANGAR_VERIFY_OK(await(m_client->stopService(box, svc)));
    }

    void stopStartRestartSignal() {
        const QString box = QStringLiteral("box");
        const QString svc = QStringLiteral("cycle");
        HANGAR_VERIFY_OK(await(
            m_client->putService(box, svc, shell(QStringLiteral("echo up $$; exec sleep 300")),
                                 QStringLiteral("0.5s"))));

        auto stopped = await(m_client->stopService(box, svc, QStringLiteral("5s")));
        HANGAR_VERIFY_OK(stopped);
        QStringList types = typesOf(stopped.value());
        QCOMPARE(types.first(), QStringLiteral("stopping"));
        QVERIFY(types.contains(QStringLiteral("stopped")));
        QCOMPARE(types.last(), QStringLiteral("complete"));
        QCOMPARE(await(m_client->getService(box, svc)).value().state->status,
                 QStringLiteral("stopped"));
        auto again = await(m_client->stopService(box, svc));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QLatin1String("409")),
                 qPrintable(again.error().message));

        auto started = await(m_client->startService(box, svc, QStringLiteral("0.5s")));
        HANGAR_VERIFY_OK(started);
        QCOMPARE(typesOf(started.value()).first(), QStringLiteral("started"));
        QVERIFY(stdoutOf(started.value()).startsWith(QLatin1String("up ")));

        // Restart of a running service: the stop, then the start, in one stream.
        auto restarted = await(m_client->restartService(box, svc, QStringLiteral("0.5s")));
        HANGAR_VERIFY_OK(restarted);
        types = typesOf(restarted.value());
        const qsizetype stopping = types.indexOf(QStringLiteral("stopping"));
        const qsizetype stoppedAt = types.indexOf(QStringLiteral("stopped"));
        const qsizetype startedAt = types.indexOf(QStringLiteral("started"));
        QVERIFY2(stopping >= 0 && stopping < stoppedAt && stoppedAt < startedAt,
                 qPrintable(types.join(u',')));
        QCOMPARE(types.last(), QStringLiteral("complete"));
        auto state = await(m_client->getService(box, svc));
        HANGAR_VERIFY_OK(state);
        QCOMPARE(state.value().state->status, QStringLiteral("running"));
        QCOMPARE(state.value().state->restartCount, 1);

        // A signal ends it; the service then reads as stopped.
        HANGAR_VERIFY_OK(await(m_client->signalService(box, svc, QStringLiteral("SIGTERM"))));
        QTRY_COMPARE_WITH_TIMEOUT(await(m_client->getService(box, svc)).value().state->status,
                                  QStringLiteral("stopped"), 10'000);
        auto bad = await(m_client->signalService(box, svc, QStringLiteral("BOGUS")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QLatin1String("400")));

        // Restart of a stopped service: just the start.
        auto cold = await(m_client->restartService(box, svc, QStringLiteral("0.3s")));
        HANGAR_VERIFY_OK(cold);
        QCOMPARE(typesOf(cold.value()).first(), QStringLiteral("started"));
        HANGAR_VERIFY_OK(await(m_client->stopService(box, svc)));
        HANGAR_VERIFY_OK(await(m_client->deleteService(box, svc)));
        auto unknown = await(m_client->restartService(box, QStringLiteral("nothing")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void failingCommandReportsExit() {
        auto run = await(m_client->putService(QStringLiteral("box"), QStringLiteral("fails"),
                                              shell(QStringLiteral("echo bye; exit 7")),
                                              QStringLiteral("2s")));
        HANGAR_VERIFY_OK(run);
        const auto exit = std::find_if(run.value().cbegin(), run.value().cend(), [](const auto& e) {
            return e.type == QLatin1String("exit");
        });
        QVERIFY(exit != run.value().cend());
        QCOMPARE(exit->exitCode, std::optional<int>(7));
        // The supervisor starts a crashed service again, and says why.
        QTRY_VERIFY_WITH_TIMEOUT(
            await(m_client->getService(QStringLiteral("box"), QStringLiteral("fails")))
                    .value()
                    .state->restartCount >= 1,
            10'000);
        auto state = await(m_client->getService(QStringLiteral("box"), QStringLiteral("fails")));
        HANGAR_VERIFY_OK(state);
        QVERIFY2(state.value().state->error.startsWith(QLatin1String("exited with code 7")),
                 qPrintable(state.value().state->error));
        // Each run wrote its line to the one log.
        QTRY_VERIFY_WITH_TIMEOUT(
            stdoutOf(await(m_client->serviceLogs(QStringLiteral("box"), QStringLiteral("fails")))
                         .value())
                .startsWith(QLatin1String("bye\nbye\n")),
            10'000);
        // While it runs or waits to run again it cannot be deleted; stopped, it can. (After
        // five restarts it would give up by itself, as failed.)
        const QString status =
            await(m_client->getService(QStringLiteral("box"), QStringLiteral("fails")))
                .value()
                .state->status;
        if (status != QLatin1String("failed")) {
            auto refused =
                await(m_client->deleteService(QStringLiteral("box"), QStringLiteral("fails")));
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.contains(QLatin1String("409")),
                     qPrintable(refused.error().message));
            auto stopped =
                await(m_client->stopService(QStringLiteral("box"), QStringLiteral("fails")));
            HANGAR_VERIFY_OK(stopped);
            QVERIFY(typesOf(stopped.value()).contains(QStringLiteral("stopped")));
        }
        HANGAR_VERIFY_OK(
            await(m_client->deleteService(QStringLiteral("box"), QStringLiteral("fails"))));
    }

    // --- faults ---------------------------------------------------------------------------

    void rateLimitIsRetriedOnlyWhenIdempotent() {
        const QString list = QStringLiteral("/v1/sprites/box/services");
        m_api->faults().respond(QStringLiteral("GET"), list, 429, 1);
        auto listed = await(m_client->listServices(QStringLiteral("box")));
        HANGAR_VERIFY_OK(listed);
        QCOMPARE(m_api->faults().requestCount(QStringLiteral("GET"), list), 2);

        HANGAR_VERIFY_OK(await(m_client->putService(QStringLiteral("box"), QStringLiteral("rl"),
                                                    shell(QStringLiteral("exec sleep 300")),
                                                    QStringLiteral("0.2s"))));
        HANGAR_VERIFY_OK(await(m_client->stopService(QStringLiteral("box"), QStringLiteral("rl"))));
        const QString start = QStringLiteral("/v1/sprites/box/services/rl/start");
        m_api->faults().respond(QStringLiteral("POST"), start, 429, 1);
        auto refused = await(m_client->startService(QStringLiteral("box"), QStringLiteral("rl")));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("429")),
                 qPrintable(refused.error().message));
        QCOMPARE(m_api->faults().requestCount(QStringLiteral("POST"), start), 1);

        m_api->faults().respond(QStringLiteral("GET"), QStringLiteral(".*/services/rl"), 500);
        auto broken = await(m_client->getService(QStringLiteral("box"), QStringLiteral("rl")));
        QVERIFY(!broken.ok());
        QCOMPARE(m_api->faults().requestCount(QStringLiteral("GET"),
                                              QStringLiteral("/v1/sprites/box/services/rl")),
                 1);
        HANGAR_VERIFY_OK(
            await(m_client->deleteService(QStringLiteral("box"), QStringLiteral("rl"))));
    }

    void droppedLogStreamIsACleanError() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->putService(
            box, QStringLiteral("chatty"), shell(QStringLiteral("seq 1 50; exec sleep 300")),
            QStringLiteral("0.5s"))));
        m_api->faults().drop(QStringLiteral("GET"), QStringLiteral(".*/services/chatty/logs"));
        int delivered = 0;
        auto logs = await(m_client->serviceLogs(box, QStringLiteral("chatty"), std::nullopt,
                                                QStringLiteral("10s"),
                                                [&delivered](const ServiceEvent&) { ++delivered; }),
                          15'000);
        QVERIFY(!logs.ok());
        QCOMPARE(logs.error().code, ErrorCode::Unavailable);
        QVERIFY2(logs.error().message.contains(QLatin1String("cut short")),
                 qPrintable(logs.error().message));
        QVERIFY(delivered <= 1); // the line before the drop, nothing made up
        HANGAR_VERIFY_OK(await(m_client->stopService(box, QStringLiteral("chatty"))));
        HANGAR_VERIFY_OK(await(m_client->deleteService(box, QStringLiteral("chatty"))));
    }

    void badNamesNeverReachTheServer() {
        auto bad = await(m_client->getService(QStringLiteral("box"), QStringLiteral("a/b;rm")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        auto reserved =
            await(m_client->startService(QStringLiteral("box"), QStringLiteral("signal")));
        QCOMPARE(reserved.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(SpritesServicesTest)
#include "tst_spritesservices.moc"
