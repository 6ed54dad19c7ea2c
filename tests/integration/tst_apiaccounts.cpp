// The console API's accounts (issue 9): GET /api/accounts without tokens, the account of each
// sandbox and the ?account= filter, adding, changing, switching and removing accounts with the
// token write-only. Two Sprites-compatible servers are two accounts of the engine that
// ConsoleServer serves, as hangard wires it.
#include "AccountsRig.h"
#include "ConsoleServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace hangar;
using namespace hangar::test;

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString code() const {
        return json[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString();
    }
    QString message() const {
        return json[QStringLiteral("error")].toObject()[QStringLiteral("message")].toString();
    }
};

QByteArray body(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TstApiAccounts : public QObject, public AccountsRig {
    Q_OBJECT

    std::unique_ptr<ConsoleServer> m_server;
    QNetworkAccessManager m_net;
    QByteArray m_everything; // every answer's body, to look for tokens in

    Answer call(const QByteArray& method, const QString& path, const QByteArray& data = {}) {
        QNetworkRequest request(QUrl(m_server->url() + path.mid(1)));
        request.setRawHeader("Authorization", "Bearer accounts-rig-token-0123456789");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = m_net.sendCustomRequest(request, method, data);
        Answer out;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        m_everything += out.body;
        reply->deleteLater();
        return out;
    }

    QJsonObject accountJson(const QString& key) {
        for (const QJsonValue& v : call("GET", QStringLiteral("/api/accounts"))
                                       .json[QStringLiteral("accounts")]
                                       .toArray()) {
            if (v.toObject()[QStringLiteral("key")].toString() == key)
                return v.toObject();
        }
        return {};
    }

    QStringList sandboxNames(const QString& query) {
        QStringList names;
        for (const QJsonValue& v : call("GET", QStringLiteral("/api/sandboxes") + query)
                                       .json[QStringLiteral("sandboxes")]
                                       .toArray())
            names << v.toObject()[QStringLiteral("name")].toString();
        names.sort();
        return names;
    }

    QJsonObject alphaBody() const {
        return QJsonObject{{QStringLiteral("id"), QStringLiteral("alpha")},
                           {QStringLiteral("name"), QStringLiteral("Alpha")},
                           {QStringLiteral("organization"), QStringLiteral("org-alpha")},
                           {QStringLiteral("baseUrl"), m_alpha.base},
                           {QStringLiteral("token"), m_alpha.token}};
    }

private slots:
    void initTestCase() {
        startServers();
        startEngine();
        auto server = ConsoleServer::start(*m_engine, m_env);
        HANGAR_VERIFY_OK(server);
        m_server = std::move(server).value();
    }

    void listsTheLocalBackendAtFirst() {
        const Answer a = call("GET", QStringLiteral("/api/accounts"));
        QCOMPARE(a.status, 200);
        const QJsonArray all = a.json[QStringLiteral("accounts")].toArray();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].toObject()[QStringLiteral("key")].toString(), QStringLiteral("local"));
        QCOMPARE(a.json[QStringLiteral("default")].toString(), QStringLiteral("local"));
    }

    void badRequestsChangeNothing() {
        QJsonObject noToken = alphaBody();
        noToken.remove(QStringLiteral("token"));
        Answer a = call("POST", QStringLiteral("/api/accounts"), body(noToken));
        QCOMPARE(a.status, 400);
        QVERIFY(a.message().contains(QStringLiteral("token")));
        QJsonObject numberToken = alphaBody();
        numberToken[QStringLiteral("token")] = 42;
        QCOMPARE(call("POST", QStringLiteral("/api/accounts"), body(numberToken)).status, 400);
        QCOMPARE(call("POST", QStringLiteral("/api/accounts"), "not json").status, 400);
        QJsonObject badId = alphaBody();
        badId[QStringLiteral("id")] = QStringLiteral("../alpha");
        a = call("POST", QStringLiteral("/api/accounts"), body(badId));
        QCOMPARE(a.status, 422);
        QCOMPARE(a.code(), QStringLiteral("EINVAL"));
        QJsonObject badUrl = alphaBody();
        badUrl[QStringLiteral("baseUrl")] = QStringLiteral("not a url");
        QCOMPARE(call("POST", QStringLiteral("/api/accounts"), body(badUrl)).status, 422);
        QCOMPARE(call("GET", QStringLiteral("/api/accounts"))
                     .json[QStringLiteral("accounts")]
                     .toArray()
                     .size(),
                 1);
    }

    void addsAnAccountWithAWriteOnlyToken() {
        Answer a = call("POST", QStringLiteral("/api/accounts"), body(alphaBody()));
        QCOMPARE(a.status, 201);
        QCOMPARE(a.json[QStringLiteral("key")].toString(), QStringLiteral("sprites:alpha"));
        QCOMPARE(a.json[QStringLiteral("available")].toBool(), true);
        QVERIFY(!a.json.contains(QStringLiteral("token")));
        QJsonObject beta = alphaBody();
        beta[QStringLiteral("id")] = QStringLiteral("beta");
        beta[QStringLiteral("name")] = QStringLiteral("Beta");
        beta[QStringLiteral("baseUrl")] = m_beta.base;
        beta[QStringLiteral("token")] = m_beta.token;
        QCOMPARE(call("POST", QStringLiteral("/api/accounts"), body(beta)).status, 201);
        a = call("POST", QStringLiteral("/api/accounts"), body(beta));
        QCOMPARE(a.status, 409);
        QCOMPARE(a.code(), QStringLiteral("EEXIST"));
        const QJsonObject listed = accountJson(QStringLiteral("sprites:beta"));
        QCOMPARE(listed[QStringLiteral("baseUrl")].toString(), m_beta.base);
        QCOMPARE(listed[QStringLiteral("organization")].toString(), QStringLiteral("org-alpha"));
        QVERIFY(!listed.contains(QStringLiteral("token")));
    }

    void sandboxesCarryTheirAccountAndCanBeFiltered() {
        Answer a = call("POST", QStringLiteral("/api/sandboxes"),
                        body({{QStringLiteral("chatId"), QStringLiteral("a1")},
                              {QStringLiteral("threadId"), QStringLiteral("t")},
                              {QStringLiteral("account"), QStringLiteral("sprites:alpha")}}));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("account")].toString(), QStringLiteral("sprites:alpha"));
        QCOMPARE(a.json[QStringLiteral("backend")].toString(), QStringLiteral("sprites"));
        QVERIFY(m_alpha.names().contains(QStringLiteral("zuko-a1-t")));
        a = call("POST", QStringLiteral("/api/sandboxes"),
                 body({{QStringLiteral("chatId"), QStringLiteral("l1")},
                       {QStringLiteral("threadId"), QStringLiteral("t")}}));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("account")].toString(), QStringLiteral("local"));
        a = call("POST", QStringLiteral("/api/sandboxes"),
                 body({{QStringLiteral("chatId"), QStringLiteral("x1")},
                       {QStringLiteral("threadId"), QStringLiteral("t")},
                       {QStringLiteral("account"), 7}}));
        QCOMPARE(a.status, 400);

        QCOMPARE(sandboxNames(QStringLiteral("?account=sprites:alpha")),
                 QStringList{QStringLiteral("zuko-a1-t")});
        QCOMPARE(sandboxNames(QStringLiteral("?account=local")),
                 QStringList{QStringLiteral("zuko-l1-t")});
        QCOMPARE(sandboxNames(QStringLiteral("?account=sprites:beta")), QStringList());
        QCOMPARE(sandboxNames(QStringLiteral("?backend=sprites")),
                 QStringList{QStringLiteral("zuko-a1-t")});
        a = call("GET", QStringLiteral("/api/sandboxes?account=sprites:nope"));
        QCOMPARE(a.status, 422);
        QVERIFY(a.message().contains(QStringLiteral("sprites:nope")));
        QCOMPARE(accountJson(QStringLiteral("sprites:alpha"))[QStringLiteral("sandboxes")].toInt(),
                 1);
    }

    void changesAnAccount() {
        Answer a = call("PUT", QStringLiteral("/api/accounts/beta"),
                        body({{QStringLiteral("name"), QStringLiteral("Beta, renamed")}}));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("name")].toString(), QStringLiteral("Beta, renamed"));
        QCOMPARE(a.json[QStringLiteral("baseUrl")].toString(), m_beta.base); // kept
        QCOMPARE(
            call("PUT", QStringLiteral("/api/accounts/beta"), body({{QStringLiteral("token"), 5}}))
                .status,
            400);
        QCOMPARE(call("PUT", QStringLiteral("/api/accounts/beta"),
                      body({{QStringLiteral("id"), QStringLiteral("gamma")}}))
                     .status,
                 422);
        QCOMPARE(call("PUT", QStringLiteral("/api/accounts/gamma"), body({})).status, 404);
        // A new token takes effect at once: alpha's is refused by beta's server.
        QCOMPARE(call("PUT", QStringLiteral("/api/accounts/beta"),
                      body({{QStringLiteral("token"), m_alpha.token}}))
                     .status,
                 200);
        a = call("POST", QStringLiteral("/api/sandboxes"),
                 body({{QStringLiteral("chatId"), QStringLiteral("b1")},
                       {QStringLiteral("threadId"), QStringLiteral("t")},
                       {QStringLiteral("account"), QStringLiteral("sprites:beta")}}));
        QVERIFY2(a.status >= 400, a.body.constData());
        const QJsonObject failed =
            call("GET", QStringLiteral("/api/sandboxes?account=sprites:beta"))
                .json[QStringLiteral("sandboxes")]
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(failed[QStringLiteral("state")].toString(), QStringLiteral("failed"));
        QCOMPARE(call("PUT", QStringLiteral("/api/accounts/beta"),
                      body({{QStringLiteral("token"), m_beta.token}}))
                     .status,
                 200);
        a = call("POST", QStringLiteral("/api/sandboxes/") +
                             failed[QStringLiteral("id")].toString() + QStringLiteral("/resume"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("state")].toString(), QStringLiteral("active"));
        QVERIFY(m_beta.names().contains(QStringLiteral("zuko-b1-t")));
    }

    void switchesTheDefaultAccount() {
        Answer a = call("POST", QStringLiteral("/api/accounts/default"),
                        body({{QStringLiteral("account"), QStringLiteral("sprites:nope")}}));
        QCOMPARE(a.status, 422);
        a = call("POST", QStringLiteral("/api/accounts/default"),
                 body({{QStringLiteral("account"), QStringLiteral("sprites:alpha")}}));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("default")].toString(), QStringLiteral("sprites:alpha"));
        QVERIFY(accountJson(QStringLiteral("sprites:alpha"))[QStringLiteral("default")].toBool());
        a = call("POST", QStringLiteral("/api/sandboxes"),
                 body({{QStringLiteral("chatId"), QStringLiteral("d1")},
                       {QStringLiteral("threadId"), QStringLiteral("t")}}));
        QCOMPARE(a.json[QStringLiteral("account")].toString(), QStringLiteral("sprites:alpha"));
    }

    void removingAnAccountWithSandboxesIsRefused() {
        Answer a = call("DELETE", QStringLiteral("/api/accounts/alpha"));
        QCOMPARE(a.status, 409);
        QVERIFY2(a.message().contains(QStringLiteral("zuko-a1-t")), a.body.constData());
        for (const QJsonValue& v :
             call("GET", QStringLiteral("/api/sandboxes?account=sprites:alpha"))
                 .json[QStringLiteral("sandboxes")]
                 .toArray()) {
            QCOMPARE(call("DELETE", QStringLiteral("/api/sandboxes/") +
                                        v.toObject()[QStringLiteral("id")].toString())
                         .status,
                     204);
        }
        QCOMPARE(call("DELETE", QStringLiteral("/api/accounts/alpha")).status, 204);
        QVERIFY(accountJson(QStringLiteral("sprites:alpha")).isEmpty());
        QCOMPARE(
            call("GET", QStringLiteral("/api/accounts")).json[QStringLiteral("default")].toString(),
            QStringLiteral("local"));
        QCOMPARE(call("DELETE", QStringLiteral("/api/accounts/alpha")).status, 404);
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes?account=sprites:alpha")).status, 422);
    }

    void noTokenInAnyAnswerOrFile() {
        QVERIFY(m_everything.contains("org-alpha")); // the search can find things
        for (const QString& token : {m_alpha.token, m_beta.token}) {
            QVERIFY(!m_everything.contains(token.toUtf8()));
            QCOMPARE(filesContaining(m_data.path(), token), QStringList());
        }
    }

    void cleanupTestCase() {
        m_server.reset();
        m_engine.reset();
    }
};

QTEST_GUILESS_MAIN(TstApiAccounts)
#include "tst_apiaccounts.moc"
