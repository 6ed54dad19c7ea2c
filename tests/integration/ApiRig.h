#pragma once

// A console API on 127.0.0.1:0 over a real engine and LocalBackend, and a client for it.

#include "TestDatabases.h"
#include "TestSupport.h"
#include "api/ConsoleApi.h"
#include "config/MemorySecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "profiles/ProfileStore.h"
#include "store/Store.h"
#include "terminal/TerminalHub.h"
#include "tools/SandboxTools.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace hangar::test {

inline const QString kApiToken = QStringLiteral("api-rig-token-0123456789");

struct ApiResponse {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply* reply = nullptr; // for headers; deleted later
    QByteArray header(const char* name) const {
        return reply ? reply->rawHeader(name) : QByteArray();
    }
};

class ApiRig {
public:
    explicit ApiRig(api::ConsoleApiOptions options = {})
        : m_db(TempDatabase::Kind::Sqlite) {
        auto store = Store::open(m_db.url());
        if (!store)
            return;
        store_ = std::move(store).value();
        LocalBackend::Options local;
        local.dataDir = m_dir.filePath(QStringLiteral("data"));
        backend = std::make_unique<LocalBackend>(local);
        engine = std::make_unique<LifecycleService>(*store_, clock, LifecycleOptions{});
        engine->addBackend(backend.get());
        tools = std::make_unique<SandboxTools>(*engine);
        terminals = std::make_unique<TerminalHub>(*engine);
        // Profiles served too (in memory), so the route table is the whole API.
        profileSecrets = std::make_unique<MemorySecretStore>();
        profiles = std::make_unique<ProfileStore>(*store_, *profileSecrets);
        if (!profiles->ensureDefault())
            return;
        if (!options.profiles)
            options.profiles = profiles.get();
        api = std::make_unique<api::ConsoleApi>(*engine, *tools, *terminals, kApiToken, options);
        auto address = api->listen(QStringLiteral("127.0.0.1:0"));
        if (address)
            base = QStringLiteral("http://") + address.value();
    }

    bool isValid() const { return !base.isEmpty(); }

    QNetworkRequest request(const QString& path, const QString& token = kApiToken) const {
        QNetworkRequest r(QUrl(base + path));
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        return r;
    }

    ApiResponse call(const QByteArray& method, const QString& path, const QByteArray& body = {},
                     const QString& token = kApiToken) {
        QNetworkRequest r = request(path, token);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = net.sendCustomRequest(r, method, body);
        ApiResponse out;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        out.reply = reply;
        reply->deleteLater();
        return out;
    }

    // Sends `GET <target>` as written, bypassing QUrl's dot-segment normalisation; returns
    // the raw response.
    QByteArray rawGet(const QByteArray& target) {
        const QUrl url(base);
        return raw("GET " + target + " HTTP/1.1\r\nHost: " + url.host().toLatin1() +
                   "\r\nAuthorization: Bearer " + kApiToken.toLatin1() +
                   "\r\nConnection: close\r\n\r\n");
    }

    // Sends a hand-made request; returns the raw response once it is complete.
    QByteArray raw(const QByteArray& requestText) {
        QTcpSocket socket;
        const QUrl url(base);
        socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
        if (!socket.waitForConnected(10'000))
            return {};
        socket.write(requestText);
        QByteArray response;
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                response += socket.readAll();
                const qsizetype end = response.indexOf("\r\n\r\n");
                const qsizetype at = response.indexOf("Content-Length: ");
                if (end < 0 || at < 0 || at > end)
                    return socket.state() == QAbstractSocket::UnconnectedState;
                const qsizetype eol = response.indexOf("\r\n", at);
                const qsizetype length = response.mid(at + 16, eol - at - 16).toLongLong();
                return response.size() >= end + 4 + length;
            },
            30'000);
        return response + socket.readAll();
    }

    // Provisions chat/thread through the API; empty id on failure.
    QString createSandbox(const QString& chat = QStringLiteral("c"),
                          const QString& thread = QStringLiteral("t")) {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("chatId"), chat},
                                                          {QStringLiteral("threadId"), thread}})
                                    .toJson(QJsonDocument::Compact);
        return call("POST", QStringLiteral("/api/sandboxes"), body)
            .json.value(QStringLiteral("id"))
            .toString();
    }

    QTemporaryDir m_dir;
    TempDatabase m_db;
    SystemClock clock;
    std::unique_ptr<Store> store_;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<LifecycleService> engine;
    std::unique_ptr<SandboxTools> tools;
    std::unique_ptr<TerminalHub> terminals;
    std::unique_ptr<MemorySecretStore> profileSecrets;
    std::unique_ptr<ProfileStore> profiles;
    std::unique_ptr<api::ConsoleApi> api;
    QNetworkAccessManager net;
    QString base;
};

inline QString errorCode(const ApiResponse& r) {
    return r.json.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

} // namespace hangar::test
