#pragma once

// Two Sprites-compatible servers (the emulator over its own LocalBackend, each with its own
// token) and an Engine on a fresh data directory with a MemorySecretStore: what the accounts
// tests (engine and console API) stand on.
#include "Engine.h"
#include "TestSupport.h"
#include "accounts/AccountManager.h"
#include "config/MemorySecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "spritesapi/SpritesApi.h"

#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>

namespace hangar::test {

// One Sprites-compatible server with its own token and machines.
struct SpritesServer {
    QTemporaryDir dir;
    std::unique_ptr<LocalBackend> machines;
    std::unique_ptr<spritesapi::SpritesApi> api;
    QString base;
    QString token;

    bool start(const QString& bearer) {
        if (!dir.isValid())
            return false;
        QLoggingCategory::setFilterRules(QStringLiteral("qt.httpserver.warning=false"));
        token = bearer;
        LocalBackend::Options options;
        options.dataDir = dir.path();
        options.workingDir = QStringLiteral("/home/sprite");
        options.killGraceMs = 1000;
        machines = std::make_unique<LocalBackend>(options);
        spritesapi::SpritesApi::Options apiOptions;
        apiOptions.token = token;
        api = std::make_unique<spritesapi::SpritesApi>(*machines, apiOptions);
        auto address = api->listen(QStringLiteral("127.0.0.1:0"));
        if (!address)
            return false;
        base = QStringLiteral("http://") + address.value();
        return true;
    }

    // The machines this server holds, by name.
    QStringList names() const {
        auto listed = await(machines->machines());
        return listed ? listed.value() : QStringList{QStringLiteral("<error>")};
    }
};

inline SpritesAccount account(const QString& id, const SpritesServer& server) {
    return SpritesAccount{id, id.toUpper() + QStringLiteral(" account"),
                          QStringLiteral("org-") + id, server.base};
}

// Every file under `dir` (the database, accounts.ini, ...) whose bytes contain `needle`.
inline QStringList filesContaining(const QString& dir, const QString& needle) {
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            hits << file.fileName();
    }
    return hits;
}

class AccountsRig {
protected:
    SpritesServer m_alpha;
    SpritesServer m_beta;
    QTemporaryDir m_data;
    MemorySecretStore m_secrets;
    QProcessEnvironment m_env;
    std::unique_ptr<Engine> m_engine;

    // Starts both servers; call from initTestCase().
    void startServers() {
        QVERIFY(m_alpha.start(QStringLiteral("org-alpha/1/alpha-secret-7f3a")));
        QVERIFY(m_beta.start(QStringLiteral("org-beta/1/beta-secret-91c2")));
        QVERIFY(m_data.isValid());
        m_env.insert(env::dataDir, m_data.path());
        m_env.insert(env::apiListen, QStringLiteral("127.0.0.1:0"));
        m_env.insert(env::apiToken, QStringLiteral("accounts-rig-token-0123456789"));
    }

    // An engine on the data directory as main() builds it: tokens read from the secret store.
    void startEngine() {
        m_engine.reset();
        auto config = Config::load(m_env);
        HANGAR_VERIFY_OK(config);
        auto secrets = EngineSecrets::resolve(config.value(), m_env, m_secrets);
        HANGAR_VERIFY_OK(secrets);
        auto engine = Engine::create(config.value(), nullptr, secrets.value());
        HANGAR_VERIFY_OK(engine);
        m_engine = std::move(engine).value();
    }

    AccountManager& accounts() const { return m_engine->accounts(); }
    LifecycleService& lifecycle() const { return m_engine->lifecycle(); }
};

} // namespace hangar::test
