// The console API's profiles (issue 9) as both executables wire them (app/Engine,
// app/ConsoleServer): list, read, create, replace and delete; secret values and imported private
// keys write-only; clear errors for bad profiles; a sandbox created from a profile through the
// API; and the secret's value in no API response, no database file and no log line.
#include "ConsoleServer.h"
#include "Engine.h"
#include "TestSupport.h"
#include "config/MemorySecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "profiles/ProfileStore.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

namespace {

const QString ApiToken = QStringLiteral("api-profiles-token-0123456789");
const QString SecretValue = QStringLiteral("api-Secret-Value-93b1");
const QString OtherSecret = QStringLiteral("replaced-Secret-5e2");
const QString PrivateKey =
    QStringLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\nimported-Private-Part-44c\n"
                   "-----END OPENSSH PRIVATE KEY-----\n");

QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    previousHandler(type, context, message);
}

struct Answer {
    int status = 0;
    QByteArray body;
    QJsonObject json;
};

} // namespace

class TestApiProfiles : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_data;
    MemorySecretStore m_secrets;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ConsoleServer> m_server;
    QNetworkAccessManager m_network;
    QList<QByteArray> m_responses; // every body the API sent

    Answer call(const QByteArray& method, const QString& path, const QByteArray& body = {}) {
        QNetworkRequest request(QUrl(m_server->url() + path.mid(1)));
        request.setRawHeader("Authorization", "Bearer " + ApiToken.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        Answer out;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        m_responses.append(out.body);
        reply->deleteLater();
        return out;
    }

    // An event stream's text from after the first event, until `until` arrives (or 10 s pass).
    QByteArray readStream(const QString& path, const QByteArray& until) {
        QNetworkRequest request(QUrl(m_server->url() + path.mid(1)));
        request.setRawHeader("Authorization", "Bearer " + ApiToken.toUtf8());
        request.setRawHeader("Last-Event-ID", "1"); // replays what followed the first event
        QNetworkReply* reply = m_network.get(request);
        QByteArray text;
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                text += reply->readAll();
                return text.contains(until) || reply->isFinished();
            },
            10'000);
        reply->abort();
        reply->deleteLater();
        m_responses.append(text);
        return text;
    }

    static QByteArray json(const QJsonObject& o) {
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    static QJsonObject sample() {
        return QJsonObject{
            {QStringLiteral("name"), QStringLiteral("api dev")},
            {QStringLiteral("variables"),
             QJsonObject{{QStringLiteral("STAGE"), QStringLiteral("test")}}},
            {QStringLiteral("secrets"), QJsonArray{QStringLiteral("API_TOKEN")}},
            {QStringLiteral("secretValues"),
             QJsonObject{{QStringLiteral("API_TOKEN"), SecretValue}}},
            {QStringLiteral("files"),
             QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("/workspace/a.txt")},
                                    {QStringLiteral("content"), QStringLiteral("a $(b) 'c'\n")},
                                    {QStringLiteral("mode"), QStringLiteral("0600")}}}},
            {QStringLiteral("keys"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("deploy")},
                                    {QStringLiteral("source"), QStringLiteral("import")},
                                    {QStringLiteral("publicKey"),
                                     QStringLiteral("ssh-ed25519 AAAAC3Nza deploy@example")}}}},
            {QStringLiteral("privateKeys"), QJsonObject{{QStringLiteral("deploy"), PrivateKey}}},
            {QStringLiteral("setup"), QJsonArray{QStringLiteral("echo ready $API_TOKEN")}},
        };
    }

private slots:
    void initTestCase() { previousHandler = qInstallMessageHandler(captureMessage); }
    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void init() {
        m_data = std::make_unique<QTemporaryDir>();
        QVERIFY(m_data->isValid());
        QProcessEnvironment env;
        env.insert(env::dataDir, m_data->path());
        env.insert(env::apiListen, QStringLiteral("127.0.0.1:0"));
        env.insert(env::apiToken, ApiToken);
        auto config = Config::load(env);
        HANGAR_VERIFY_OK(config);
        auto engine = Engine::create(config.value(), nullptr, EngineSecrets{});
        HANGAR_VERIFY_OK(engine);
        m_engine = std::move(engine).value();
        HANGAR_VERIFY_OK(m_engine->enableProfiles(m_secrets));
        auto server = ConsoleServer::start(*m_engine, env);
        HANGAR_VERIFY_OK(server);
        m_server = std::move(server).value();
    }

    void cleanup() {
        m_server.reset();
        if (m_engine) {
            for (const Sandbox& s : m_engine->lifecycle().sandboxes().value())
                (void)test::await(m_engine->lifecycle().destroy(s.id));
        }
        m_engine.reset();
        m_data.reset();
    }

    void crudWithoutSecretValues() {
        Answer a = call("GET", QStringLiteral("/api/profiles"));
        QCOMPARE(a.status, 200);
        QJsonArray all = a.json[QStringLiteral("profiles")].toArray();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0][QStringLiteral("id")].toString(), QStringLiteral("default"));

        a = call("POST", QStringLiteral("/api/profiles"), json(sample()));
        QCOMPARE(a.status, 201);
        const QString id = a.json[QStringLiteral("id")].toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(a.json[QStringLiteral("secrets")].toArray(),
                 QJsonArray{QStringLiteral("API_TOKEN")});
        QCOMPARE(a.json[QStringLiteral("secretsSet")].toArray(),
                 QJsonArray{QStringLiteral("API_TOKEN")});
        QVERIFY(!a.json.contains(QStringLiteral("secretValues")));
        QVERIFY(!a.json.contains(QStringLiteral("privateKeys")));
        QCOMPARE(a.json[QStringLiteral("files")][0][QStringLiteral("mode")].toString(),
                 QStringLiteral("0600"));

        // The values went to the secret store, under the profile.
        QCOMPARE(
            test::await(m_secrets.read(ProfileStore::secretKey(id, QStringLiteral("API_TOKEN"))))
                .value(),
            SecretValue);
        QCOMPARE(
            test::await(m_secrets.read(ProfileStore::importedKeyKey(id, QStringLiteral("deploy"))))
                .value(),
            PrivateKey);

        a = call("GET", QStringLiteral("/api/profiles/") + id);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("name")].toString(), QStringLiteral("api dev"));
        QCOMPARE(call("GET", QStringLiteral("/api/profiles"))
                     .json[QStringLiteral("profiles")]
                     .toArray()
                     .size(),
                 2);

        // Replace: a new variable, a second secret without a value yet.
        QJsonObject changed = sample();
        changed.remove(QStringLiteral("secretValues"));
        changed.remove(QStringLiteral("privateKeys"));
        changed[QStringLiteral("variables")] =
            QJsonObject{{QStringLiteral("STAGE"), QStringLiteral("prod")}};
        changed[QStringLiteral("secrets")] =
            QJsonArray{QStringLiteral("API_TOKEN"), QStringLiteral("DB_PASSWORD")};
        a = call("PUT", QStringLiteral("/api/profiles/") + id, json(changed));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json[QStringLiteral("variables")][QStringLiteral("STAGE")].toString(),
                 QStringLiteral("prod"));
        QCOMPARE(a.json[QStringLiteral("secretsSet")].toArray(),
                 QJsonArray{QStringLiteral("API_TOKEN")});

        // One secret, write-only.
        a = call("PUT", QStringLiteral("/api/profiles/%1/secrets/DB_PASSWORD").arg(id),
                 json(QJsonObject{{QStringLiteral("value"), OtherSecret}}));
        QCOMPARE(a.status, 204);
        a = call("PUT", QStringLiteral("/api/profiles/%1/secrets/NOT_LISTED").arg(id),
                 json(QJsonObject{{QStringLiteral("value"), OtherSecret}}));
        QCOMPARE(a.status, 422);
        a = call("GET", QStringLiteral("/api/profiles/") + id);
        QCOMPARE(a.json[QStringLiteral("secretsSet")].toArray().size(), 2);

        // Deleting: the default never; an unused profile, and its secrets go with it.
        QCOMPARE(call("DELETE", QStringLiteral("/api/profiles/default")).status, 422);
        QCOMPARE(call("DELETE", QStringLiteral("/api/profiles/") + id).status, 204);
        QCOMPARE(call("GET", QStringLiteral("/api/profiles/") + id).status, 404);
        QTRY_COMPARE(
            test::await(m_secrets.read(ProfileStore::secretKey(id, QStringLiteral("API_TOKEN"))))
                .error()
                .code,
            ErrorCode::NotFound);

        for (const QByteArray& body : std::as_const(m_responses)) {
            QVERIFY2(!body.contains(SecretValue.toUtf8()), body.constData());
            QVERIFY2(!body.contains(OtherSecret.toUtf8()), body.constData());
            QVERIFY2(!body.contains("imported-Private-Part"), body.constData());
        }
    }

    void badProfilesAreRefusedClearly() {
        QCOMPARE(call("POST", QStringLiteral("/api/profiles"), "not json").status, 400);
        QJsonObject bad = sample();
        bad[QStringLiteral("variables")] =
            QJsonObject{{QStringLiteral("1BAD"), QStringLiteral("x")}};
        Answer a = call("POST", QStringLiteral("/api/profiles"), json(bad));
        QCOMPARE(a.status, 422);
        QVERIFY2(a.body.contains("1BAD"), a.body.constData());

        bad = sample();
        bad[QStringLiteral("files")] =
            QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("relative/path")},
                                   {QStringLiteral("content"), QStringLiteral("x")}}};
        a = call("POST", QStringLiteral("/api/profiles"), json(bad));
        QCOMPARE(a.status, 422);
        QVERIFY2(a.body.contains("not absolute"), a.body.constData());

        bad = sample();
        bad[QStringLiteral("files")] =
            QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("/a")},
                                   {QStringLiteral("mode"), QStringLiteral("999")}}};
        QCOMPARE(call("POST", QStringLiteral("/api/profiles"), json(bad)).status, 400);

        bad = sample();
        bad[QStringLiteral("secretValues")] =
            QJsonObject{{QStringLiteral("OTHER"), QStringLiteral("x")}};
        a = call("POST", QStringLiteral("/api/profiles"), json(bad));
        QCOMPARE(a.status, 422);
        QVERIFY2(a.body.contains("OTHER"), a.body.constData());

        QCOMPARE(call("POST", QStringLiteral("/api/profiles"), json(sample())).status, 201);
        a = call("POST", QStringLiteral("/api/profiles"), json(sample())); // the same name
        QCOMPARE(a.status, 409);
        // Nothing half-made: one profile besides the default.
        QCOMPARE(call("GET", QStringLiteral("/api/profiles"))
                     .json[QStringLiteral("profiles")]
                     .toArray()
                     .size(),
                 2);
    }

    void sandboxFromAProfile() {
        {
            QMutexLocker lock(&logMutex);
            capturedLog.clear();
        }
        QJsonObject p = sample();
        p.remove(QStringLiteral("keys"));
        p.remove(QStringLiteral("privateKeys"));
        Answer a = call("POST", QStringLiteral("/api/profiles"), json(p));
        QCOMPARE(a.status, 201);
        const QString profileId = a.json[QStringLiteral("id")].toString();

        a = call("POST", QStringLiteral("/api/sandboxes"),
                 json(QJsonObject{{QStringLiteral("chatId"), QStringLiteral("api")},
                                  {QStringLiteral("threadId"), QStringLiteral("p")},
                                  {QStringLiteral("profile"), profileId}}));
        QCOMPARE(a.status, 200);
        const QString id = a.json[QStringLiteral("id")].toString();
        QCOMPARE(a.json[QStringLiteral("state")].toString(), QStringLiteral("active"));
        QCOMPARE(call("POST", QStringLiteral("/api/sandboxes"),
                      json(QJsonObject{{QStringLiteral("chatId"), QStringLiteral("api")},
                                       {QStringLiteral("threadId"), QStringLiteral("q")},
                                       {QStringLiteral("profile"), QStringLiteral("nope")}}))
                     .status,
                 422);

        auto env = test::await(m_engine->tools().exec(id, QStringLiteral("env")));
        HANGAR_VERIFY_OK(env);
        QVERIFY(env.value().stdoutData.contains(QByteArray("API_TOKEN=" + SecretValue.toUtf8())));
        QVERIFY(env.value().stdoutData.contains("STAGE=test"));

        // The timeline's stream (replayed from the start) has the setup's note, redacted.
        const QByteArray stream =
            readStream(QStringLiteral("/api/sandboxes/%1/lifecycle/events").arg(id),
                       "ready [secret API_TOKEN]");
        QVERIFY2(stream.contains("ready [secret API_TOKEN]"), stream.constData());
        QCOMPARE(call("GET", QStringLiteral("/api/sandboxes/") + id).status, 200);
        QCOMPARE(call("DELETE", QStringLiteral("/api/profiles/") + profileId).status, 409);

        for (const QByteArray& body : std::as_const(m_responses))
            QVERIFY2(!body.contains(SecretValue.toUtf8()), body.constData());
        QDirIterator files(m_data->path(), QDir::Files, QDirIterator::Subdirectories);
        int databases = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            if (!path.contains(QLatin1String(".db")) && !path.endsWith(QLatin1String(".ini")) &&
                !path.endsWith(QLatin1String(".conf")) && !path.endsWith(QLatin1String(".json")))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(SecretValue.toUtf8()), qPrintable(path));
            databases += path.contains(QLatin1String(".db")) ? 1 : 0;
        }
        QVERIFY(databases > 0);
        QMutexLocker lock(&logMutex);
        for (const QString& line : std::as_const(capturedLog))
            QVERIFY2(!line.contains(SecretValue), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestApiProfiles)
#include "tst_apiprofiles.moc"
