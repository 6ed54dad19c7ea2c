#pragma once

// The Sprites emulator (server/spritesapi) in-process over a real LocalBackend, and a
// SpritesClient pointed at it: real HTTP and WebSocket connections, real processes, faults
// injected by the server. Each Sprites test class inherits it next to QObject.
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

namespace hangar::test {

inline const QString Token = QStringLiteral("test-org/1/secret-token");

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

inline std::shared_ptr<ExecRun> watch(ExecSession* session) {
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
} // namespace hangar::test

using hangar::test::ExecRun;
using hangar::test::RawReply;
using hangar::test::Token;
using hangar::test::watch;

class SpritesRig {
protected:
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
        reply->setParent(&m_network);
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
    // Starts the emulator and creates the sprite "box"; call from initTestCase().
    void startEmulator() {
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
};
