// The console API over real HTTP, on a real engine with the local backend.
#include "ApiRig.h"

#include <QJsonArray>
#include <QTest>

using namespace hangar;

using test::ApiResponse;
using test::kApiToken;

class TestConsoleApi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ApiRig> m_rig;

    ApiResponse call(const QByteArray& method, const QString& path, const QByteArray& body = {},
                     const QString& token = kApiToken) {
        return m_rig->call(method, path, body, token);
    }

private slots:
    void init() {
        m_rig = std::make_unique<test::ApiRig>();
        QVERIFY(m_rig->isValid());
    }

    void cleanup() { m_rig.reset(); }

    void everyRouteNeedsTheToken_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token");
        const QStringList tokens{QString(), QStringLiteral("wrong"), kApiToken + QLatin1Char('x')};
        for (const QString& token : tokens) {
            const QString label = token.isEmpty() ? QStringLiteral("none") : token;
            QTest::addRow("version %s", qPrintable(label))
                << QByteArray("GET") << QStringLiteral("/api/version") << token;
            QTest::addRow("list %s", qPrintable(label))
                << QByteArray("GET") << QStringLiteral("/api/sandboxes") << token;
            QTest::addRow("create %s", qPrintable(label))
                << QByteArray("POST") << QStringLiteral("/api/sandboxes") << token;
            QTest::addRow("delete %s", qPrintable(label))
                << QByteArray("DELETE") << QStringLiteral("/api/sandboxes/x") << token;
        }
    }

    void everyRouteNeedsTheToken() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, token);
        const ApiResponse r = call(method, path, R"({"chatId":"c","threadId":"t"})", token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                 QStringLiteral("unauthorized"));
        QCOMPARE(m_rig->engine->sandboxes().value().size(), 0);
    }

    void version() {
        const ApiResponse r = call("GET", QStringLiteral("/api/version"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json[QStringLiteral("apiVersion")].toInt(), api::ConsoleApi::kVersion);
    }

    void sandboxLifecycleOverHttp() {
        ApiResponse created = call("POST", QStringLiteral("/api/sandboxes"),
                                   R"({"chatId":"chat1","threadId":"main"})");
        QCOMPARE(created.status, 200);
        const QString id = created.json[QStringLiteral("id")].toString();
        QCOMPARE(created.json[QStringLiteral("name")].toString(),
                 QStringLiteral("zuko-chat1-main"));
        QCOMPARE(created.json[QStringLiteral("state")].toString(), QStringLiteral("active"));

        // Idempotent by name.
        QCOMPARE(call("POST", QStringLiteral("/api/sandboxes"),
                      R"({"chatId":"chat1","threadId":"main"})")
                     .json[QStringLiteral("id")]
                     .toString(),
                 id);

        const ApiResponse listed = call("GET", QStringLiteral("/api/sandboxes"));
        QCOMPARE(listed.json[QStringLiteral("sandboxes")].toArray().size(), 1);
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes?state=hibernated"))
                     .json[QStringLiteral("sandboxes")]
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes?backend=local"))
                     .json[QStringLiteral("sandboxes")]
                     .toArray()
                     .size(),
                 1);

        const ApiResponse hibernated =
            call("POST", QStringLiteral("/api/sandboxes/%1/hibernate").arg(id));
        QCOMPARE(hibernated.status, 200);
        QCOMPARE(hibernated.json[QStringLiteral("state")].toString(), QStringLiteral("hibernated"));
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes/") + id)
                     .json[QStringLiteral("state")]
                     .toString(),
                 QStringLiteral("hibernated"));

        const ApiResponse resumed =
            call("POST", QStringLiteral("/api/sandboxes/%1/resume").arg(id));
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.json[QStringLiteral("state")].toString(), QStringLiteral("active"));

        QCOMPARE(call("DELETE", QStringLiteral("/api/sandboxes/") + id).status, 204);
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes/") + id).status, 404);
        QCOMPARE(call("DELETE", QStringLiteral("/api/sandboxes/") + id).status, 404);
    }

    void badRequestsAreClearJsonErrors_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("malformed json") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                        << QByteArray("{bad") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("array body") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                    << QByteArray("[]") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("string body") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                     << QByteArray(R"("c-t")") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("empty body") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                    << QByteArray() << 400 << QStringLiteral("EINVAL");
        QTest::newRow("missing thread")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":"c"})") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("null chat")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":null,"threadId":"t"})") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("number chat")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":5,"threadId":"t"})") << 400 << QStringLiteral("EINVAL");
        QTest::newRow("object backend")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":"c","threadId":"t","backend":{}})") << 400
            << QStringLiteral("EINVAL");
        // Well-formed, but values the engine refuses: 422.
        QTest::newRow("shell chat") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                    << QByteArray(R"x({"chatId":"$(reboot)","threadId":"t"})x")
                                    << 422 << QStringLiteral("EINVAL");
        QTest::newRow("semicolon thread") << QByteArray("POST") << QStringLiteral("/api/sandboxes")
                                          << QByteArray(R"({"chatId":"c","threadId":"t;rm -rf /"})")
                                          << 422 << QStringLiteral("EINVAL");
        QTest::newRow("empty chat")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":"","threadId":"t"})") << 422 << QStringLiteral("EINVAL");
        QTest::newRow("upper-case chat")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":"Chat","threadId":"t"})") << 422 << QStringLiteral("EINVAL");
        QTest::newRow("name too long")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":")" + QByteArray(40, 'c') + R"(","threadId":")" +
                          QByteArray(40, 't') + R"("})")
            << 422 << QStringLiteral("EINVAL");
        QTest::newRow("unknown backend")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(R"({"chatId":"c","threadId":"t","backend":"mars"})") << 422
            << QStringLiteral("EINVAL");
        QTest::newRow("unknown state filter")
            << QByteArray("GET") << QStringLiteral("/api/sandboxes?state=zombie") << QByteArray()
            << 422 << QStringLiteral("EINVAL");
        QTest::newRow("unknown id") << QByteArray("GET") << QStringLiteral("/api/sandboxes/none")
                                    << QByteArray() << 404 << QStringLiteral("ENOENT");
        QTest::newRow("encoded traversal id")
            << QByteArray("GET") << QStringLiteral("/api/sandboxes/..%2F..%2Fetc") << QByteArray()
            << 404 << QStringLiteral("ENOENT");
        QTest::newRow("unknown endpoint") << QByteArray("GET") << QStringLiteral("/api/nothing")
                                          << QByteArray() << 404 << QStringLiteral("not_found");
        QTest::newRow("wrong method")
            << QByteArray("PUT") << QStringLiteral("/api/sandboxes") << QByteArray() << 405
            << QStringLiteral("method_not_allowed");
        QTest::newRow("oversized body")
            << QByteArray("POST") << QStringLiteral("/api/sandboxes")
            << QByteArray(2 * 1024 * 1024, 'x') << 413 << QStringLiteral("EFBIG");
    }

    void badRequestsAreClearJsonErrors() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const ApiResponse r = call(method, path, body);
        QCOMPARE(r.status, status);
        const QJsonObject error = r.json[QStringLiteral("error")].toObject();
        QCOMPARE(error[QStringLiteral("code")].toString(), code);
        QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
        QCOMPARE(m_rig->engine->sandboxes().value().size(), 0);
    }

    void illegalTransitionIsAConflict() {
        const QString id =
            call("POST", QStringLiteral("/api/sandboxes"), R"({"chatId":"c","threadId":"t"})")
                .json[QStringLiteral("id")]
                .toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(call("POST", QStringLiteral("/api/sandboxes/%1/hibernate").arg(id)).status, 200);
        QVERIFY(QDir(QFileInfo(m_rig->backend->hostRoot(QStringLiteral("zuko-c-t"))).absolutePath())
                    .removeRecursively());
        QCOMPARE(call("POST", QStringLiteral("/api/sandboxes/%1/resume").arg(id)).status,
                 404); // machine gone -> failed
        const ApiResponse r = call("POST", QStringLiteral("/api/sandboxes/%1/hibernate").arg(id));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                 QStringLiteral("illegal_transition"));
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes/") + id)
                     .json[QStringLiteral("state")]
                     .toString(),
                 QStringLiteral("failed"));
        QVERIFY(!call("GET", QStringLiteral("/api/sandboxes/") + id)
                     .json[QStringLiteral("error")]
                     .toString()
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConsoleApi)
#include "tst_consoleapi.moc"
