// A stalled event-stream client is dropped once too much piles up for it, and the others keep
// getting every event on time meanwhile.
#include "ApiRig.h"
#include "SseClient.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

using namespace hangar;
using namespace hangar::test;

namespace {

// Small enough that the test needs only a few megabytes, big enough that a reader that keeps
// up never comes near it (a transition sends one event with a reason of kReasonBytes).
constexpr qint64 kMaxPendingBytes = 512 * 1024;
constexpr int kReasonBytes = 64 * 1024;
// The kernel buffers a few MiB on loopback before anything stays in the server's socket; far
// more transitions than this would mean the limit is not enforced.
constexpr int kMaxSteps = 600;

// The bytes of an event stream that carried `events`, as SseStream writes them.
QByteArray streamOf(const QList<SseEvent>& events, qsizetype count) {
    QByteArray out = ": connected\n\n";
    for (qsizetype i = 0; i < count; ++i) {
        const SseEvent& e = events.at(i);
        out += "id: " + e.id + "\nevent: " + e.event + "\ndata: " + e.data + "\n\n";
    }
    return out;
}

} // namespace

class TestApiSlowClient : public QObject {
    Q_OBJECT
private slots:
    // The engine logs every transition with its reason, and these reasons are long.
    void initTestCase() {
        QLoggingCategory::setFilterRules(QStringLiteral("hangar.lifecycle.info=false"));
    }

    void stalledClientIsDroppedWithoutHoldingOthersUp() {
        api::ConsoleApiOptions options;
        options.sse.maxPendingBytes = kMaxPendingBytes;
        options.sse.heartbeatMs = 3'600'000; // every byte on the streams is an event
        ApiRig rig(options);
        QVERIFY(rig.isValid());
        const QString id = rig.createSandbox();
        QVERIFY(!id.isEmpty());

        // The stalled client asks for the stream, then never reads: Qt takes one byte off the
        // socket and stops, so once the kernel's buffers are full, what the server sends backs
        // up in the server's socket.
        QTcpSocket stalled;
        stalled.setReadBufferSize(1);
        const QUrl url(rig.base);
        stalled.connectToHost(url.host(), static_cast<quint16>(url.port()));
        QVERIFY(stalled.waitForConnected(10'000));
        stalled.write("GET /api/events HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
                      "\r\nAuthorization: Bearer " + kApiToken.toLatin1() +
                      "\r\nAccept: text/event-stream\r\n\r\n");
        QSignalSpy stalledGone(&stalled, &QTcpSocket::disconnected);
        QTRY_COMPARE(rig.api->eventListenerCount(), 1);

        SseClient good(rig.net, rig.request(QStringLiteral("/api/events")));
        QTRY_COMPARE(good.events().size(), 1); // the current state
        QCOMPARE(rig.api->eventListenerCount(), 2);

        // Transitions with long reasons, until the server gives up on the stalled client. Each
        // reaches the good client within QTRY's 5 s, however far behind the other one is.
        const QString reason(kReasonBytes, QLatin1Char('r'));
        int steps = 0;
        qsizetype eventsBeforeLastStep = 0;
        while (rig.api->eventListenerCount() == 2 && steps < kMaxSteps) {
            eventsBeforeLastStep = good.events().size();
            // active -> hibernating -> hibernated, or hibernated -> restoring -> active
            HANGAR_VERIFY_OK(await(steps % 2 == 0 ? rig.engine->hibernate(id, reason)
                                                  : rig.engine->resume(id, reason)));
            QTRY_COMPARE(good.events().size(), eventsBeforeLastStep + 2);
            // A dropped stream deletes itself later: let it, so the count is current.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            ++steps;
        }
        QVERIFY2(steps < kMaxSteps, "the stalled client was never disconnected");
        QVERIFY(steps > 2); // it fell behind first; it was not refused outright
        QCOMPARE(rig.api->eventListenerCount(), 1);
        const qsizetype eventsSent = good.events().size();

        // The server closed the connection: once the client reads again it gets what reached
        // its kernel before the cut, then the end of the connection.
        QByteArray received;
        connect(&stalled, &QTcpSocket::readyRead, this,
                [&received, &stalled] { received += stalled.readAll(); });
        stalled.setReadBufferSize(0);
        received += stalled.readAll();
        QTRY_COMPARE_WITH_TIMEOUT(stalledGone.size(), 1, 10'000);
        QCOMPARE(stalled.state(), QAbstractSocket::UnconnectedState);
        QVERIFY2(received.startsWith("HTTP/1.1 200"), received.left(200).constData());
        QVERIFY(received.contains("text/event-stream"));
        const QByteArray body = received.mid(received.indexOf("\r\n\r\n") + 4);

        // What the stalled client got is the start of the same stream, intact. The server cut
        // it exactly when the backlog would pass the limit: not during the step before (the
        // backlog then was at most the limit), and not later.
        const QByteArray sent = streamOf(good.events(), eventsSent);
        QVERIFY(sent.startsWith(body));
        QVERIFY(body.size() < sent.size());
        const qsizetype backlogBefore =
            streamOf(good.events(), eventsBeforeLastStep).size() - body.size();
        QVERIFY2(backlogBefore <= kMaxPendingBytes, QByteArray::number(backlogBefore).constData());
        QVERIFY2(sent.size() - body.size() > kMaxPendingBytes,
                 QByteArray::number(sent.size() - body.size()).constData());

        // The good client is still connected, and it got every transition the store recorded,
        // once each and in order.
        QCOMPARE(good.reply()->error(), QNetworkReply::NoError);
        HANGAR_VERIFY_OK(
            await(steps % 2 == 0 ? rig.engine->hibernate(id) : rig.engine->resume(id)));
        QTRY_COMPARE(good.events().size(), eventsSent + 2);
        const auto history = rig.engine->events(id);
        HANGAR_VERIFY_OK(history);
        QList<QByteArray> storedIds;
        for (const LifecycleEvent& e : history.value())
            storedIds << QByteArray::number(e.seq);
        QList<QByteArray> streamedIds;
        for (const SseEvent& e : good.events())
            streamedIds << e.id;
        // The first streamed event is the state when the client connected (the provisioning's
        // last event); all the rest are the transitions, as recorded.
        QVERIFY(storedIds.size() >= streamedIds.size());
        QCOMPARE(streamedIds, storedIds.mid(storedIds.size() - streamedIds.size()));
        QVERIFY(good.events().at(1).data.contains(reason.toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestApiSlowClient)
#include "tst_apislowclient.moc"
