// SpritesBackend: lifecycle, exec and sessions, checkpoints, network policy. Files:
// SpritesBackendFs.cpp.
#include "SpritesBackend.h"

#include "SpritesBackendSession.h"
#include "util/Async.h"

#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTimer>

namespace hangar::sprites {

namespace {

// How long a finished session object stays around for late holders (QPointer) to read it.
constexpr int FinishedSessionLingerMs = 30'000;

Status checkRequest(const ExecRequest& request) {
    if (request.argv.isEmpty() || request.argv.first().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("exec: no command given"));
    for (auto it = request.env.cbegin(); it != request.env.cend(); ++it) {
        if (it.key().isEmpty() || it.key().contains(QLatin1Char('=')) ||
            it.key().contains(QChar(0)) || it.value().contains(QChar(0)))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("exec: invalid environment variable name '%1'").arg(it.key()));
    }
    if (request.tty &&
        (request.cols < 1 || request.rows < 1 || request.cols > 65535 || request.rows > 65535))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("exec: the terminal size must be 1-65535"));
    return {};
}

CheckpointInfo toInfo(const Checkpoint& checkpoint) {
    CheckpointInfo info;
    info.id = checkpoint.id;
    info.createdAt = checkpoint.createTime;
    info.comment = checkpoint.comment;
    return info;
}

} // namespace

SpritesBackend::SpritesBackend(Options options, QObject* parent)
    : Backend(parent)
    , m_options(std::move(options))
    , m_client(new SpritesClient(m_options.client, this))
    , m_network(new QNetworkAccessManager(this)) {
}

SpritesBackend::~SpritesBackend() = default;

QString SpritesBackend::isolation(const QString&) const {
    return QStringLiteral("Fly.io Sprites microVM");
}

Task<void> SpritesBackend::checkConnection() {
    ListOptions probe;
    probe.maxResults = 1;
    return discardValue(m_client->listSprites(probe), this);
}

bool SpritesBackend::isIsolated(const QString&) const {
    return true;
}

// --- lifecycle ------------------------------------------------------------------------------

Task<void> SpritesBackend::touch(const QString& name) {
    ExecRequest request;
    request.argv = QStringList{QStringLiteral("true")};
    return mapResult<void>(
        run(name, request, 4096), this, [name](Result<ExecResult> ran) -> Status {
            if (!ran)
                return ran.error();
            if (ran.value().exitCode != 0)
                return makeError(ErrorCode::Unavailable,
                                 QStringLiteral("sprite '%1' did not run `true` (exit %2)")
                                     .arg(name)
                                     .arg(ran.value().exitCode));
            return {};
        });
}

Task<ProviderStatus> SpritesBackend::create(const QString& name) {
    Task<SpriteInfo> created =
        chain<SpriteInfo>(m_client->createSprite(name), this, [this, name](Result<SpriteInfo> r) {
            // "already exists" is a 400 (§2.2): reuse the sprite if it is there.
            if (r || r.error().code != ErrorCode::InvalidArgument)
                return r ? readyTask<SpriteInfo>(r.value()) : failedTask<SpriteInfo>(r.error());
            const Error original = r.error();
            return mapResult<SpriteInfo>(
                m_client->getSprite(name), this, [original](Result<SpriteInfo> existing) {
                    return existing ? existing : Result<SpriteInfo>(original);
                });
        });
    Task<void> ready = chain<void>(created, this, [this, name](Result<SpriteInfo> sprite) {
        if (!sprite)
            return failedTask<void>(sprite.error());
        return chain<void>(m_client->makeDir(name, m_options.workingDir, true), this,
                           [this, name](Status made) {
                               if (!made)
                                   return failedTask<void>(made.error());
                               m_hibernated.remove(name);
                               return touch(name);
                           });
    });
    return chain<ProviderStatus>(ready, this, [this, name](Status done) {
        return done ? status(name) : failedTask<ProviderStatus>(done.error());
    });
}

Task<ProviderStatus> SpritesBackend::status(const QString& name) {
    return mapResult<ProviderStatus>(
        m_client->getSprite(name), this,
        [this, name](Result<SpriteInfo> sprite) -> Result<ProviderStatus> {
            if (!sprite) {
                if (sprite.error().code == ErrorCode::NotFound)
                    return ProviderStatus{ProviderState::Missing,
                                          QStringLiteral("no sprite named '%1'").arg(name)};
                return sprite.error();
            }
            ProviderStatus status{sprite.value().state(),
                                  QStringLiteral("sprite status: %1").arg(sprite.value().status)};
            if (m_hibernated.contains(name) && status.state != ProviderState::Running)
                status = ProviderStatus{ProviderState::Cold,
                                        QStringLiteral("hibernated by Hangar (sprite status: %1)")
                                            .arg(sprite.value().status)};
            return status;
        });
}

Task<void> SpritesBackend::hibernate(const QString& name) {
    return chain<void>(
        m_client->listSessions(name), this, [this, name](Result<QList<SessionSummary>> listed) {
            if (!listed)
                return failedTask<void>(listed.error());
            QList<Task<KillResult>> kills;
            for (const SessionSummary& session : listed.value())
                kills.append(m_client->killSession(name, session.id, {}, m_options.killTimeout));
            Deferred<void> done;
            QtFuture::whenAll(kills.begin(), kills.end())
                .then(this, [this, name, done](const QList<Task<KillResult>>& all) {
                    for (const auto& kill : all) {
                        const Result<KillResult> r = kill.result();
                        // A session that ended meanwhile is what we wanted.
                        if (!r && r.error().code != ErrorCode::NotFound)
                            return done.resolve(r.error());
                    }
                    m_hibernated.insert(name);
                    m_listed.remove(name);
                    done.resolve({});
                });
            return done.future();
        });
}

Task<void> SpritesBackend::wake(const QString& name) {
    return chain<void>(m_client->getSprite(name), this, [this, name](Result<SpriteInfo> sprite) {
        if (!sprite)
            return failedTask<void>(sprite.error());
        m_hibernated.remove(name);
        return touch(name);
    });
}

Task<void> SpritesBackend::destroy(const QString& name) {
    return mapResult<void>(m_client->deleteSprite(name), this, [this, name](Status deleted) {
        if (!deleted && deleted.error().code != ErrorCode::NotFound)
            return deleted;
        m_hibernated.remove(name);
        m_listed.remove(name);
        return Status{};
    });
}

// --- exec -----------------------------------------------------------------------------------

QString SpritesBackend::resolve(const QString& path) const {
    if (path.isEmpty())
        return m_options.workingDir;
    if (path.startsWith(QLatin1Char('/')))
        return path;
    return m_options.workingDir + QLatin1Char('/') + path;
}

SpritesBackendSession* SpritesBackend::track(SpritesBackendSession* session) {
    m_live.removeAll(nullptr);
    m_live.append(session);
    const QString name = session->sprite();
    connect(session, &ExecSession::output, this, [this, name] { emit activity(name); });
    auto finished = [this, session, name] {
        m_listed[name].remove(session->info().id);
        QTimer::singleShot(FinishedSessionLingerMs, session, &QObject::deleteLater);
    };
    connect(session, &ExecSession::exited, this, finished);
    connect(session, &ExecSession::failed, this, finished);
    return session;
}

ExecSession* SpritesBackend::startExec(const QString& name, const ExecRequest& request) {
    if (auto valid = checkRequest(request); !valid)
        return track(new SpritesBackendSession(name, valid.error(), this));
    if (auto valid = SpritesClient::validateName(name); !valid)
        return track(new SpritesBackendSession(name, valid.error(), this));
    if (m_hibernated.contains(name))
        return track(new SpritesBackendSession(
            name,
            makeError(ErrorCode::Unavailable,
                      QStringLiteral("sandbox '%1' is hibernated: wake it first").arg(name)),
            this));
    ExecOptions options;
    options.argv = request.argv;
    options.dir = resolve(request.cwd);
    options.env = request.env;
    options.tty = request.tty;
    options.cols = request.cols;
    options.rows = request.rows;
    // Like local sessions: they run until they exit or are killed, attached or not.
    options.detachable = true;
    SpritesExecSession* inner = m_client->exec(name, options);
    return track(new SpritesBackendSession(name, inner, request.timeoutMs, m_client, this));
}

Task<QList<SessionInfo>> SpritesBackend::sessions(const QString& name) {
    return mapResult<QList<SessionInfo>>(
        m_client->listSessions(name), this,
        [this, name](Result<QList<SessionSummary>> listed) -> Result<QList<SessionInfo>> {
            if (!listed)
                return listed.error();
            QList<SessionInfo> result;
            QSet<QString> ids;
            for (const SessionSummary& s : listed.value()) {
                SessionInfo info;
                info.id = s.id;
                info.command = s.command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                info.tty = s.tty;
                info.running = true; // the list holds running sessions (§4.1)
                info.startedAt = s.created;
                info.lastActivityAt = s.lastActivity.isValid() ? s.lastActivity : s.created;
                result.append(info);
                ids.insert(s.id);
            }
            m_listed.insert(name, ids);
            return result;
        });
}

ExecSession* SpritesBackend::attach(const QString& name, const QString& sessionId) {
    if (sessionId.isEmpty())
        return nullptr;
    // A connection of ours that still runs is joined; one that broke is replaced by a new one.
    for (const auto& live : std::as_const(m_live)) {
        if (live && live->sprite() == name && live->info().id == sessionId && live->isRunning())
            return live.data();
    }
    if (!m_listed.value(name).contains(sessionId))
        return nullptr;
    return track(
        new SpritesBackendSession(name, m_client->attach(name, sessionId), 0, m_client, this));
}

// --- checkpoints ----------------------------------------------------------------------------

EventHandler SpritesBackend::progressOf(const QString& name) {
    return [self = QPointer<SpritesBackend>(this), name](const QJsonObject& event) {
        const QString text = event.value(QStringLiteral("data")).toString().trimmed();
        if (self && !text.isEmpty() &&
            event.value(QStringLiteral("type")).toString() != QLatin1String("error"))
            emit self->progress(name, text);
    };
}

Task<CheckpointInfo> SpritesBackend::createCheckpoint(const QString& name, const QString& comment) {
    return chain<CheckpointInfo>(
        m_client->createCheckpoint(name, comment, progressOf(name)), this,
        [this, name](Result<QString> complete) -> Task<CheckpointInfo> {
            if (!complete)
                return failedTask<CheckpointInfo>(complete.error());
            // "Checkpoint v3 created" (§5.1); else the newest one.
            static const QRegularExpression created(QStringLiteral("^Checkpoint (\\S+) created"));
            const auto match = created.match(complete.value());
            if (match.hasMatch())
                return mapResult<CheckpointInfo>(
                    m_client->getCheckpoint(name, match.captured(1)), this,
                    [](Result<Checkpoint> c) -> Result<CheckpointInfo> {
                        if (!c)
                            return c.error();
                        return toInfo(c.value());
                    });
            return mapResult<CheckpointInfo>(
                m_client->listCheckpoints(name), this,
                [complete](Result<QList<Checkpoint>> all) -> Result<CheckpointInfo> {
                    if (!all)
                        return all.error();
                    if (all.value().isEmpty())
                        return makeError(ErrorCode::Io,
                                         QStringLiteral("the server reported \"%1\" but lists "
                                                        "no checkpoint")
                                             .arg(complete.value()));
                    return toInfo(all.value().first());
                });
        });
}

Task<QList<CheckpointInfo>> SpritesBackend::listCheckpoints(const QString& name) {
    return mapResult<QList<CheckpointInfo>>(
        m_client->listCheckpoints(name), this,
        [](Result<QList<Checkpoint>> all) -> Result<QList<CheckpointInfo>> {
            if (!all)
                return all.error();
            QList<CheckpointInfo> result;
            for (const Checkpoint& checkpoint : all.value())
                result.append(toInfo(checkpoint));
            return result;
        });
}

Task<void> SpritesBackend::restoreCheckpoint(const QString& name, const QString& checkpointId) {
    return discardValue(m_client->restoreCheckpoint(name, checkpointId, progressOf(name)), this);
}

Task<void> SpritesBackend::deleteCheckpoint(const QString& name, const QString& checkpointId) {
    return m_client->deleteCheckpoint(name, checkpointId);
}

// --- network policy -------------------------------------------------------------------------

Task<NetworkPolicy> SpritesBackend::networkPolicy(const QString& name) {
    return m_client->networkPolicy(name);
}

Task<void> SpritesBackend::setNetworkPolicy(const QString& name, const NetworkPolicy& policy) {
    return m_client->setNetworkPolicy(name, policy);
}

} // namespace hangar::sprites
