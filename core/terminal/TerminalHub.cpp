#include "TerminalHub.h"

#include "StreamRedactor.h"
#include "TerminalSession.h"
#include "TranscriptStore.h"
#include "backend/Backend.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

#include <QRegularExpression>

namespace hangar {

namespace {

QString slot(const QString& sandboxId, const QString& key) {
    return sandboxId + QLatin1Char('/') + key;
}

} // namespace

TerminalHub::TerminalHub(LifecycleService& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

Status TerminalHub::validateKey(const QString& key) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!pattern.match(key).hasMatch()) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("terminal session names are 1 to 64 letters, digits, '-' or '_'"));
    }
    return {};
}

TerminalSession* TerminalHub::find(const QString& sandboxId, const QString& key) const {
    TerminalSession* s = m_sessions.value(slot(sandboxId, key));
    return s && s->isRunning() ? s : nullptr;
}

Task<TerminalSession*> TerminalHub::open(const QString& sandboxId, const QString& key,
                                         const TerminalOptions& options) {
    if (auto st = validateKey(key); !st)
        return failedTask<TerminalSession*>(st.error());
    if (TerminalSession* existing = find(sandboxId, key))
        return readyTask<TerminalSession*>(existing);
    const QString id = slot(sandboxId, key);
    // Two clients asking at once get the same new shell.
    if (auto starting = m_starting.value(id); starting.isValid() && !starting.isFinished())
        return starting;

    auto task = chain<TerminalSession*>(
        m_engine.ensureActive(sandboxId), this,
        [this, sandboxId, key, id, options](Result<Sandbox> sandbox) -> Task<TerminalSession*> {
            if (!sandbox)
                return failedTask<TerminalSession*>(sandbox.error());
            Backend* backend = m_engine.backend(sandbox.value().backend);
            if (!backend) {
                return failedTask<TerminalSession*>(
                    makeError(ErrorCode::Unavailable,
                              QStringLiteral("the sandbox's backend is not available")));
            }
            // The sandbox's environment (its profile's variables and secrets) comes along.
            QPointer<Backend> target = backend;
            const QString name = sandbox.value().name;
            return chain<TerminalSession*>(
                m_engine.environment(sandbox.value()), this,
                [this, target, name, sandboxId, key,
                 options](Result<QMap<QString, QString>> env) -> Task<TerminalSession*> {
                    if (!env)
                        return failedTask<TerminalSession*>(env.error());
                    if (!target)
                        return failedTask<TerminalSession*>(
                            makeError(ErrorCode::Unavailable,
                                      QStringLiteral("the sandbox's backend is not available")));
                    ExecRequest request;
                    request.argv = options.shell;
                    request.cwd = options.cwd;
                    request.tty = true;
                    request.cols = options.cols;
                    request.rows = options.rows;
                    request.env = env.value();
                    ExecSession* exec = target->startExec(name, request);
                    return readyTask<TerminalSession*>(adopt(sandboxId, key, exec, options.shell));
                });
        });
    m_starting.insert(id, task);
    task.then(this, [this, id](Result<TerminalSession*>) {
        if (m_starting.value(id).isFinished())
            m_starting.remove(id);
    });
    return task;
}

Task<TerminalSession*> TerminalHub::attach(const QString& sandboxId, const QString& sessionId) {
    const auto sandbox = m_engine.sandbox(sandboxId);
    if (!sandbox)
        return failedTask<TerminalSession*>(sandbox.error());
    Backend* backend = m_engine.backend(sandbox.value().backend);
    if (!backend) {
        return failedTask<TerminalSession*>(makeError(
            ErrorCode::Unavailable, QStringLiteral("the sandbox's backend is not available")));
    }
    ExecSession* exec = backend->attach(sandbox.value().name, sessionId);
    if (!exec) {
        return failedTask<TerminalSession*>(makeError(
            ErrorCode::NotFound, QStringLiteral("session %1 is not running").arg(sessionId)));
    }
    // Keyed by the backend's session id, so a second attach joins this one.
    QString key = QStringLiteral("attached-") + sessionId;
    key.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    key.truncate(64);
    if (TerminalSession* existing = find(sandboxId, key))
        return readyTask<TerminalSession*>(existing);
    return readyTask<TerminalSession*>(adopt(sandboxId, key, exec, exec->info().command));
}

TerminalSession* TerminalHub::adopt(const QString& sandboxId, const QString& key, ExecSession* exec,
                                    const QStringList& command) {
    auto* session = new TerminalSession(sandboxId, key, exec, this);
    const QString id = slot(sandboxId, key);
    m_sessions.insert(id, session);
    // Whatever ends the shell, the slot frees up for the next open().
    auto forget = [this, id, session] {
        if (m_sessions.value(id) == session)
            m_sessions.remove(id);
        session->deleteLater();
    };
    connect(session, &TerminalSession::exited, this, forget);
    connect(session, &TerminalSession::failed, this, forget);
    session->setReattach(
        [this, sandboxId](const QString& execId) { return reattach(sandboxId, execId); });
    record(session, command);
    return session;
}

Task<ExecSession*> TerminalHub::reattach(const QString& sandboxId, const QString& execId) {
    const auto sandbox = m_engine.sandbox(sandboxId);
    if (!sandbox)
        return failedTask<ExecSession*>(sandbox.error());
    Backend* backend = m_engine.backend(sandbox.value().backend);
    if (!backend) {
        return failedTask<ExecSession*>(makeError(
            ErrorCode::Unavailable, QStringLiteral("the sandbox's backend is not available")));
    }
    const QString name = sandbox.value().name;
    // Asking for the running sessions first also tells the backend which ones it may join.
    return chain<ExecSession*>(
        backend->sessions(name), this,
        [backend, name, execId](Result<QList<SessionInfo>> listed) -> Task<ExecSession*> {
            if (!listed)
                return failedTask<ExecSession*>(listed.error());
            const bool running =
                std::any_of(listed.value().cbegin(), listed.value().cend(),
                            [&](const SessionInfo& s) { return s.id == execId && s.running; });
            ExecSession* exec = running ? backend->attach(name, execId) : nullptr;
            if (!exec) {
                return failedTask<ExecSession*>(makeError(
                    ErrorCode::NotFound, QStringLiteral("the shell is no longer running")));
            }
            return readyTask<ExecSession*>(exec);
        });
}

void TerminalHub::setTranscripts(TranscriptStore* transcripts) {
    m_transcripts = transcripts;
}

bool TerminalHub::isAsleep(const QString& sandboxId) const {
    const auto sandbox = m_engine.sandbox(sandboxId);
    return sandbox && (sandbox.value().state == SandboxState::Hibernating ||
                       sandbox.value().state == SandboxState::Hibernated);
}

QString TerminalHub::endReason(const QString& sandboxId, const QString& otherwise) const {
    // A shell ends with the sandbox going to sleep: say so rather than "exited with 143" or
    // "cancelled".
    return isAsleep(sandboxId) ? tr("ended by hibernation") : otherwise;
}

void TerminalHub::record(TerminalSession* session, const QStringList& command) {
    if (!m_transcripts)
        return;
    auto id = m_transcripts->begin(session->sandboxId(), session->key(), command);
    if (!id) {
        emit transcriptFailed(id.error());
        return;
    }
    const QString transcript = id.value();
    const QPointer<TranscriptStore> store = m_transcripts;
    // The profile's secret values never reach the transcript: output waits until they are
    // known, then goes through the redactor.
    auto redactor = std::make_shared<StreamRedactor>();
    const auto sandbox = m_engine.sandbox(session->sandboxId());
    auto secrets = sandbox ? m_engine.secrets(sandbox.value())
                           : readyTask<QMap<QString, QString>>(QMap<QString, QString>());
    whenReady(secrets, this, [store, transcript, redactor](Result<QMap<QString, QString>> known) {
        // Without the values there is nothing in the environment to leak either.
        redactor->setSecrets(known ? known.value() : QMap<QString, QString>());
        if (store)
            store->append(transcript, redactor->feed({}));
    });
    connect(session, &TerminalSession::output, this,
            [store, transcript, redactor](const QByteArray& data) {
                if (store)
                    store->append(transcript, redactor->feed(data));
            });
    connect(session, &TerminalSession::exited, this,
            [this, store, transcript, session, redactor](int code) {
                if (!store)
                    return;
                store->append(transcript, redactor->finish());
                store->end(transcript, code, endReason(session->sandboxId(), tr("exited")));
            });
    connect(session, &TerminalSession::failed, this,
            [store, transcript, redactor](const Error& error) {
                if (!store)
                    return;
                store->append(transcript, redactor->finish());
                store->end(transcript, std::nullopt, error.describe());
            });
}

} // namespace hangar
