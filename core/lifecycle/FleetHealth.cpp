#include "FleetHealth.h"

#include "LifecycleService.h"
#include "util/Async.h"

#include <QUuid>

#include <memory>

namespace hangar {

namespace {

// Finishes when every task has; results are the tasks' own business.
template <typename T> Task<void> allFinished(const QList<Task<T>>& tasks, QObject* context) {
    Deferred<void> done;
    auto left = std::make_shared<qsizetype>(tasks.size());
    if (tasks.isEmpty())
        done.resolve({});
    for (Task<T> t : tasks) {
        t.then(context, [done, left](Result<T>) {
            if (--*left == 0)
                done.resolve({});
        });
    }
    return done.future();
}

} // namespace

FleetHealth::FleetHealth(LifecycleService& lifecycle, QObject* parent)
    : QObject(parent)
    , m_lifecycle(lifecycle) {
    connect(&m_probeTimer, &QTimer::timeout, this, [this] { probeNow(); });
    connect(&m_lifecycle, &LifecycleService::sandboxRemoved, this,
            [this](const QString& id) { mark(id, {}); });
    // Only an active sandbox can be degraded.
    connect(&m_lifecycle, &LifecycleService::sandboxChanged, this, [this](const Sandbox& s) {
        if (s.state != SandboxState::Active)
            mark(s.id, {});
    });
}

void FleetHealth::setMachineLister(const QString& backendKind, MachineLister lister) {
    m_listers.insert(backendKind, std::move(lister));
}

Task<QList<FleetHealth::Finding>> FleetHealth::scan() {
    auto all = m_lifecycle.sandboxes();
    if (!all)
        return failedTask<QList<Finding>>(all.error());
    auto findings = std::make_shared<QList<Finding>>();
    QList<Task<void>> asked;
    QHash<QString, QSet<QString>> known; // backend -> names in the store
    for (const Sandbox& s : all.value()) {
        known[s.backend].insert(s.name);
        Backend* provider = m_lifecycle.backend(s.backend);
        // Transient sandboxes are being worked on; failed ones already say what is wrong.
        if (!provider || isTransient(s.state) || s.state == SandboxState::Failed)
            continue;
        asked << mapResult<void>(
            provider->status(s.name), this,
            [findings, s](Result<ProviderStatus> status) -> Result<void> {
                if (!status)
                    return status.error(); // unreachable: not a finding, BackendMonitor says so
                const ProviderState p = status.value().state;
                const bool warm = p == ProviderState::Warm || p == ProviderState::Running;
                std::optional<Finding::Kind> kind;
                if (p == ProviderState::Missing)
                    kind = Finding::Kind::Ghost;
                else if ((s.state == SandboxState::Active && p == ProviderState::Cold) ||
                         (s.state == SandboxState::Hibernated && warm))
                    kind = Finding::Kind::Drift;
                if (kind)
                    findings->append(Finding{*kind, s.backend, s.id, s.name, s.state, p});
                return {};
            });
    }
    const QString prefix = m_lifecycle.options().namePrefix + QLatin1Char('-');
    for (auto it = m_listers.constBegin(); it != m_listers.constEnd(); ++it) {
        const QString kind = it.key();
        const QSet<QString> ours = known.value(kind);
        asked << mapResult<void>(
            it.value()(), this,
            [findings, kind, ours, prefix](Result<QStringList> names) -> Result<void> {
                if (!names)
                    return names.error();
                for (const QString& name : names.value()) {
                    if (name.startsWith(prefix) && !ours.contains(name)) {
                        Finding f;
                        f.kind = Finding::Kind::Orphan;
                        f.backend = kind;
                        f.name = name;
                        f.provider = ProviderState::Warm;
                        findings->append(f);
                    }
                }
                return {};
            });
    }
    return mapResult<QList<Finding>>(
        allFinished(asked, this), this,
        [findings](Result<void>) -> Result<QList<Finding>> { return *findings; });
}

QList<FleetHealth::Fix> FleetHealth::fixesFor(const Finding& finding) {
    switch (finding.kind) {
    case Finding::Kind::Ghost:
        return {Fix::Forget};
    case Finding::Kind::Orphan:
        return {Fix::Adopt, Fix::Destroy};
    case Finding::Kind::Drift:
        return {Fix::Reconcile};
    }
    return {};
}

QString FleetHealth::kindName(Finding::Kind kind) {
    switch (kind) {
    case Finding::Kind::Ghost:
        return QStringLiteral("ghost");
    case Finding::Kind::Orphan:
        return QStringLiteral("orphan");
    case Finding::Kind::Drift:
        return QStringLiteral("drift");
    }
    return {};
}

std::optional<FleetHealth::Finding::Kind> FleetHealth::kindFromName(const QString& name) {
    for (auto kind : {Finding::Kind::Ghost, Finding::Kind::Orphan, Finding::Kind::Drift}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString FleetHealth::fixName(Fix fix) {
    switch (fix) {
    case Fix::Adopt:
        return QStringLiteral("adopt");
    case Fix::Forget:
        return QStringLiteral("forget");
    case Fix::Reconcile:
        return QStringLiteral("reconcile");
    case Fix::Destroy:
        return QStringLiteral("destroy");
    }
    return {};
}

std::optional<FleetHealth::Fix> FleetHealth::fixFromName(const QString& name) {
    for (auto fix : {Fix::Adopt, Fix::Forget, Fix::Reconcile, Fix::Destroy}) {
        if (fixName(fix) == name)
            return fix;
    }
    return std::nullopt;
}

Result<FleetHealth::Finding> FleetHealth::finding(Finding::Kind kind, const QString& name,
                                                  const QString& backend) const {
    if (!m_lifecycle.backend(backend))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("backend \"%1\" is not configured").arg(backend));
    auto all = m_lifecycle.sandboxes();
    if (!all)
        return all.error();
    std::optional<Sandbox> known;
    for (const Sandbox& s : all.value()) {
        if (s.name == name && s.backend == backend)
            known = s;
    }
    Finding f;
    f.kind = kind;
    f.backend = backend;
    f.name = name;
    if (kind == Finding::Kind::Orphan) {
        if (known)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("%1 is a known sandbox, not an orphan").arg(name));
        if (!name.startsWith(m_lifecycle.options().namePrefix + QLatin1Char('-')))
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is not named like our sandboxes").arg(name));
        f.provider = ProviderState::Warm;
        return f;
    }
    if (!known)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no sandbox named %1 on %2").arg(name, backend));
    f.sandboxId = known->id;
    f.recorded = known->state;
    return f;
}

Task<void> FleetHealth::fix(const Finding& finding, Fix fix) {
    if (!fixesFor(finding).contains(fix)) {
        return failedTask<void>(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("that fix does not apply to %1").arg(finding.name)));
    }
    switch (fix) {
    case Fix::Forget: // the provider's destroy of a missing machine succeeds; the record goes
        return m_lifecycle.destroy(finding.sandboxId);
    case Fix::Reconcile:
        return discardValue(m_lifecycle.reconcile(finding.sandboxId, true), this);
    case Fix::Adopt:
        return discardValue(m_lifecycle.adopt(finding.name, finding.backend), this);
    case Fix::Destroy: {
        Backend* provider = m_lifecycle.backend(finding.backend);
        if (!provider)
            return failedTask<void>(
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("backend \"%1\" is not configured").arg(finding.backend)));
        return provider->destroy(finding.name);
    }
    }
    return failedTask<void>(makeError(ErrorCode::Internal, QStringLiteral("unknown fix")));
}

void FleetHealth::startProbing(int intervalMs) {
    m_probeTimer.start(intervalMs);
}

Task<void> FleetHealth::probeNow() {
    auto all = m_lifecycle.sandboxes();
    if (!all)
        return failedTask<void>(all.error());
    QList<Task<void>> probes;
    for (const Sandbox& s : all.value()) {
        if (s.state == SandboxState::Active)
            probes << probe(s);
    }
    return allFinished(probes, this);
}

Task<void> FleetHealth::probe(const Sandbox& s) {
    Backend* provider = m_lifecycle.backend(s.backend);
    if (!provider)
        return readyTask();
    const QString id = s.id;
    const QString name = s.name;
    // `true` prints nothing, so the probe is not activity and never keeps a sandbox awake.
    ExecRequest request;
    request.argv = {QStringLiteral("true")};
    request.timeoutMs = kProbeTimeoutMs;
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString path = QStringLiteral(".hangar-probe"); // in the working directory
    auto ran = chain<void>(provider->run(name, request, 4096), this,
                           [provider, name, path, token](Result<ExecResult> r) -> Task<void> {
                               if (!r)
                                   return failedTask<void>(r.error());
                               if (r.value().timedOut || r.value().exitCode != 0)
                                   return failedTask<void>(
                                       makeError(ErrorCode::Unavailable,
                                                 QStringLiteral("a probe command did not finish")));
                               return provider->writeFile(name, path, token);
                           });
    auto readBack =
        chain<QByteArray>(ran, this, [provider, name, path](Result<void> r) -> Task<QByteArray> {
            if (!r)
                return failedTask<QByteArray>(r.error());
            return chain<QByteArray>(provider->readFile(name, path), provider,
                                     [provider, name, path](Result<QByteArray> read) {
                                         // Leave nothing behind in the workspace.
                                         provider->remove(name, path, false);
                                         return readyTask<QByteArray>(std::move(read));
                                     });
        });
    return mapResult<void>(readBack, this, [this, id, token](Result<QByteArray> r) -> Result<void> {
        if (!r)
            mark(id, QStringLiteral("does not answer: ") + r.error().describe());
        else if (r.value() != token)
            mark(id, QStringLiteral("does not answer: a probe file read back differently"));
        else
            mark(id, {});
        return {};
    });
}

void FleetHealth::mark(const QString& id, const QString& reason) {
    const bool was = m_degraded.contains(id);
    if (reason.isEmpty()) {
        if (was) {
            m_degraded.remove(id);
            emit degradedChanged(id, false, {});
        }
        return;
    }
    const bool changed = !was || m_degraded.value(id) != reason;
    m_degraded.insert(id, reason);
    if (changed)
        emit degradedChanged(id, true, reason);
}

} // namespace hangar
