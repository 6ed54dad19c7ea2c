#include "LifecycleService.h"

#include "Reconciler.h"
#include "Sweeper.h"
#include "store/ChangeFeed.h"
#include "store/Store.h"
#include "util/Async.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcLifecycle, "hangar.lifecycle")

namespace hangar {

namespace {

// Sprites accepts lower-case letters, digits and hyphens, starting with a letter or digit; the
// name also becomes a DNS label of the sprite's URL, hence 63 characters at most.
constexpr int kMaxNameLength = 63;
// Session output can arrive many times a second; activity is written at most this often.
constexpr qint64 kActivityWriteIntervalMs = 5'000;

const QRegularExpression& namePattern() {
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    return re;
}

const QRegularExpression& idPattern() {
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return re;
}

Error notFound(const QString& id) {
    return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
}

} // namespace

LifecycleService::LifecycleService(Store& store, const Clock& clock, LifecycleOptions options,
                                   QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_options(std::move(options)) {
    m_sweeper = new Sweeper(*this, this);
    m_reconciler = new Reconciler(*this, this);
    if (ChangeFeed* feed = m_store.changes()) {
        connect(feed, &ChangeFeed::changed, this, &LifecycleService::onStoreChange);
        trackAnnouncements();
    }
    m_claimRenewal.setInterval(
        static_cast<int>(std::clamp<qint64>(m_options.claimLeaseMs / 3, 10, 3'600'000)));
    connect(&m_claimRenewal, &QTimer::timeout, this, &LifecycleService::renewClaims);
}

LifecycleService::~LifecycleService() {
    // A clean exit hands its sandboxes over at once instead of after the lease.
    for (const QString& id : m_heldClaims.keys())
        releaseClaim(id);
}

void LifecycleService::addBackend(Backend* backend) {
    Q_ASSERT(backend);
    addBackend(backend->kind(), backend);
}

void LifecycleService::addBackend(const QString& key, Backend* backend) {
    Q_ASSERT(backend);
    removeBackend(key);
    m_backends.insert(key, backend);
    connect(backend, &Backend::activity, this, &LifecycleService::onBackendActivity);
    connect(backend, &Backend::warning, this, &LifecycleService::onBackendWarning);
}

void LifecycleService::removeBackend(const QString& key) {
    if (Backend* old = m_backends.take(key))
        disconnect(old, nullptr, this, nullptr);
}

Backend* LifecycleService::backend(const QString& kind) const {
    return m_backends.value(kind);
}

QStringList LifecycleService::backendKinds() const {
    return m_backends.keys();
}

Backend* LifecycleService::backendFor(const Sandbox& sandbox) const {
    return backend(sandbox.backend);
}

Status LifecycleService::validateName(const QString& name) {
    if (name.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a sandbox name cannot be empty"));
    if (name.size() > kMaxNameLength) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("sandbox name \"%1\" is longer than %2 characters")
                             .arg(name)
                             .arg(kMaxNameLength));
    }
    if (!namePattern().match(name).hasMatch()) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("sandbox name \"%1\" may only contain lower-case letters, digits "
                           "and hyphens, and must start with a letter or digit")
                .arg(name));
    }
    return {};
}

Result<QString> LifecycleService::sandboxName(const QString& chatId,
                                              const QString& threadId) const {
    for (const auto& [label, value] : {std::pair{QStringLiteral("chat id"), chatId},
                                       std::pair{QStringLiteral("thread id"), threadId}}) {
        if (!idPattern().match(value).hasMatch()) {
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 \"%2\" is not valid: use lower-case letters and digits, "
                               "optionally separated by single hyphens")
                    .arg(label, value));
        }
    }
    if (!m_options.pinnedSandbox.isEmpty())
        return m_options.pinnedSandbox;
    const QString name =
        m_options.namePrefix + QLatin1Char('-') + chatId + QLatin1Char('-') + threadId;
    if (auto st = validateName(name); !st)
        return st.error();
    return name;
}

Result<Sandbox> LifecycleService::load(const QString& id) const {
    auto found = m_store.sandboxById(id);
    if (!found)
        return found.error();
    if (!found.value())
        return notFound(id);
    return *found.value();
}

Result<Sandbox> LifecycleService::sandbox(const QString& id) const {
    return load(id);
}

Result<QList<Sandbox>> LifecycleService::sandboxes() const {
    return m_store.sandboxes();
}

Result<QList<LifecycleEvent>> LifecycleService::events(const QString& id, qint64 afterSeq) const {
    return m_store.events(id, afterSeq);
}

void LifecycleService::announce(const LifecycleEvent& event, const Sandbox& sandbox) {
    emit eventRecorded(event);
    if (event.from)
        emit stateChanged(sandbox.id, *event.from, event.to, event.reason);
    emit sandboxChanged(sandbox);
}

Result<Sandbox> LifecycleService::moveTo(const Sandbox& sandbox, SandboxState to,
                                         const QString& reason, const QString& error) {
    const QDateTime now = m_clock.now();
    auto event = m_store.transition(sandbox.id, sandbox.state, to, reason, error, now);
    if (!event) {
        qCWarning(lcLifecycle).noquote()
            << sandbox.name << "could not move" << stateName(sandbox.state) << "->" << stateName(to)
            << ":" << event.error().message;
        return event.error();
    }
    Sandbox updated = sandbox;
    updated.state = to;
    updated.error = error;
    updated.updatedAt = now;
    if (to == SandboxState::Active) {
        // A sandbox that just became usable starts a fresh idle period.
        if (m_store.touch(sandbox.id, now))
            updated.lastActivityAt = now;
    }
    // Shared store: our copy may predate another instance's write (activity), and listeners
    // keep the last record announced, so announce the row as committed.
    Sandbox announced = updated;
    if (m_store.isShared()) {
        if (auto fresh = load(sandbox.id))
            announced = fresh.value();
    }
    qCInfo(lcLifecycle).noquote() << sandbox.name << stateName(sandbox.state) << "->"
                                  << stateName(to)
                                  << (reason.isEmpty()
                                          ? QString()
                                          : QStringLiteral("(") + reason + QLatin1Char(')'))
                                  << error;
    announce(event.value(), announced);
    return updated;
}

Result<Sandbox> LifecycleService::afterConflict(Result<Sandbox> moved, const QString& id) const {
    if (moved || moved.error().code != ErrorCode::Conflict)
        return moved;
    qCInfo(lcLifecycle).noquote() << id << "was changed by someone else meanwhile; theirs stands";
    return load(id);
}

bool LifecycleService::isBusy(const QString& id) const {
    const auto it = m_queueTail.constFind(id);
    return it != m_queueTail.constEnd() && !it->task.isFinished();
}

Task<Sandbox> LifecycleService::exclusive(const QString& id,
                                          std::function<Task<Sandbox>()> operation) {
    Deferred<Sandbox> done;
    auto run = [this, id, done, operation = std::move(operation)] {
        claimed(id, operation).then(this, [done](Result<Sandbox> r) {
            done.resolve(std::move(r));
        });
    };
    Task<Sandbox> previous = m_queueTail.value(id).task;
    if (previous.isValid() && !previous.isFinished())
        previous.then(this, [run](Result<Sandbox>) { run(); });
    else
        run();
    const quint64 ticket = ++m_queueTickets;
    Task<Sandbox> mine = done.future();
    m_queueTail.insert(id, QueuedOperation{mine, ticket});
    mine.then(this, [this, id, ticket](Result<Sandbox>) {
        if (m_queueTail.value(id).ticket == ticket)
            m_queueTail.remove(id);
    });
    return mine;
}

Task<Sandbox> LifecycleService::runProvider(const Sandbox& sandbox, SandboxState successState,
                                            Task<void> providerCall, const QString& reason) {
    const QString id = sandbox.id;
    const SandboxState from = sandbox.state;
    return mapResult<Sandbox>(
        providerCall, this,
        [this, id, from, successState, reason](Result<void> r) -> Result<Sandbox> {
            auto current = load(id);
            if (!current)
                return current.error();
            if (current.value().state != from) {
                // Someone else moved it while the provider worked: theirs stands, and a
                // provider error of ours must not fail a sandbox that is no longer ours.
                qCInfo(lcLifecycle).noquote()
                    << current.value().name << "is" << stateName(current.value().state)
                    << "now, not" << stateName(from) << "; leaving it so";
                return r ? current : Result<Sandbox>(r.error());
            }
            if (r)
                return afterConflict(moveTo(current.value(), successState, reason), id);
            const QString message = r.error().describe();
            auto failed = moveTo(current.value(), SandboxState::Failed,
                                 QStringLiteral("provider error"), message);
            if (!failed && failed.error().code != ErrorCode::Conflict)
                return failed.error();
            return r.error();
        });
}

Task<void> LifecycleService::prepared(const Sandbox& sandbox, Task<void> providerCall,
                                      SandboxPreparer::Phase phase) {
    if (!m_preparer)
        return providerCall;
    return chain<void>(providerCall, this, [this, sandbox, phase](Result<void> r) -> Task<void> {
        if (!r)
            return failedTask<void>(r.error());
        Backend* provider = backendFor(sandbox);
        if (!m_preparer || !provider)
            return readyTask();
        return m_preparer->prepare(sandbox, *provider, phase);
    });
}

Task<QMap<QString, QString>> LifecycleService::environment(const Sandbox& sandbox) {
    if (!m_preparer)
        return readyTask<QMap<QString, QString>>(QMap<QString, QString>());
    return m_preparer->environment(sandbox);
}

Task<QMap<QString, QString>> LifecycleService::secrets(const Sandbox& sandbox) {
    if (!m_preparer)
        return readyTask<QMap<QString, QString>>(QMap<QString, QString>());
    return m_preparer->secrets(sandbox);
}

Task<Sandbox> LifecycleService::provision(const QString& chatId, const QString& threadId,
                                          const QString& backendKind,
                                          const ProvisionOptions& provisionOptions) {
    auto name = sandboxName(chatId, threadId);
    if (!name)
        return failedTask<Sandbox>(name.error());
    const QString kind = backendKind.isEmpty() ? m_options.defaultBackend : backendKind;
    Backend* provider = backend(kind);
    if (!provider) {
        return failedTask<Sandbox>(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("backend \"%1\" is not available (available: %2)")
                          .arg(kind, backendKinds().join(QStringLiteral(", ")))));
    }

    // An existing sandbox of that name is the answer, once whatever is happening to it (here
    // or in another instance) has finished.
    auto settled = [this](const Sandbox& s) -> Task<Sandbox> {
        if (!isTransient(s.state))
            return readyTask<Sandbox>(s);
        const QString id = s.id;
        return exclusive(id, [this, id] { return readyTask<Sandbox>(load(id)); });
    };
    auto existing = m_store.sandboxByName(name.value());
    if (!existing)
        return failedTask<Sandbox>(existing.error());
    // Asked for another account than the one the chat's sandbox is on: say so rather than
    // hand back a sandbox somewhere the caller did not ask for.
    if (existing.value() && !backendKind.isEmpty() && existing.value()->backend != kind) {
        return failedTask<Sandbox>(makeError(
            ErrorCode::Conflict, QStringLiteral("sandbox %1 already exists on %2, not on %3")
                                     .arg(name.value(), existing.value()->backend, kind)));
    }
    if (existing.value())
        return settled(*existing.value());
    if (m_preparer) {
        if (auto st = m_preparer->check(provisionOptions); !st)
            return failedTask<Sandbox>(st.error());
    }

    const QDateTime now = m_clock.now();
    Sandbox created;
    created.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    created.name = name.value();
    created.backend = kind;
    created.chatId = chatId;
    created.threadId = threadId;
    created.state = SandboxState::Provisioning;
    created.createdAt = created.updatedAt = created.lastActivityAt = now;
    created.pinned = !m_options.pinnedSandbox.isEmpty();
    auto event = m_store.insertSandbox(
        created, QStringLiteral("created for chat %1, thread %2").arg(chatId, threadId));
    if (!event) {
        // Lost a race with another provision of the same name (perhaps in another
        // instance): that one wins.
        if (event.error().code == ErrorCode::AlreadyExists) {
            if (auto again = m_store.sandboxByName(name.value()); again && again.value())
                return settled(*again.value());
        }
        return failedTask<Sandbox>(event.error());
    }
    if (m_preparer) {
        if (auto st = m_preparer->created(created, provisionOptions); !st)
            qCWarning(lcLifecycle).noquote()
                << created.name << "profile not recorded:" << st.error().message;
    }
    qCInfo(lcLifecycle).noquote() << created.name << "created on" << kind << "-> provisioning";
    emit sandboxAdded(created);
    emit eventRecorded(event.value());

    return exclusive(created.id, [this, created, provider] {
        return runProvider(created, SandboxState::Active,
                           prepared(created, discardValue(provider->create(created.name), this),
                                    SandboxPreparer::Phase::Provisioned),
                           QStringLiteral("provider created the machine"));
    });
}

Task<Sandbox> LifecycleService::finishTransient(const Sandbox& sandbox, const QString& reason) {
    Backend* provider = backendFor(sandbox);
    if (!provider) {
        const QString message =
            QStringLiteral("backend \"%1\" is not configured").arg(sandbox.backend);
        auto failed =
            afterConflict(moveTo(sandbox, SandboxState::Failed, reason, message), sandbox.id);
        return readyTask<Sandbox>(
            failed ? Result<Sandbox>(makeError(ErrorCode::Unavailable, message)) : failed);
    }
    switch (sandbox.state) {
    case SandboxState::Provisioning:
        return runProvider(sandbox, SandboxState::Active,
                           prepared(sandbox, discardValue(provider->create(sandbox.name), this),
                                    SandboxPreparer::Phase::Provisioned),
                           reason);
    case SandboxState::Hibernating:
        return runProvider(sandbox, SandboxState::Hibernated, provider->hibernate(sandbox.name),
                           reason);
    case SandboxState::Restoring:
        return runProvider(
            sandbox, SandboxState::Active,
            prepared(sandbox, provider->wake(sandbox.name), SandboxPreparer::Phase::Restored),
            reason);
    default:
        return readyTask<Sandbox>(sandbox);
    }
}

Task<Sandbox> LifecycleService::resume(const QString& id, const QString& reason) {
    return exclusive(id, [this, id, reason] { return resumeUnlocked(id, reason); });
}

Task<Sandbox> LifecycleService::resumeUnlocked(const QString& id, const QString& reason) {
    {
        auto current = load(id);
        if (!current)
            return failedTask<Sandbox>(current.error());
        const Sandbox& s = current.value();
        Backend* provider = backendFor(s);
        if (!provider) {
            return failedTask<Sandbox>(
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("backend \"%1\" is not configured").arg(s.backend)));
        }
        switch (s.state) {
        case SandboxState::Active:
            if (auto st = touch(id); !st)
                return failedTask<Sandbox>(st.error());
            return readyTask<Sandbox>(load(id));
        case SandboxState::Hibernated: {
            auto restoring = moveTo(s, SandboxState::Restoring,
                                    reason.isEmpty() ? QStringLiteral("resume requested") : reason);
            if (!restoring)
                return readyTask<Sandbox>(afterConflict(restoring, id));
            return runProvider(
                restoring.value(), SandboxState::Active,
                prepared(s, provider->wake(s.name), SandboxPreparer::Phase::Restored),
                QStringLiteral("provider is warm again"));
        }
        case SandboxState::Failed: {
            auto provisioning =
                moveTo(s, SandboxState::Provisioning,
                       reason.isEmpty() ? QStringLiteral("reprovision requested") : reason);
            if (!provisioning)
                return readyTask<Sandbox>(afterConflict(provisioning, id));
            return runProvider(provisioning.value(), SandboxState::Active,
                               prepared(s, discardValue(provider->create(s.name), this),
                                        SandboxPreparer::Phase::Provisioned),
                               QStringLiteral("provider created the machine"));
        }
        case SandboxState::Provisioning:
        case SandboxState::Hibernating:
        case SandboxState::Restoring:
            // Only a crash leaves a transient state with nothing in flight: finish it first.
            return chain<Sandbox>(
                finishTransient(s, QStringLiteral("recovered an interrupted operation")), this,
                [this, id, reason](Result<Sandbox>) { return resumeUnlocked(id, reason); });
        }
        return failedTask<Sandbox>(makeError(ErrorCode::Internal, QStringLiteral("unknown state")));
    }
}

Task<Sandbox> LifecycleService::hibernate(const QString& id, const QString& reason) {
    return exclusive(id, [this, id, reason]() -> Task<Sandbox> {
        auto current = load(id);
        if (!current)
            return failedTask<Sandbox>(current.error());
        const Sandbox& s = current.value();
        if (s.state == SandboxState::Hibernated)
            return readyTask<Sandbox>(s);
        if (s.state != SandboxState::Active) {
            return failedTask<Sandbox>(
                makeError(ErrorCode::IllegalTransition,
                          QStringLiteral("cannot hibernate sandbox %1: it is %2, not active")
                              .arg(s.name, stateName(s.state))));
        }
        Backend* provider = backendFor(s);
        if (!provider) {
            return failedTask<Sandbox>(
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("backend \"%1\" is not configured").arg(s.backend)));
        }
        auto hibernating =
            moveTo(s, SandboxState::Hibernating,
                   reason.isEmpty() ? QStringLiteral("hibernate requested") : reason);
        if (!hibernating)
            return readyTask<Sandbox>(afterConflict(hibernating, id));
        return runProvider(hibernating.value(), SandboxState::Hibernated,
                           provider->hibernate(s.name),
                           QStringLiteral("provider stopped the machine"));
    });
}

Task<Sandbox> LifecycleService::ensureActive(const QString& id) {
    // The common case, cheaply: active with nothing in flight here needs no claim.
    if (!isBusy(id)) {
        if (auto s = load(id); s && s.value().state == SandboxState::Active) {
            if (auto st = touch(id); !st)
                return failedTask<Sandbox>(st.error());
            return readyTask<Sandbox>(load(id));
        }
    }
    // Let whatever is in flight finish, then look at where the sandbox ended up.
    auto settled = exclusive(id, [this, id] { return readyTask<Sandbox>(load(id)); });
    return chain<Sandbox>(settled, this, [this, id](Result<Sandbox> current) -> Task<Sandbox> {
        if (!current)
            return failedTask<Sandbox>(current.error());
        const Sandbox& s = current.value();
        if (s.state == SandboxState::Failed) {
            return failedTask<Sandbox>(
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("sandbox %1 has failed (%2); resume it to reprovision")
                              .arg(s.name, s.error)));
        }
        // Active: resume only refreshes activity. Hibernated: wakes it.
        return resume(id, QStringLiteral("woken by a tool call"));
    });
}

Task<void> LifecycleService::destroy(const QString& id) {
    auto removed = exclusive(id, [this, id]() -> Task<Sandbox> {
        auto current = load(id);
        if (!current)
            return failedTask<Sandbox>(current.error());
        const Sandbox s = current.value();
        Backend* provider = backendFor(s);
        Task<void> call = provider ? provider->destroy(s.name) : readyTask();
        return mapResult<Sandbox>(call, this, [this, s](Result<void> r) -> Result<Sandbox> {
            if (!r) {
                const QString message = QStringLiteral("destroy failed: ") + r.error().describe();
                if (m_store.setError(s.id, message, m_clock.now())) {
                    if (auto reloaded = load(s.id))
                        emit sandboxChanged(reloaded.value());
                }
                emit warning(s.id, message);
                return r.error();
            }
            if (auto st = m_store.deleteSandbox(s.id); !st)
                return st.error();
            qCInfo(lcLifecycle).noquote() << s.name << "destroyed";
            emit sandboxRemoved(s.id);
            return s;
        });
    });
    return discardValue(removed, this);
}

Task<Sandbox> LifecycleService::reconcile(const QString& id, bool force) {
    return m_reconciler->reconcile(id, force);
}

Status LifecycleService::touch(const QString& id) {
    if (auto st = m_store.touch(id, m_clock.now()); !st)
        return st;
    if (auto s = load(id)) {
        m_lastActivityTouchMs.insert(s.value().name, m_clock.nowMs());
        emit sandboxChanged(s.value());
    }
    return {};
}

Result<LifecycleEvent> LifecycleService::note(const QString& id, const QString& what,
                                              const NoteOptions& options) {
    auto event =
        m_store.appendNote(id, what, options.actor, options.detail, options.error, m_clock.now());
    if (!event) {
        qCWarning(lcLifecycle).noquote() << id << "note not recorded:" << event.error().message;
        return event.error();
    }
    emit eventRecorded(event.value());
    return event;
}

void LifecycleService::onBackendActivity(const QString& name) {
    const qint64 now = m_clock.nowMs();
    const auto last = m_lastActivityTouchMs.constFind(name);
    if (last != m_lastActivityTouchMs.constEnd() && now - *last < kActivityWriteIntervalMs)
        return;
    m_lastActivityTouchMs.insert(name, now);
    auto found = m_store.sandboxByName(name);
    if (!found || !found.value())
        return;
    if (auto st = touch(found.value()->id); !st)
        qCWarning(lcLifecycle).noquote() << name << "activity not recorded:" << st.error().message;
}

void LifecycleService::onBackendWarning(const QString& name, const QString& message) {
    qCWarning(lcLifecycle).noquote() << name << message;
    auto found = m_store.sandboxByName(name);
    if (found && found.value())
        emit warning(found.value()->id, message);
}

Task<void> LifecycleService::start() {
    auto stuck = m_store.sandboxesInStates(
        {SandboxState::Provisioning, SandboxState::Hibernating, SandboxState::Restoring});
    if (!stuck)
        return failedTask<void>(stuck.error());

    Deferred<void> done;
    auto remaining = std::make_shared<int>(stuck.value().size());
    auto finishOne = [this, done, remaining] {
        if (--*remaining > 0)
            return;
        m_sweeper->start();
        done.resolve({});
    };
    if (stuck.value().isEmpty()) {
        m_sweeper->start();
        return readyTask();
    }
    for (const Sandbox& s : stuck.value()) {
        qCInfo(lcLifecycle).noquote()
            << s.name << "was left" << stateName(s.state) << "by a previous run; recovering";
        // Re-read under the claim: in a shared store another instance may be finishing it.
        recover(s.id, QStringLiteral("recovered after restart"))
            .then(this, [finishOne](Result<Sandbox>) { finishOne(); });
    }
    return done.future();
}

} // namespace hangar
