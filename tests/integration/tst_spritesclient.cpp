// SpritesClient against the Sprites emulator (server/spritesapi) over a real LocalBackend:
// real HTTP and WebSocket connections, real processes, faults injected by the server.
#include "TestSupport.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesClient.h"
#include "sprites/SpritesNdjson.h"
#include "spritesapi/SpritesApi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace hangar;
using hangar::sprites::ApiError;
using hangar::sprites::ClientOptions;
using hangar::sprites::ExecOptions;
using hangar::sprites::SpritesClient;
using hangar::sprites::SpritesExecSession;
using hangar::spritesapi::SpritesApi;
using hangar::test::await;

namespace {

const QString Token = QStringLiteral("test-org/1/secret-token");

// What one exec session did, collected from its signals.
struct ExecRun {
    QByteArray out;
    QByteArray err;
    int chunks = 0;
    bool started = false;
    std::optional<int> exitCode;
    std::optional<Error> error;
    bool done() const { return exitCode.has_value() || error.has_value(); }
};

std::shared_ptr<ExecRun> watch(ExecSession* session) {
    auto run = std::make_shared<ExecRun>();
    QObject::connect(session, &ExecSession::started, session, [run] { run->started = true; });
    QObject::connect(session, &ExecSession::output, session,
                     [run](const QByteArray& data, ExecSession::Stream stream) {
                         (stream == ExecSession::Stream::Stderr ? run->err : run->out) += data;
                         ++run->chunks;
                     });
    QObject::connect(session, &ExecSession::exited, session,
                     [run](int code, bool) { run->exitCode = code; });
    QObject::connect(session, &ExecSession::failed, session,
                     [run](const Error& e) { run->error = e; });
    return run;
}

struct RawReply {
    int status = 0;
    QByteArray body;
    QNetworkReply* reply = nullptr;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class SpritesClientTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalBackend> m_backend;
    std::unique_ptr<SpritesApi> m_api;
    std::unique_ptr<SpritesClient> m_client;
    QString m_base;
    QNetworkAccessManager m_network;

    std::unique_ptr<SpritesClient> makeClient(const QString& token, int timeoutMs = 10'000) {
        ClientOptions options;
        options.baseUrl = QUrl(m_base);
        options.token = token;
        options.requestTimeoutMs = timeoutMs;
        options.retryBaseMs = 50;
        return std::make_unique<SpritesClient>(options);
    }

    RawReply raw(const QByteArray& verb, const QString& pathAndQuery, const QByteArray& body = {},
                 const QString& token = Token) {
        QNetworkRequest request(QUrl(m_base + pathAndQuery));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
        reply->setParent(this);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10'000);
        RawReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.reply = reply;
        return result;
    }

    void createSprite(const QString& name) {
        auto created = await(m_client->createSprite(name));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().describe()));
    }

    std::shared_ptr<ExecRun> runToEnd(SpritesExecSession* session, int timeoutMs = 20'000) {
        auto run = watch(session);
        QDeadlineTimer deadline(timeoutMs);
        while (!run->done() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                            20);
        return run;
    }

    ExecOptions command(const QStringList& argv) {
        ExecOptions options;
        options.argv = argv;
        return options;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Qt warns on every refused WebSocket upgrade; the tests refuse some on purpose.
        QLoggingCategory::setFilterRules(QStringLiteral("qt.httpserver.warning=false"));
        LocalBackend::Options options;
        options.dataDir = m_dir.path();
        options.workingDir = QStringLiteral("/home/sprite");
        options.killGraceMs = 1000;
        m_backend = std::make_unique<LocalBackend>(options);
        SpritesApi::Options apiOptions;
        apiOptions.token = Token;
        m_api = std::make_unique<SpritesApi>(*m_backend, apiOptions);
        auto address = m_api->listen(QStringLiteral("127.0.0.1:0"));
        HANGAR_VERIFY_OK(address);
        m_base = QStringLiteral("http://") + address.value();
        m_client = makeClient(Token);
        createSprite(QStringLiteral("box"));
    }

    void init() { m_api->faults().clear(); }

    // --- gateway ----------------------------------------------------------------------

    void createGetUpdateDelete() {
        auto created = await(
            m_client->createSprite(QStringLiteral("life-1"), {QString(), {QStringLiteral("a")}}));
        HANGAR_VERIFY_OK(created);
        QCOMPARE(created.value().name, QStringLiteral("life-1"));
        QVERIFY(!created.value().id.isEmpty());
        QCOMPARE(created.value().status, QStringLiteral("cold")); // a new sprite is cold
        QCOMPARE(created.value().urlAuth, QStringLiteral("sprite"));
        QCOMPARE(created.value().labels, QStringList{QStringLiteral("a")});
        QVERIFY(created.value().createdAt.isValid());

        auto got = await(m_client->getSprite(QStringLiteral("life-1")));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().id, created.value().id);
        QCOMPARE(got.value().state(), ProviderState::Cold);

        auto duplicate = await(m_client->createSprite(QStringLiteral("life-1")));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, ErrorCode::InvalidArgument);

        sprites::UpdateOptions update;
        update.urlAuth = QStringLiteral("public");
        update.labels = QStringList{QStringLiteral("x"), QStringLiteral("y")};
        auto updated = await(m_client->updateSprite(QStringLiteral("life-1"), update));
        HANGAR_VERIFY_OK(updated);
        QCOMPARE(updated.value().urlAuth, QStringLiteral("public"));
        QCOMPARE(updated.value().labels, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
        const RawReply put = raw("PUT", QStringLiteral("/v1/sprites/life-1"), R"({"labels":[]})");
        QCOMPARE(put.status, 200);
        QVERIFY(!put.json().contains(QStringLiteral("labels")));
        QCOMPARE(put.json().value(QStringLiteral("name")).toString(), QStringLiteral("life-1"));

        HANGAR_VERIFY_OK(await(m_client->deleteSprite(QStringLiteral("life-1"))));
        auto gone = await(m_client->getSprite(QStringLiteral("life-1")));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QCOMPARE(raw("DELETE", QStringLiteral("/v1/sprites/life-1")).status, 404);
    }

    void statusFollowsTheSandbox() {
        createSprite(QStringLiteral("status-1"));
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("cold"));
        ExecOptions options = command(
            {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo up; read x")});
        SpritesExecSession* session = m_client->exec(QStringLiteral("status-1"), options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("up"), 20'000);
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("running"));
        session->write("\n");
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QCOMPARE(run->exitCode, std::optional<int>(0));
        QTRY_COMPARE_WITH_TIMEOUT(
            await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
            QStringLiteral("warm"), 10'000);
        HANGAR_VERIFY_OK(await(m_backend->hibernate(QStringLiteral("status-1"))));
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("cold"));
    }

    void listPaginatesWithPrefix() {
        for (const char* name : {"page-c", "page-a", "page-e", "page-b", "page-d", "other-1"})
            createSprite(QString::fromLatin1(name));
        QStringList seen;
        QString token;
        int pages = 0;
        do {
            auto page = await(m_client->listSprites({QStringLiteral("page-"), 2, token}));
            HANGAR_VERIFY_OK(page);
            QVERIFY(page.value().sprites.size() <= 2);
            for (const auto& sprite : page.value().sprites)
                seen.append(sprite.name);
            QCOMPARE(page.value().org.cold + page.value().org.warm + page.value().org.running,
                     page.value().sprites.size());
            token = page.value().hasMore ? page.value().nextContinuationToken : QString();
            QVERIFY(++pages <= 5);
        } while (!token.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen, (QStringList{QStringLiteral("page-a"), QStringLiteral("page-b"),
                                    QStringLiteral("page-c"), QStringLiteral("page-d"),
                                    QStringLiteral("page-e")}));
        auto all = await(m_client->listAllSprites(QStringLiteral("page-")));
        HANGAR_VERIFY_OK(all);
        QCOMPARE(all.value().size(), 5);

        // The JS SDK's bare "?" and the counters in both places (sprites-api.md §2.4).
        const RawReply list = raw("GET", QStringLiteral("/v1/sprites?"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.reply->rawHeader("Sprite-Version"), QByteArray("v0.0.1-rc48"));
        const QJsonObject body = list.json();
        QVERIFY(body.value(QStringLiteral("sprites")).isArray());
        QCOMPARE(body.value(QStringLiteral("has_more")).toBool(), false);
        QVERIFY(body.value(QStringLiteral("next_continuation_token")).isNull());
        for (const char* key : {"name", "running", "warm", "cold", "running_limit", "warm_limit"}) {
            QVERIFY2(body.contains(QLatin1String(key)), key);
            QVERIFY2(body.value(QStringLiteral("org")).toObject().contains(QLatin1String(key)),
                     key);
        }
        QCOMPARE(raw("GET", QStringLiteral("/v1/sprites?max_results=zero")).status, 400);
    }

    // --- errors -------------------------------------------------------------------------

    void notFoundIsStructured() {
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto missing = await(m_client->getSprite(QStringLiteral("no-such-sprite")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.contains(QStringLiteral("HTTP 404")),
                 qPrintable(missing.error().message));
        QCOMPARE(errors.size(), 1);
        const auto error = errors.first().first().value<ApiError>();
        QCOMPARE(error.status, 404);
        QCOMPARE(error.code, QStringLiteral("sprite not found"));

        const RawReply reply = raw("GET", QStringLiteral("/v1/sprites/no-such-sprite"));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.reply->rawHeader("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("sprite not found"));
        QVERIFY(reply.json().value(QStringLiteral("message")).isString());
        QCOMPARE(reply.reply->rawHeader("Sprite-Version"), QByteArray("v0.0.1-rc48"));
    }

    void wrongTokenIs401() {
        auto intruder = makeClient(QStringLiteral("wrong"));
        auto denied = await(intruder->getSprite(QStringLiteral("box")));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);
        QVERIFY(!denied.error().message.contains(QStringLiteral("wrong")));
        const RawReply reply = raw("GET", QStringLiteral("/v1/sprites"), {}, QStringLiteral("x"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json(),
                 (QJsonObject{{QStringLiteral("error"), QStringLiteral("unauthorized")},
                              {QStringLiteral("message"),
                               QStringLiteral("Missing or invalid authentication")}}));
        // An exec upgrade with a bad token is refused too, and reported as a failure.
        SpritesExecSession* session =
            intruder->exec(QStringLiteral("box"), command({QStringLiteral("true")}));
        auto run = runToEnd(session);
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
    }

    void badNamesAre400_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("semicolon") << QStringLiteral("a;rm -rf /");
        QTest::newRow("dollar") << QStringLiteral("$(id)");
        QTest::newRow("backtick") << QStringLiteral("a`b`");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("upper") << QStringLiteral("Box");
        QTest::newRow("leading dash") << QStringLiteral("-box");
        QTest::newRow("empty") << QString();
        QTest::newRow("long") << QString(64, QLatin1Char('a'));
    }

    void badNamesAre400() {
        QFETCH(QString, name);
        auto local = await(m_client->createSprite(name));
        QVERIFY(!local.ok());
        QCOMPARE(local.error().code, ErrorCode::InvalidArgument);
        const QJsonObject body{{QStringLiteral("name"), name}};
        const RawReply created = raw("POST", QStringLiteral("/v1/sprites"),
                                     QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(created.status, 400);
        QCOMPARE(created.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_name"));
        if (!name.isEmpty() && name != QLatin1String("..")) {
            const RawReply got = raw("GET", QStringLiteral("/v1/sprites/") +
                                                QString::fromLatin1(QUrl::toPercentEncoding(name)));
            QCOMPARE(got.status, 400);
        }
    }

    // --- retries and faults ----------------------------------------------------------------

    void idempotentGetRetries429() {
        const QString path = QStringLiteral("/v1/sprites/box");
        m_api->faults().respond(QStringLiteral("GET"), path, 429, 1);
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto got = await(m_client->getSprite(QStringLiteral("box")));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(m_api->faults().requestCount(QStringLiteral("GET"), path), 2);
        QCOMPARE(errors.size(), 0);
    }

    void postDoesNotRetry() {
        m_api->faults().respond(QStringLiteral("POST"), QStringLiteral("/v1/sprites"), 429, 1);
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto created = await(m_client->createSprite(QStringLiteral("never-made")));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Unavailable);
        QVERIFY2(created.error().message.contains(QStringLiteral("retry after: 1s")),
                 qPrintable(created.error().message));
        QCOMPARE(
            m_api->faults().requestCount(QStringLiteral("POST"), QStringLiteral("/v1/sprites")), 1);
        QCOMPARE(errors.size(), 1);
        const auto error = errors.first().first().value<ApiError>();
        QCOMPARE(error.status, 429);
        QCOMPARE(error.code, QStringLiteral("rate_limited"));
        QCOMPARE(error.retryAfterHeader, std::optional<int>(1));
        QCOMPARE(error.rateLimitRemaining, std::optional<qint64>(0));
        QCOMPARE(error.limit, 10);
    }

    void serverErrorIsClear() {
        m_api->faults().respond(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 500);
        auto got = await(m_client->getSprite(QStringLiteral("box")));
        QVERIFY(!got.ok());
        QCOMPARE(got.error().code, ErrorCode::Internal);
        QVERIFY2(got.error().message.startsWith(QStringLiteral("HTTP 500")),
                 qPrintable(got.error().message));
        QCOMPARE(
            m_api->faults().requestCount(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box")),
            1);
    }

    void slowResponses() {
        m_api->faults().delay(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 300);
        HANGAR_VERIFY_OK(await(m_client->getSprite(QStringLiteral("box"))));
        auto impatient = makeClient(Token, 100);
        m_api->faults().delay(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 2000);
        auto late = await(impatient->getSprite(QStringLiteral("box")));
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::Timeout);
    }

    void droppedHttpBody() {
        HANGAR_VERIFY_OK(await(m_client->writeFile(
            QStringLiteral("box"), QStringLiteral("drop.bin"), QByteArray(100'000, 'x'))));
        m_api->faults().drop(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box/fs/read"));
        auto read = await(m_client->readFile(QStringLiteral("box"), QStringLiteral("drop.bin")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::Unavailable);
    }

    // --- exec -----------------------------------------------------------------------------

    void execNonTty() {
        auto run = runToEnd(m_client->exec(
            QStringLiteral("box"), command({QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("echo out; echo err >&2; exit 3")})));
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY(run->started);
        QCOMPARE(run->out, QByteArray("out\n"));
        QCOMPARE(run->err, QByteArray("err\n"));
        QCOMPARE(run->exitCode, std::optional<int>(3));
    }

    void execStdinAndEof() {
        SpritesExecSession* session =
            m_client->exec(QStringLiteral("box"), command({QStringLiteral("cat")}));
        session->write("hello ");
        session->write(QByteArray("stdin"));
        session->closeStdin();
        auto run = runToEnd(session);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out, QByteArray("hello stdin"));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    void execEnvAndDir() {
        HANGAR_VERIFY_OK(await(m_client->writeFile(QStringLiteral("box"),
                                                   QStringLiteral("/home/sprite/sub dir/f"), "x")));
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("printf '%s|' \"$GREETING\"; pwd")});
        options.env.insert(QStringLiteral("GREETING"), QStringLiteral("a b&c=d+e"));
        options.dir = QStringLiteral("/home/sprite/sub dir");
        auto run = runToEnd(m_client->exec(QStringLiteral("box"), options));
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out, QByteArray("a b&c=d+e|/home/sprite/sub dir\n"));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    void execStreamsLargeOutput() {
        const qint64 size = 8 * 1024 * 1024;
        auto run =
            runToEnd(m_client->exec(QStringLiteral("box"),
                                    command({QStringLiteral("head"), QStringLiteral("-c"),
                                             QString::number(size), QStringLiteral("/dev/zero")})),
                     60'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out.size(), size);
        QVERIFY2(run->chunks > 10, qPrintable(QString::number(run->chunks)));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    void execTtyResize() {
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("stty size; read x; stty size; exit 4")});
        options.tty = true;
        options.cols = 80;
        options.rows = 24;
        SpritesExecSession* session = m_client->exec(QStringLiteral("box"), options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("24 80"), 20'000);
        QVERIFY(run->err.isEmpty()); // a pty merges the streams
        session->resize(100, 40);
        session->write("\r");
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY2(run->out.contains("40 100"), run->out.constData());
        QCOMPARE(run->exitCode, std::optional<int>(4)); // from {"type":"exit"}
        QVERIFY(session->info().tty);
    }

    void attachWithScrollback() {
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("echo ready; read x; echo got-$x")});
        options.tty = true;
        SpritesExecSession* owner = m_client->exec(QStringLiteral("box"), options);
        auto ownerRun = watch(owner);
        QTRY_VERIFY_WITH_TIMEOUT(ownerRun->out.contains("ready"), 20'000);
        const QString id = owner->info().id;
        QVERIFY(!id.isEmpty()); // from session_info

        SpritesExecSession* attached = m_client->attach(QStringLiteral("box"), id);
        auto attachedRun = watch(attached);
        QTRY_VERIFY_WITH_TIMEOUT(attachedRun->started, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(attachedRun->out.contains("ready"), 10'000); // the scrollback
        QVERIFY(attached->info().tty);
        QCOMPARE(attached->info().id, id);
        attached->write("hi\r");
        QTRY_VERIFY_WITH_TIMEOUT(ownerRun->done() && attachedRun->done(), 20'000);
        QVERIFY(ownerRun->out.contains("got-hi"));
        QVERIFY(attachedRun->out.contains("got-hi"));
        QCOMPARE(attachedRun->exitCode, std::optional<int>(0));

        auto unknown = runToEnd(m_client->attach(QStringLiteral("box"), QStringLiteral("nope")));
        QVERIFY(unknown->error.has_value());
        QVERIFY(!unknown->exitCode.has_value());
    }

    void droppedSocketFails() {
        m_api->faults().drop(QStringLiteral("WS"), QStringLiteral("/v1/sprites/box/exec"),
                             64 * 1024);
        auto run = runToEnd(
            m_client->exec(QStringLiteral("box"),
                           command({QStringLiteral("head"), QStringLiteral("-c"),
                                    QStringLiteral("10000000"), QStringLiteral("/dev/zero")})));
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
        QCOMPARE(run->error->code, ErrorCode::Unavailable);
        QVERIFY2(run->error->message.contains(QStringLiteral("closed before")),
                 qPrintable(run->error->message));
    }

    void execBadRequests() {
        auto noSprite = runToEnd(
            m_client->exec(QStringLiteral("no-such-sprite"), command({QStringLiteral("true")})));
        QVERIFY(noSprite->error.has_value());
        auto badName =
            runToEnd(m_client->exec(QStringLiteral("a;b"), command({QStringLiteral("true")})));
        QVERIFY(badName->error.has_value());
        QCOMPARE(badName->error->code, ErrorCode::InvalidArgument);
        auto badDir = runToEnd(m_client->exec(QStringLiteral("box"), [this] {
            ExecOptions o = command({QStringLiteral("true")});
            o.dir = QStringLiteral("/home/sprite/missing");
            return o;
        }()));
        QVERIFY(badDir->error.has_value());
        QVERIFY(!badDir->exitCode.has_value());
    }

    // A misbehaving server (a bare QWebSocketServer): bad frames end the session with a clear
    // error, never a crash, a hang or an exit code.
    void malformedFramesFail_data() {
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown stream id")
            << true << QByteArray("\x09zz") << QStringLiteral("unknown stream id 0x09");
        QTest::newRow("empty frame") << true << QByteArray() << QStringLiteral("empty exec frame");
        QTest::newRow("malformed json")
            << false << QByteArray("{\"type\": ") << QStringLiteral("malformed JSON");
        QTest::newRow("exit without code")
            << false << QByteArray(R"({"type":"exit"})") << QStringLiteral("without an exit_code");
    }

    void malformedFramesFail() {
        QFETCH(bool, binary);
        QFETCH(QByteArray, message);
        QFETCH(QString, expected);
        QWebSocketServer server(QStringLiteral("bad"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QWebSocketServer::newConnection, &server, [&server, binary, message] {
            QWebSocket* socket = server.nextPendingConnection();
            socket->setParent(&server); // the caller owns it: go with the server
            if (binary)
                socket->sendBinaryMessage(message);
            else
                socket->sendTextMessage(QString::fromUtf8(message));
        });
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        options.token = Token;
        SpritesClient client(options);
        auto run = runToEnd(client.exec(QStringLiteral("box"), command({QStringLiteral("true")})));
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
        QVERIFY2(run->error->message.contains(expected), qPrintable(run->error->message));
    }

    void deadConnectionTimesOut() {
        // A server that accepts the TCP connection and never answers the handshake.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        options.token = Token;
        options.keepaliveMs = 50;
        options.deadConnectionMs = 300;
        SpritesClient client(options);
        auto run = runToEnd(client.exec(QStringLiteral("box"), command({QStringLiteral("true")})));
        QVERIFY(run->error.has_value());
        QCOMPARE(run->error->code, ErrorCode::Timeout);
        QVERIFY(!run->exitCode.has_value());
    }

    // --- filesystem -------------------------------------------------------------------------

    void filesystem() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(
            await(m_client->writeFile(box, QStringLiteral("fs/a.txt"), "alpha", 0600)));
        auto read = await(m_client->readFile(box, QStringLiteral("/home/sprite/fs/a.txt")));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), QByteArray("alpha"));

        auto listing = await(m_client->listDir(box, QStringLiteral("fs")));
        HANGAR_VERIFY_OK(listing);
        QCOMPARE(listing.value().path, QStringLiteral("/home/sprite/fs"));
        QVERIFY(!listing.value().isFile);
        QCOMPARE(listing.value().entries.size(), 1);
        QCOMPARE(listing.value().entries.first().name, QStringLiteral("a.txt"));
        QCOMPARE(listing.value().entries.first().mode, 0600u);
        QCOMPARE(listing.value().entries.first().size, 5);

        auto file = await(m_client->listDir(box, QStringLiteral("fs/a.txt")));
        HANGAR_VERIFY_OK(file);
        QVERIFY(file.value().isFile);

        HANGAR_VERIFY_OK(
            await(m_client->rename(box, QStringLiteral("fs/a.txt"), QStringLiteral("fs/b.txt"))));
        HANGAR_VERIFY_OK(
            await(m_client->copy(box, QStringLiteral("fs"), QStringLiteral("fs2"), true)));
        HANGAR_VERIFY_OK(await(m_client->chmod(box, QStringLiteral("fs2/b.txt"), 0755)));
        auto copied = await(m_client->listDir(box, QStringLiteral("fs2")));
        HANGAR_VERIFY_OK(copied);
        QCOMPARE(copied.value().entries.size(), 1);
        QCOMPARE(copied.value().entries.first().name, QStringLiteral("b.txt"));
        QCOMPARE(copied.value().entries.first().mode, 0755u);
        QCOMPARE(await(m_client->readFile(box, QStringLiteral("fs2/b.txt"))).value(),
                 QByteArray("alpha"));

        auto notEmpty = await(m_client->remove(box, QStringLiteral("fs2")));
        QVERIFY(!notEmpty.ok());
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("fs2"), true)));
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("fs/b.txt"))));

        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto missing = await(m_client->readFile(box, QStringLiteral("fs/b.txt")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(missing.error().path, QStringLiteral("/home/sprite/fs/b.txt"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().first().value<ApiError>().code, QStringLiteral("ENOENT"));

        auto escape = await(m_client->readFile(box, QStringLiteral("../../../etc/passwd")));
        QVERIFY(!escape.ok());
        QCOMPARE(escape.error().code, ErrorCode::PermissionDenied);

        const RawReply body = raw(
            "GET", QStringLiteral("/v1/sprites/box/fs/list?path=nothing&workingDir=/home/sprite"));
        QCOMPARE(body.status, 404);
        QCOMPARE(body.json().value(QStringLiteral("code")).toString(), QStringLiteral("ENOENT"));
        QCOMPARE(body.json().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/home/sprite/nothing"));
        QVERIFY(body.json().value(QStringLiteral("error")).isString());
    }

    // --- sessions, checkpoints, policy, fs helpers (§4, §5, §7, §8.5) ------------------------

    void sessionListAndKill() {
        const QString box = QStringLiteral("box");
        ExecOptions options = command({QStringLiteral("sleep"), QStringLiteral("1000")});
        options.detachable = true;
        SpritesExecSession* session = m_client->exec(box, options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(!session->id().isEmpty() || run->done(), 10'000);
        QVERIFY(!run->done());
        const QString id = session->id();

        auto listed = await(m_client->listSessions(box));
        HANGAR_VERIFY_OK(listed);
        bool found = false;
        for (const auto& s : listed.value()) {
            if (s.id == id) {
                found = true;
                QCOMPARE(s.command, QStringLiteral("sleep 1000"));
                QVERIFY(s.created.isValid());
                QVERIFY(!s.tty);
            }
        }
        QVERIFY(found);

        QList<QJsonObject> events;
        auto killed =
            await(m_client->killSession(box, id, QStringLiteral("TERM"), QStringLiteral("2s"),
                                        [&events](const QJsonObject& e) { events << e; }));
        HANGAR_VERIFY_OK(killed);
        QVERIFY(!killed.value().alreadyExited);
        QVERIFY(killed.value().exitCode.has_value());
        QCOMPARE(events.size(), killed.value().events.size());
        QCOMPARE(events.first().value(QStringLiteral("type")).toString(), QStringLiteral("signal"));
        QCOMPARE(events.first().value(QStringLiteral("signal")).toString(),
                 QStringLiteral("SIGTERM"));
        QCOMPARE(events.last().value(QStringLiteral("type")).toString(),
                 QStringLiteral("complete"));
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 10'000);
        QVERIFY(run->exitCode.has_value());
        QVERIFY(*run->exitCode != 0);

        // Gone (410 = success, like Go) or forgotten (404), never a hang.
        auto again = await(m_client->killSession(box, id));
        QVERIFY(again.ok() ? again.value().alreadyExited
                           : again.error().code == ErrorCode::NotFound);
        auto unknown = await(m_client->killSession(box, QStringLiteral("no-such")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        auto missing = await(m_client->listSessions(QStringLiteral("no-such-sprite")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void checkpointsCreateListRestore() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("cp.txt"), "one")));
        QList<QJsonObject> progress;
        auto created = await(m_client->createCheckpoint(
            box, QStringLiteral("first"), [&progress](const QJsonObject& e) { progress << e; }));
        HANGAR_VERIFY_OK(created);
        QVERIFY2(created.value().startsWith(QLatin1String("Checkpoint v")),
                 qPrintable(created.value()));
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.first().value(QStringLiteral("type")).toString(), QStringLiteral("info"));
        const QString id = created.value().section(QLatin1Char(' '), 1, 1);

        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("cp.txt"), "two")));
        auto list = await(m_client->listCheckpoints(box));
        HANGAR_VERIFY_OK(list);
        QVERIFY(!list.value().isEmpty());
        QCOMPARE(list.value().first().id, id); // newest first
        QCOMPARE(list.value().first().comment, QStringLiteral("first"));
        QVERIFY(list.value().first().createTime.isValid());
        auto got = await(m_client->getCheckpoint(box, id));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().comment, QStringLiteral("first"));

        auto restored = await(m_client->restoreCheckpoint(box, id));
        HANGAR_VERIFY_OK(restored);
        QCOMPARE(restored.value(), QStringLiteral("Restored to %1").arg(id));
        QCOMPARE(await(m_client->readFile(box, QStringLiteral("cp.txt"))).value(),
                 QByteArray("one"));

        auto unknown = await(m_client->restoreCheckpoint(box, QStringLiteral("v999")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->deleteCheckpoint(box, id)));
        auto gone = await(m_client->getCheckpoint(box, id));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void networkPolicyRoundTrip() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->networkPolicy(box)));
        NetworkPolicy policy{
            {NetworkRule{QStringLiteral("api.github.com"), QStringLiteral("allow"), {}},
             NetworkRule{{}, {}, QStringLiteral("defaults")},
             NetworkRule{QStringLiteral("*"), QStringLiteral("deny"), {}}}};
        HANGAR_VERIFY_OK(await(m_client->setNetworkPolicy(box, policy)));
        auto got = await(m_client->networkPolicy(box));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().rules.size(), 3);
        QCOMPARE(got.value().rules.at(0).domain, QStringLiteral("api.github.com"));
        QCOMPARE(got.value().rules.at(1).include, QStringLiteral("defaults"));
        QCOMPARE(got.value().rules.at(2).action, QStringLiteral("deny"));

        const RawReply set =
            raw("POST", QStringLiteral("/v1/sprites/box/policy/network"), R"({"rules":[]})");
        QCOMPARE(set.status, 204); // exactly (§7.1)
        for (const QByteArray& bad :
             {QByteArray(R"({})"), QByteArray(R"({"rules":[{"domain":"a.com"}]})"),
              QByteArray(R"({"rules":[{"domain":"a.com","action":"allow","x":1}]})"),
              QByteArray(R"({"rules":[{"include":"others"}]})"),
              QByteArray(
                  R"({"rules":[{"domain":"a.com","include":"defaults","action":"deny"}]})")}) {
            const RawReply refused =
                raw("POST", QStringLiteral("/v1/sprites/box/policy/network"), bad);
            QVERIFY2(refused.status == 400, bad.constData());
        }
        auto invalid = await(m_client->setNetworkPolicy(
            box, NetworkPolicy{{NetworkRule{QStringLiteral("*"), QStringLiteral("maybe"), {}}}}));
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().code, ErrorCode::InvalidArgument);
    }

    void fsStatAndMkdir() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made"))));
        auto dir = await(m_client->stat(box, QStringLiteral("made")));
        HANGAR_VERIFY_OK(dir);
        QVERIFY(dir.value().isDir);
        QCOMPARE(dir.value().path, QStringLiteral("/home/sprite/made"));
        auto empty = await(m_client->listDir(box, QStringLiteral("made")));
        HANGAR_VERIFY_OK(empty);
        QVERIFY(empty.value().entries.isEmpty()); // the .keep marker is gone
        auto twice = await(m_client->makeDir(box, QStringLiteral("made")));
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, ErrorCode::AlreadyExists);
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made"), true)));
        auto orphan = await(m_client->makeDir(box, QStringLiteral("no/such/dir")));
        QVERIFY(!orphan.ok());
        QCOMPARE(orphan.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made/a/b"), true)));
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("made/a/f"), "xyz", 0640)));
        auto file = await(m_client->stat(box, QStringLiteral("/home/sprite/made/a/f")));
        HANGAR_VERIFY_OK(file);
        QVERIFY(!file.value().isDir);
        QCOMPARE(file.value().size, 3);
        QCOMPARE(file.value().mode, 0640u);
        auto missing = await(m_client->stat(box, QStringLiteral("made/nothing")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("made"), true)));
    }

    // NDJSON streams from a hand-written server: a final line without its newline is fine, a
    // malformed line or a body cut short is a clear error (sprites-api.md §5.6).
    void ndjsonStreams_data() {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("complete"); // empty: an error is expected
        QTest::addColumn<QString>("errorText");
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                                "Connection: close\r\n";
        auto sized = [head](const QByteArray& body, qsizetype announced = -1) -> QByteArray {
            return head + "Content-Length: " +
                   QByteArray::number(announced < 0 ? body.size() : announced) + "\r\n\r\n" + body;
        };
        QTest::newRow("unterminated last line")
            << sized("{\"type\":\"info\",\"data\":\"a\"}\n\n  \n{\"type\":\"complete\",\"data\":"
                     "\"Checkpoint v7 created\"}")
            << QStringLiteral("Checkpoint v7 created") << QString();
        QTest::newRow("chunked") << QByteArray(head + "Transfer-Encoding: chunked\r\n\r\n"
                                                      "5\r\n{\"typ\r\n"
                                                      "20\r\ne\":\"complete\",\"data\":\"done\"}\n"
                                                      "{}\n\r\n0\r\n\r\n")
                                 << QStringLiteral("done") << QString();
        QTest::newRow("malformed line")
            << sized("{\"type\":\"info\"}\nnot json\n{\"type\":\"complete\",\"data\":\"x\"}\n")
            << QString() << QStringLiteral("line 2");
        QTest::newRow("array line") << sized("[1,2]\n") << QString() << QStringLiteral("line 1");
        QTest::newRow("truncated body") << sized("{\"type\":\"info\"}\n{\"type\":\"comp", 500)
                                        << QString() << QStringLiteral("cut short");
        QTest::newRow("truncated last line") << sized("{\"type\":\"info\"}\n{\"type\":\"comp")
                                             << QString() << QStringLiteral("not a JSON object");
        QTest::newRow("no complete") << sized("{\"type\":\"info\"}\n") << QString()
                                     << QStringLiteral("without a `complete`");
        QTest::newRow("error event")
            << sized("{\"type\":\"error\",\"error\":\"disk full\"}\n{\"type\":\"complete\"}\n")
            << QString() << QStringLiteral("disk full");
    }

    void ndjsonStreams() {
        QFETCH(QByteArray, response);
        QFETCH(QString, complete);
        QFETCH(QString, errorText);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&server, response] {
            QTcpSocket* socket = server.nextPendingConnection();
            auto request = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, request, response] {
                request->append(socket->readAll());
                const qsizetype end = request->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                // Answer once the whole request (with its body) is in.
                const qsizetype lengthAt = request->toLower().indexOf("content-length:");
                const qsizetype length =
                    lengthAt < 0
                        ? 0
                        : request
                              ->mid(lengthAt + 15, request->indexOf('\r', lengthAt) - lengthAt - 15)
                              .trimmed()
                              .toLongLong();
                if (request->size() < end + 4 + length)
                    return;
                socket->write(response);
                socket->disconnectFromHost();
            });
        });
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        options.token = Token;
        SpritesClient client(options);
        int events = 0;
        auto result = await(client.createCheckpoint(QStringLiteral("box"), QStringLiteral("c"),
                                                    [&events](const QJsonObject&) { ++events; }));
        if (!complete.isEmpty()) {
            HANGAR_VERIFY_OK(result);
            QCOMPARE(result.value(), complete);
            QVERIFY(events >= 1);
        } else {
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.contains(errorText),
                     qPrintable(result.error().message));
        }
    }

    void ndjsonReaderPieces() {
        // Byte by byte: objects complete only at their newline; the rest waits.
        sprites::NdjsonReader reader;
        const QByteArray body = "{\"a\":1}\r\n\n{\"b\":\"x\\ny\"}\n{\"c\":3}";
        QList<QJsonObject> objects;
        for (char c : body) {
            auto got = reader.feed(QByteArray(1, c));
            HANGAR_VERIFY_OK(got);
            objects += got.value();
        }
        QCOMPARE(objects.size(), 2);
        auto last = reader.finish();
        HANGAR_VERIFY_OK(last);
        QCOMPARE(last.value().size(), 1);
        QCOMPARE(objects.at(1).value(QStringLiteral("b")).toString(), QStringLiteral("x\ny"));

        sprites::NdjsonReader small(16);
        auto tooLong = small.feed(QByteArray(40, 'x'));
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.error().code, ErrorCode::TooLarge);
    }
};

QTEST_GUILESS_MAIN(SpritesClientTest)
#include "tst_spritesclient.moc"
