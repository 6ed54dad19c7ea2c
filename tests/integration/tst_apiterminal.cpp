// Terminal sessions over the console API: SSE output, input and resize, and a WebSocket,
// sharing one real shell in a local sandbox.
#include "ApiRig.h"
#include "SseClient.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace hangar;
using namespace hangar::test;

namespace {

QString outputText(const SseClient& client) {
    QString text;
    for (const QByteArray& data : client.eventsOf("output"))
        text += QJsonDocument::fromJson(data).object().value(QStringLiteral("data")).toString();
    return text;
}

} // namespace

class TestApiTerminal : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ApiRig> m_rig;
    QString m_id;

    QString path(const QString& what, const QString& session = {}) const {
        QString p = QStringLiteral("/api/sandboxes/%1/terminal/%2").arg(m_id, what);
        if (!session.isEmpty())
            p += QStringLiteral("?session=") + session;
        return p;
    }

private slots:
    void init() {
        m_rig = std::make_unique<ApiRig>();
        QVERIFY(m_rig->isValid());
        m_id = m_rig->createSandbox();
        QVERIFY(!m_id.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void streamInputAndResize() {
        SseClient stream(m_rig->net, m_rig->request(path(QStringLiteral("stream"))));
        QTRY_VERIFY(stream.comments() >= 1); // connected
        QCOMPARE(m_rig->call("POST", path(QStringLiteral("input")), "echo hello-$((6*7))\n").status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(outputText(stream).contains(QStringLiteral("hello-42")), 15'000);

        QCOMPARE(
            m_rig->call("POST", path(QStringLiteral("resize")), R"({"cols":100,"rows":30})").status,
            204);
        QCOMPARE(m_rig->call("POST", path(QStringLiteral("input")), "stty size\n").status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(outputText(stream).contains(QStringLiteral("30 100")), 15'000);

        // A second client joins the same shell and first sees what happened so far.
        SseClient late(m_rig->net, m_rig->request(path(QStringLiteral("stream"))));
        QTRY_VERIFY(outputText(late).contains(QStringLiteral("hello-42")));

        QCOMPARE(m_rig->call("POST", path(QStringLiteral("input")), "exit 7\n").status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(stream.eventsOf("exit").size(), 1, 15'000);
        QCOMPARE(QJsonDocument::fromJson(stream.eventsOf("exit").first())
                     .object()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 7);
    }

    void webSocketSharesTheSession() {
        SseClient stream(m_rig->net, m_rig->request(path(QStringLiteral("stream"))));
        QTRY_VERIFY(stream.comments() >= 1);

        QWebSocket ws;
        QByteArray received;
        connect(&ws, &QWebSocket::binaryMessageReceived, this,
                [&](const QByteArray& m) { received += m; });
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QNetworkRequest request(
            QUrl(QString(m_rig->base).replace(QStringLiteral("http://"), QStringLiteral("ws://")) +
                 path(QStringLiteral("ws"))));
        request.setRawHeader("Authorization", "Bearer " + kApiToken.toUtf8());
        ws.open(request);
        QTRY_COMPARE(connected.count(), 1);

        ws.sendTextMessage(QStringLiteral("{\"type\":\"resize\",\"cols\":90,\"rows\":20}"));
        ws.sendTextMessage(QStringLiteral("echo ws-$((2+3)); stty size\n"));
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("ws-5"), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("20 90"), 15'000);
        // Typed on the socket, seen on the stream: one shell.
        QTRY_VERIFY(outputText(stream).contains(QStringLiteral("ws-5")));
        ws.sendBinaryMessage("echo bin-$((1+1))\n");
        QTRY_VERIFY_WITH_TIMEOUT(received.contains("bin-2"), 15'000);

        QSignalSpy closed(&ws, &QWebSocket::disconnected);
        ws.sendTextMessage(QStringLiteral("exit\n"));
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 15'000);
        QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    }

    void namedSessionsAreSeparateShells() {
        QCOMPARE(
            m_rig->call("POST", path(QStringLiteral("input"), QStringLiteral("one")), "X=first\n")
                .status,
            204);
        SseClient two(m_rig->net,
                      m_rig->request(path(QStringLiteral("stream"), QStringLiteral("two"))));
        QTRY_VERIFY(two.comments() >= 1);
        QCOMPARE(m_rig
                     ->call("POST", path(QStringLiteral("input"), QStringLiteral("two")),
                            "echo \"[${X:-unset}]\"\n")
                     .status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(outputText(two).contains(QStringLiteral("[unset]")), 15'000);
    }

    void refusals() {
        // Integers out of range parse fine but cannot be used: 422.
        for (const char* body : {R"({"cols":0,"rows":30})", R"({"cols":80,"rows":1001})",
                                 R"({"cols":-5,"rows":-5})", R"({"cols":1e300,"rows":30})"}) {
            const ApiResponse badSize = m_rig->call("POST", path(QStringLiteral("resize")), body);
            QVERIFY2(badSize.status == 422, body);
            QCOMPARE(errorCode(badSize), QStringLiteral("EINVAL"));
        }
        // Not the shape of a size at all: 400.
        for (const char* body : {R"({"cols":"wide","rows":30})", R"({"cols":80})",
                                 R"({"cols":80.5,"rows":30})", "not json", "[80,30]"}) {
            const ApiResponse badShape = m_rig->call("POST", path(QStringLiteral("resize")), body);
            QVERIFY2(badShape.status == 400, body);
            QCOMPARE(errorCode(badShape), QStringLiteral("EINVAL"));
        }
        const ApiResponse badName =
            m_rig->call("POST", path(QStringLiteral("input"), QStringLiteral("a%2F..")), "x");
        QCOMPARE(badName.status, 422);
        QCOMPARE(errorCode(badName), QStringLiteral("EINVAL"));
        QCOMPARE(
            m_rig->call("POST", QStringLiteral("/api/sandboxes/nope/terminal/input"), "x").status,
            404);

        // A WebSocket without credentials never connects.
        QWebSocket ws;
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QSignalSpy failed(&ws, &QWebSocket::disconnected);
        ws.open(
            QUrl(QString(m_rig->base).replace(QStringLiteral("http://"), QStringLiteral("ws://")) +
                 path(QStringLiteral("ws"))));
        QTRY_VERIFY(failed.count() >= 1);
        QCOMPARE(connected.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiTerminal)
#include "tst_apiterminal.moc"
