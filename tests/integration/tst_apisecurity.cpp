// Browser-facing protections of the console API: Host and Origin checks, CORS, security
// headers, cookie sign-in for EventSource and WebSocket, and size limits.
#include "ApiRig.h"
#include "SseClient.h"

#include <QNetworkCookieJar>
#include <QTest>

using namespace hangar;
using namespace hangar::test;

namespace {

const QString kAllowedOrigin = QStringLiteral("http://app.example:3000");

QByteArray get(const QString& base, const QByteArray& path, const QByteArray& extraHeaders,
               bool withToken = true) {
    return QByteArray("GET ") + path + " HTTP/1.1\r\nHost: " + QUrl(base).authority().toLatin1() +
           "\r\n" +
           (withToken ? "Authorization: Bearer " + kApiToken.toLatin1() + "\r\n" : QByteArray()) +
           extraHeaders + "Connection: close\r\n\r\n";
}

} // namespace

class TestApiSecurity : public QObject {
    Q_OBJECT
private slots:
    void foreignHostNamesAreRefused() {
        ApiRig rig;
        const QByteArray rebinding = rig.raw(
            "GET /api/version HTTP/1.1\r\nHost: attacker.example:8377\r\nAuthorization: Bearer " +
            kApiToken.toLatin1() + "\r\nConnection: close\r\n\r\n");
        QVERIFY2(rebinding.startsWith("HTTP/1.1 403"), rebinding.constData());
        QVERIFY(rebinding.contains("host_not_allowed"));
        for (const char* host : {"localhost:1", "127.0.0.1", "[::1]:8377"}) {
            const QByteArray ok = rig.raw("GET /api/version HTTP/1.1\r\nHost: " + QByteArray(host) +
                                          "\r\nAuthorization: Bearer " + kApiToken.toLatin1() +
                                          "\r\nConnection: close\r\n\r\n");
            QVERIFY2(ok.startsWith("HTTP/1.1 200"), host);
        }
    }

    void foreignOriginsAreRefused() {
        ApiRig rig;
        const QByteArray evil =
            rig.raw(get(rig.base, "/api/sandboxes", "Origin: http://evil.example\r\n"));
        QVERIFY2(evil.startsWith("HTTP/1.1 403"), evil.constData());
        QVERIFY(evil.contains("origin_not_allowed"));
        QVERIFY(!evil.contains("Access-Control-Allow-Origin"));
        const QByteArray same =
            rig.raw(get(rig.base, "/api/sandboxes", "Origin: " + rig.base.toLatin1() + "\r\n"));
        QVERIFY2(same.startsWith("HTTP/1.1 200"), same.constData());
    }

    void corsAllowlist() {
        api::ConsoleApiOptions options;
        options.corsOrigins = {kAllowedOrigin};
        ApiRig rig(options);
        const QByteArray allowed =
            rig.raw(get(rig.base, "/api/version", "Origin: " + kAllowedOrigin.toLatin1() + "\r\n"));
        QVERIFY2(allowed.startsWith("HTTP/1.1 200"), allowed.constData());
        QVERIFY(allowed.contains(
            QByteArray(QByteArray("Access-Control-Allow-Origin: ") + kAllowedOrigin.toLatin1())));
        QVERIFY(allowed.contains("Vary: Origin"));

        const QByteArray preflight = rig.raw(
            "OPTIONS /api/sandboxes HTTP/1.1\r\nHost: " + QUrl(rig.base).authority().toLatin1() +
            "\r\nOrigin: " + kAllowedOrigin.toLatin1() +
            "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
        QVERIFY2(preflight.startsWith("HTTP/1.1 204"), preflight.constData());
        QVERIFY(preflight.contains("Access-Control-Allow-Methods:"));

        const QByteArray other =
            rig.raw(get(rig.base, "/api/version", "Origin: http://app.example:3001\r\n"));
        QVERIFY(other.startsWith("HTTP/1.1 403"));
    }

    void securityHeadersOnEveryAnswer() {
        ApiRig rig;
        for (const QByteArray& response :
             {rig.raw(get(rig.base, "/api/version", {})), rig.raw(get(rig.base, "/api/nope", {})),
              rig.raw(get(rig.base, "/api/version", {}, false))}) {
            QVERIFY(response.contains("X-Content-Type-Options: nosniff"));
            QVERIFY(response.contains("X-Frame-Options: DENY"));
            QVERIFY(response.contains("Content-Security-Policy: default-src 'self'"));
            QVERIFY(response.contains("Referrer-Policy: no-referrer"));
        }
    }

    void errorsNeverEchoATokenOrCookie() {
        ApiRig rig;
        const QByteArray guess = "Bearer guess-0123456789-secret";
        const QByteArray r =
            rig.raw("GET /api/version HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + guess +
                    "\r\nCookie: hangar_session=cookie-secret-value\r\nConnection: close\r\n\r\n");
        QVERIFY(r.startsWith("HTTP/1.1 401"));
        QVERIFY(!r.contains("guess-0123456789-secret"));
        QVERIFY(!r.contains("cookie-secret-value"));
        QVERIFY(!r.contains(kApiToken.toLatin1()));
    }

    // A refused value comes back in the message, so it must come back as inert JSON: with
    // nosniff, never as markup, and never with the token beside it. A body that does not parse
    // stays 400; one that parses with values the engine refuses is 422.
    void refusedValuesAreInertJson() {
        ApiRig rig;
        auto post = [&](const QByteArray& body) {
            return rig.raw(
                "POST /api/sandboxes HTTP/1.1\r\nHost: " + QUrl(rig.base).authority().toLatin1() +
                "\r\nAuthorization: Bearer " + kApiToken.toLatin1() +
                "\r\nContent-Type: application/json\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        };
        const QByteArray markup = post(R"({"chatId":"<script>alert(1)</script>","threadId":"t"})");
        QVERIFY2(markup.startsWith("HTTP/1.1 422"), markup.constData());
        QVERIFY(markup.contains("Content-Type: application/json"));
        QVERIFY(markup.contains("X-Content-Type-Options: nosniff"));
        QVERIFY(markup.contains(R"("code":"EINVAL")"));
        QVERIFY(!markup.contains(kApiToken.toLatin1()));

        const QByteArray traversal = post(R"({"chatId":"..","threadId":"..%2F.."})");
        QVERIFY2(traversal.startsWith("HTTP/1.1 422"), traversal.constData());
        const QByteArray broken = post(R"({"chatId":"<script>")");
        QVERIFY2(broken.startsWith("HTTP/1.1 400"), broken.constData());
        QVERIFY(broken.contains("X-Content-Type-Options: nosniff"));
        QVERIFY(!broken.contains(kApiToken.toLatin1()));
        QCOMPARE(rig.engine->sandboxes().value().size(), 0);
    }

    // EventSource cannot send headers: the page trades the token for an HttpOnly cookie.
    void cookieSignIn() {
        ApiRig rig;
        const QString id = rig.createSandbox();
        QVERIFY(!id.isEmpty());
        const ApiResponse signIn = rig.call("POST", QStringLiteral("/api/session"));
        QCOMPARE(signIn.status, 200);
        const QByteArray cookie = signIn.header("Set-Cookie");
        QVERIFY(cookie.startsWith("hangar_session="));
        QVERIFY(cookie.contains("HttpOnly"));
        QVERIFY(cookie.contains("SameSite=Strict"));
        QVERIFY(!cookie.contains(kApiToken.toLatin1()));
        const QByteArray session = cookie.mid(15, cookie.indexOf(';') - 15);

        // The cookie alone authenticates, including the event stream.
        const QByteArray withCookie = rig.raw(
            get(rig.base, "/api/sandboxes", "Cookie: hangar_session=" + session + "\r\n", false));
        QVERIFY2(withCookie.startsWith("HTTP/1.1 200"), withCookie.constData());
        QNetworkRequest streamRequest(
            QUrl(rig.base + QStringLiteral("/api/sandboxes/%1/lifecycle/events").arg(id)));
        streamRequest.setRawHeader("Cookie", "hangar_session=" + session);
        SseClient stream(rig.net, streamRequest);
        QTRY_COMPARE(stream.events().size(), 1);

        const QByteArray wrong = rig.raw(
            get(rig.base, "/api/sandboxes", "Cookie: hangar_session=" + session + "x\r\n", false));
        QVERIFY(wrong.startsWith("HTTP/1.1 401"));

        // Signing out ends it.
        const QByteArray out = rig.raw(
            "DELETE /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: hangar_session=" + session +
            "\r\nConnection: close\r\n\r\n");
        QVERIFY2(out.startsWith("HTTP/1.1 204"), out.constData());
        QVERIFY(out.contains("Max-Age=0"));
        const QByteArray after = rig.raw(
            get(rig.base, "/api/sandboxes", "Cookie: hangar_session=" + session + "\r\n", false));
        QVERIFY(after.startsWith("HTTP/1.1 401"));
    }

    void oversizedHeadersAreRefused() {
        ApiRig rig;
        const QByteArray huge = rig.raw(
            get(rig.base, "/api/version", "X-Padding: " + QByteArray(20'000, 'a') + "\r\n"));
        QVERIFY2(huge.startsWith("HTTP/1.1 431"), huge.left(200).constData());
    }
};

QTEST_GUILESS_MAIN(TestApiSecurity)
#include "tst_apisecurity.moc"
