#include "LocalBackend.h"

#include "FsUtil.h"
#include "LocalCheckpoints.h"
#include "LocalExecSession.h"
#include "LocalServices.h"
#include "RootFs.h"
#include "SandboxConfig.h"
#include "SandboxRunner.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QRegularExpression>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace hangar {

using local::LocalExecSession;
using local::SandboxConfig;

namespace {

constexpr int KeptFinishedSessions = 32;
const QLatin1String TrashPrefix(".trash-");

template <typename T>
void settle(const std::shared_ptr<QPromise<Result<T>>>& promise, Result<T> result) {
    promise->addResult(std::move(result));
    promise->finish();
}

std::shared_ptr<QPromise<Status>> startedPromise() {
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    return promise;
}

// Sandboxes destroy() had moved aside but not yet deleted, and checkpoint restores that never
// finished. Deletes without following symlinks.
void removeCrashLeftovers(const QString& sandboxesDir) {
    const QDir dir(sandboxesDir);
    const QStringList trash =
        dir.entryList({QString(TrashPrefix) + QLatin1Char('*')},
                      QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : trash) {
        if (auto removed = local::removeTree(dir.filePath(name)); !removed)
            qWarning("%s", qPrintable(removed.error().describe()));
    }
    const QStringList sandboxes =
        dir.entryList(QDir::Dirs | QDir::NoSymLinks | QDir::NoDotAndDotDot);
    for (const QString& name : sandboxes)
        local::LocalCheckpoints::removeLeftovers(dir.filePath(name));
}

} // namespace

LocalBackend::LocalBackend(Options options, QObject* parent)
    : Backend(parent)
    , m_options(std::move(options))
    , m_runner(
          std::make_unique<local::SandboxRunner>(m_options.workingDir, m_options.forceUnisolated))
    , m_checkpoints(new local::LocalCheckpoints(this))
    , m_services(new local::LocalServices(*this)) {
    if (!m_options.dataDir.isEmpty()) {
        const QString sandboxes = m_options.dataDir + QStringLiteral("/sandboxes");
        m_cleanup = QtConcurrent::run([sandboxes] { removeCrashLeftovers(sandboxes); });
        // After the cleanup: it finishes restores that a crash interrupted.
        auto* cleaned = new QFutureWatcher<void>(this);
        connect(cleaned, &QFutureWatcher<void>::finished, this, [this, cleaned] {
            cleaned->deleteLater();
            bootServices();
        });
        cleaned->setFuture(m_cleanup);
    }
}

void LocalBackend::bootServices() {
    const QDir dir(m_options.dataDir + QStringLiteral("/sandboxes"));
    for (const QString& name :
         dir.entryList(QDir::Dirs | QDir::NoSymLinks | QDir::NoDotAndDotDot)) {
        if (!QFileInfo::exists(dir.filePath(name) + QStringLiteral("/services.json")))
            continue;
        if (auto config = loadConfig(name); config && !config.value().cold)
            m_services->boot(name);
    }
}

LocalBackend::~LocalBackend() {
    m_cleanup.waitForFinished();
    // Sessions kill their processes when deleted; do it while the backend is still whole.
    for (const auto& session : std::as_const(m_sessions))
        delete session.data();
}

QString LocalBackend::sandboxDir(const QString& name) const {
    return m_options.dataDir + QStringLiteral("/sandboxes/") + name;
}

QString LocalBackend::hostRoot(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/root");
}

QString LocalBackend::configPath(const QString& name) const {
    return sandboxDir(name) + QStringLiteral("/sandbox.json");
}

Status LocalBackend::checkExists(const QString& name) const {
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"));
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid sandbox name: '%1'").arg(name));
    if (!QFileInfo::exists(configPath(name)) || !QFileInfo(hostRoot(name)).isDir())
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox named '%1'").arg(name));
    return {};
}

Result<SandboxConfig> LocalBackend::loadConfig(const QString& name) const {
    if (auto exists = checkExists(name); !exists)
        return exists.error();
    return SandboxConfig::load(configPath(name));
}

local::RootFs LocalBackend::rootFs(const QString& name) const {
    return local::RootFs(hostRoot(name), m_options.workingDir);
}

QString LocalBackend::isolation(const QString& name) const {
    if (!m_runner->isolated())
        return QStringLiteral("none — NOT ISOLATED (%1)").arg(m_runner->reason());
    auto config = loadConfig(name);
    if (config && local::policyDeniesNetwork(config.value().network))
        return QStringLiteral("bubblewrap (no network)");
    return QStringLiteral("bubblewrap");
}

bool LocalBackend::isIsolated(const QString&) const {
    return m_runner->isolated();
}

void LocalBackend::warnIfUnisolated(const QString& name) {
    if (!m_runner->isolated())
        emit warning(name, QStringLiteral("sandbox '%1' is NOT ISOLATED: commands run as plain "
                                          "processes with your privileges (%2)")
                               .arg(name, m_runner->reason()));
}

// --- lifecycle ------------------------------------------------------------------------------

Task<ProviderStatus> LocalBackend::create(const QString& name) {
    if (auto exists = checkExists(name); !exists && exists.error().code != ErrorCode::NotFound)
        return failedTask<ProviderStatus>(exists.error());
    if (!QDir().mkpath(hostRoot(name)) ||
        !QDir().mkpath(sandboxDir(name) + QStringLiteral("/checkpoints")))
        return failedTask<ProviderStatus>(
            makeError(ErrorCode::Io, QStringLiteral("cannot create ") + sandboxDir(name)));
    SandboxConfig config;
    if (QFileInfo::exists(configPath(name))) {
        auto loaded = SandboxConfig::load(configPath(name));
        if (loaded)
            config = loaded.value();
    }
    config.cold = false;
    if (auto saved = config.save(configPath(name)); !saved)
        return failedTask<ProviderStatus>(saved.error());
    warnIfUnisolated(name);
    return status(name);
}

Task<ProviderStatus> LocalBackend::status(const QString& name) {
    auto config = loadConfig(name);
    if (!config) {
        if (config.error().code == ErrorCode::NotFound)
            return readyTask<ProviderStatus>(ProviderStatus{ProviderState::Missing, {}});
        return failedTask<ProviderStatus>(config.error());
    }
    ProviderStatus result;
    if (config.value().cold)
        result.state = ProviderState::Cold;
    else if (!liveSessions(name).isEmpty())
        result.state = ProviderState::Running;
    else
        result.state = ProviderState::Warm;
    result.detail =
        providerStateName(result.state) + QStringLiteral(", isolation: ") + isolation(name);
    return readyTask<ProviderStatus>(result);
}

Task<void> LocalBackend::hibernate(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    m_busy.insert(name);
    return stopSessions(name).then(this, [this, name](const Status&) -> Status {
        m_busy.remove(name);
        auto config = loadConfig(name);
        if (!config)
            return config.error();
        config.value().cold = true;
        return config.value().save(configPath(name));
    });
}

Task<void> LocalBackend::wake(const QString& name) {
    auto config = loadConfig(name);
    if (!config)
        return failedTask<void>(config.error());
    if (config.value().cold) {
        config.value().cold = false;
        if (auto saved = config.value().save(configPath(name)); !saved)
            return failedTask<void>(saved.error());
        m_services->boot(name);
    }
    warnIfUnisolated(name);
    return readyTask();
}

Task<void> LocalBackend::destroy(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return exists.error().code == ErrorCode::NotFound ? readyTask()
                                                          : failedTask<void>(exists.error());
    m_busy.insert(name);
    auto promise = startedPromise();
    stopSessions(name).then(this, [this, name, promise](const Status&) {
        // Move it out of the way at once (the name is free again), delete it off-thread.
        const QString trash = m_options.dataDir + QStringLiteral("/sandboxes/") + TrashPrefix +
                              QUuid::createUuid().toString(QUuid::Id128);
        const QString dir =
            QDir(sandboxDir(name)).rename(sandboxDir(name), trash) ? trash : sandboxDir(name);
        m_services->forget(name);
        QtConcurrent::run([dir] {
            return local::removeTree(dir);
        }).then(this, [this, name, promise](const Status& removed) {
            m_busy.remove(name);
            settle(promise, removed);
        });
    });
    return promise->future();
}

// --- exec -----------------------------------------------------------------------------------

QList<LocalExecSession*> LocalBackend::liveSessions(const QString& name) const {
    QList<LocalExecSession*> result;
    for (const auto& session : m_sessions) {
        if (session && session->sandbox() == name && !session->isFinished())
            result.append(session.data());
    }
    return result;
}

ExecSession* LocalBackend::startExec(const QString& name, const ExecRequest& request) {
    const QString id = QStringLiteral("s%1-%2")
                           .arg(++m_sessionCounter)
                           .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    auto* session = new LocalExecSession(
        {id, name, request, m_options.killGraceMs, m_options.scrollbackBytes}, this);
    m_sessions.append(session);
    connect(session, &LocalExecSession::finished, this,
            [this, session] { onSessionFinished(session); });
    connect(session, &LocalExecSession::activity, this, [this, name] { emit activity(name); });

    auto config = loadConfig(name);
    if (!config) {
        session->failLater(config.error());
        return session;
    }
    if (config.value().cold) {
        session->failLater(
            makeError(ErrorCode::Unavailable,
                      QStringLiteral("sandbox '%1' is hibernated; wake it first").arg(name)));
        return session;
    }
    if (m_busy.contains(name)) {
        session->failLater(makeError(ErrorCode::Unavailable,
                                     QStringLiteral("sandbox '%1' is stopping").arg(name)));
        return session;
    }
    auto cwd = rootFs(name).directory(request.cwd);
    if (!cwd) {
        session->failLater(cwd.error());
        return session;
    }
    auto spec = m_runner->build(name, hostRoot(name), cwd.value().inside, cwd.value().host, request,
                                local::policyDeniesNetwork(config.value().network));
    if (!spec) {
        session->failLater(spec.error());
        return session;
    }
    session->start(spec.value());
    return session;
}

void LocalBackend::onSessionFinished(LocalExecSession* session) {
    m_finished.append(session);
    while (m_finished.size() > KeptFinishedSessions) {
        QPointer<LocalExecSession> oldest = m_finished.takeFirst();
        m_sessions.removeAll(oldest);
        if (oldest)
            oldest->deleteLater();
    }
    m_sessions.removeAll(nullptr);
}

Task<QList<SessionInfo>> LocalBackend::sessions(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QList<SessionInfo>>(exists.error());
    QList<SessionInfo> result;
    for (const auto& session : std::as_const(m_sessions)) {
        if (session && session->sandbox() == name)
            result.append(session->info());
    }
    return readyTask<QList<SessionInfo>>(result);
}

ExecSession* LocalBackend::attach(const QString& name, const QString& sessionId) {
    for (LocalExecSession* session : liveSessions(name)) {
        if (session->id() == sessionId)
            return session;
    }
    return nullptr;
}

Task<void> LocalBackend::stopSessions(const QString& name) {
    m_services->suspend(name); // they end with the sessions and stay stopped
    const QList<LocalExecSession*> live = liveSessions(name);
    if (live.isEmpty())
        return readyTask();
    struct Waiter {
        QSet<QObject*> remaining;
        std::shared_ptr<QPromise<Status>> promise;
    };
    auto waiter = std::make_shared<Waiter>();
    waiter->promise = startedPromise();
    for (LocalExecSession* session : live)
        waiter->remaining.insert(session);
    auto done = [waiter](QObject* session) {
        if (waiter->remaining.remove(session) && waiter->remaining.isEmpty())
            settle(waiter->promise, Status{});
    };
    for (LocalExecSession* session : live) {
        connect(session, &LocalExecSession::finished, this, [done, session] { done(session); });
        connect(session, &QObject::destroyed, this, [done, session] { done(session); });
        session->terminate();
    }
    return waiter->promise->future();
}

// --- checkpoints ----------------------------------------------------------------------------

Task<CheckpointInfo> LocalBackend::createCheckpoint(const QString& name, const QString& comment) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<CheckpointInfo>(exists.error());
    emit progress(name, QStringLiteral("Saving the sandbox's files..."));
    return m_checkpoints->create(sandboxDir(name), comment);
}

Task<QList<CheckpointInfo>> LocalBackend::listCheckpoints(const QString& name) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<QList<CheckpointInfo>>(exists.error());
    return readyTask(m_checkpoints->list(sandboxDir(name)));
}

Task<void> LocalBackend::restoreCheckpoint(const QString& name, const QString& checkpointId) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    if (!m_checkpoints->exists(sandboxDir(name), checkpointId))
        return failedTask<void>(
            makeError(ErrorCode::NotFound, QStringLiteral("no checkpoint '%1'").arg(checkpointId)));
    m_busy.insert(name);
    auto promise = startedPromise();
    emit progress(name, QStringLiteral("Stopping the commands running in the sandbox..."));
    stopSessions(name).then(this, [this, name, checkpointId, promise](const Status&) {
        emit progress(name, QStringLiteral("Restoring the files of %1...").arg(checkpointId));
        m_checkpoints->restore(sandboxDir(name), checkpointId)
            .then(this, [this, name, checkpointId, promise](const Status& restored) {
                m_busy.remove(name);
                if (restored) {
                    emit progress(name, QStringLiteral("Restored to %1").arg(checkpointId));
                    // Like a machine booting from the checkpoint (unless it is hibernated).
                    if (auto config = loadConfig(name); config && !config.value().cold)
                        m_services->boot(name);
                }
                settle(promise, restored);
            });
    });
    return promise->future();
}

Task<void> LocalBackend::deleteCheckpoint(const QString& name, const QString& checkpointId) {
    if (auto exists = checkExists(name); !exists)
        return failedTask<void>(exists.error());
    return readyTask(m_checkpoints->remove(sandboxDir(name), checkpointId));
}

// --- network policy -------------------------------------------------------------------------

Task<NetworkPolicy> LocalBackend::networkPolicy(const QString& name) {
    auto config = loadConfig(name);
    if (!config)
        return failedTask<NetworkPolicy>(config.error());
    return readyTask<NetworkPolicy>(config.value().network);
}

Task<void> LocalBackend::setNetworkPolicy(const QString& name, const NetworkPolicy& policy) {
    if (auto valid = local::validatePolicy(policy); !valid)
        return failedTask<void>(valid.error());
    auto config = loadConfig(name);
    if (!config)
        return failedTask<void>(config.error());
    // Applies to sessions started from now on.
    config.value().network = policy;
    return readyTask(config.value().save(configPath(name)));
}

} // namespace hangar
