#include "SandboxAdmin.h"

#include "backend/Backend.h"
#include "backend/NetworkRules.h"
#include "lifecycle/ActiveSandbox.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

#include <QPointer>

#include <memory>

namespace hangar {

namespace {

QString ruleText(const NetworkRule& rule) {
    if (!rule.include.isEmpty())
        return QStringLiteral("include %1").arg(rule.include);
    return QStringLiteral("%1 %2").arg(rule.action, rule.domain);
}

// The policy in one line per rule, for the timeline.
QString policyText(const NetworkPolicy& policy) {
    QStringList lines;
    for (const NetworkRule& rule : policy.rules)
        lines << ruleText(rule);
    return lines.join(QLatin1Char('\n'));
}

Error backendGone() {
    return makeError(ErrorCode::Unavailable, QStringLiteral("the backend went away"));
}

} // namespace

SandboxAdmin::SandboxAdmin(LifecycleService& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

template <typename T>
Task<T>
SandboxAdmin::withSandbox(const QString& sandboxId,
                          std::function<Task<T>(Backend& backend, const QString& name)> call) {
    return withActiveSandbox<T>(m_engine, sandboxId, this, std::move(call));
}

template <typename T>
Task<T> SandboxAdmin::noted(const QString& sandboxId, Task<T> task, const QString& actor,
                            std::function<QString(const Result<T>&)> what) {
    return mapResult<T>(task, this, [this, sandboxId, actor, what](Result<T> result) {
        NoteOptions options;
        options.actor = actor;
        if (!result)
            options.error = result.error().message;
        // A note that cannot be written is logged by the engine; the operation stands.
        [[maybe_unused]] const auto recorded = m_engine.note(sandboxId, what(result), options);
        return result;
    });
}

Task<QList<CheckpointInfo>> SandboxAdmin::checkpoints(const QString& sandboxId) {
    return withSandbox<QList<CheckpointInfo>>(sandboxId, [](Backend& backend, const QString& name) {
        return backend.listCheckpoints(name);
    });
}

Task<CheckpointInfo> SandboxAdmin::createCheckpoint(const QString& sandboxId,
                                                    const QString& comment, const QString& actor) {
    auto created = withSandbox<CheckpointInfo>(
        sandboxId, [this, sandboxId, comment](Backend& backend, const QString& name) {
            // The provider's steps, while this operation runs.
            auto relay = connect(&backend, &Backend::progress, this,
                                 [this, sandboxId, name](const QString& of, const QString& text) {
                                     if (of == name)
                                         emit progress(sandboxId, text);
                                 });
            auto task = backend.createCheckpoint(name, comment);
            return mapResult<CheckpointInfo>(task, this, [relay](Result<CheckpointInfo> r) {
                QObject::disconnect(relay);
                return r;
            });
        });
    return noted<CheckpointInfo>(
        sandboxId, created, actor, [comment](const Result<CheckpointInfo>& r) -> QString {
            const QString id = r ? r.value().id : QString();
            if (!r)
                return QStringLiteral("taking a checkpoint failed");
            return comment.isEmpty() ? QStringLiteral("checkpoint %1 taken").arg(id)
                                     : QStringLiteral("checkpoint %1 taken: %2").arg(id, comment);
        });
}

Task<RestoreOutcome> SandboxAdmin::restoreCheckpoint(const QString& sandboxId,
                                                     const QString& checkpointId,
                                                     const RestoreOptions& options) {
    if (checkpointId.isEmpty())
        return failedTask<RestoreOutcome>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("no checkpoint given")));
    auto outcome = std::make_shared<RestoreOutcome>();
    outcome->checkpointId = checkpointId;
    auto restored = withSandbox<RestoreOutcome>(sandboxId, [this, sandboxId, checkpointId, options,
                                                            outcome](Backend& backend,
                                                                     const QString& name) {
        QPointer<Backend> target(&backend);
        auto relay = connect(&backend, &Backend::progress, this,
                             [this, sandboxId, name](const QString& of, const QString& text) {
                                 if (of == name)
                                     emit progress(sandboxId, text);
                             });
        // The checkpoint's files replace the sandbox's, the profile's files and keys included:
        // they are written again afterwards, as after a wake.
        auto restore = [this, target, name, sandboxId, checkpointId]() -> Task<void> {
            if (!target)
                return failedTask<void>(backendGone());
            return chain<void>(target->restoreCheckpoint(name, checkpointId), this,
                               [this, target, sandboxId](Result<void> r) -> Task<void> {
                                   if (!r)
                                       return failedTask<void>(r.error());
                                   return prepareAgain(sandboxId, target);
                               });
        };
        Task<void> done;
        if (!options.safetyCheckpoint) {
            done = restore();
        } else {
            emit progress(sandboxId, QStringLiteral("Taking a safety checkpoint..."));
            done = chain<void>(
                backend.createCheckpoint(name, QStringLiteral("before restoring ") + checkpointId),
                this, [restore, outcome](Result<CheckpointInfo> taken) -> Task<void> {
                    if (!taken)
                        return failedTask<void>(
                            makeError(taken.error().code,
                                      QStringLiteral("the safety checkpoint failed, so nothing was "
                                                     "restored: %1")
                                          .arg(taken.error().message)));
                    outcome->safetyCheckpointId = taken.value().id;
                    return restore();
                });
        }
        return mapResult<RestoreOutcome>(
            done, this, [relay, outcome](Result<void> r) -> Result<RestoreOutcome> {
                QObject::disconnect(relay);
                if (!r)
                    return r.error();
                return *outcome;
            });
    });
    return noted<RestoreOutcome>(
        sandboxId, restored, options.actor,
        [checkpointId, outcome](const Result<RestoreOutcome>& r) -> QString {
            const QString restoredText = (r ? QStringLiteral("restored checkpoint %1")
                                            : QStringLiteral("restoring checkpoint %1 failed"))
                                             .arg(checkpointId);
            if (outcome->safetyCheckpointId.isEmpty())
                return restoredText;
            return restoredText + QStringLiteral(" (safety checkpoint %1 taken first)")
                                      .arg(outcome->safetyCheckpointId);
        });
}

Task<void> SandboxAdmin::prepareAgain(const QString& sandboxId, QPointer<Backend> backend) {
    SandboxPreparer* preparer = m_engine.preparer();
    auto sandbox = m_engine.sandbox(sandboxId);
    if (!preparer || !sandbox)
        return readyTask();
    if (!backend)
        return failedTask<void>(backendGone());
    return preparer->prepare(sandbox.value(), *backend, SandboxPreparer::Phase::Restored);
}

Task<void> SandboxAdmin::deleteCheckpoint(const QString& sandboxId, const QString& checkpointId,
                                          const QString& actor) {
    auto deleted =
        withSandbox<void>(sandboxId, [checkpointId](Backend& backend, const QString& name) {
            return backend.deleteCheckpoint(name, checkpointId);
        });
    return noted<void>(sandboxId, deleted, actor, [checkpointId](const Result<void>& r) -> QString {
        return (r ? QStringLiteral("deleted checkpoint %1")
                  : QStringLiteral("deleting checkpoint %1 failed"))
            .arg(checkpointId);
    });
}

Task<NetworkPolicy> SandboxAdmin::networkPolicy(const QString& sandboxId) {
    return withSandbox<NetworkPolicy>(sandboxId, [](Backend& backend, const QString& name) {
        return backend.networkPolicy(name);
    });
}

Task<NetworkPolicy> SandboxAdmin::setNetworkPolicy(const QString& sandboxId,
                                                   const NetworkPolicy& policy,
                                                   const QString& actor) {
    // Checked before waking anything: a rule no backend would take is refused here.
    if (auto valid = validateNetworkPolicy(policy); !valid)
        return failedTask<NetworkPolicy>(valid.error());
    auto applied = withSandbox<NetworkPolicy>(
        sandboxId, [this, policy](Backend& backend, const QString& name) {
            QPointer<Backend> target(&backend);
            return chain<NetworkPolicy>(backend.setNetworkPolicy(name, policy), this,
                                        [target, name](Result<void> set) -> Task<NetworkPolicy> {
                                            if (!set)
                                                return failedTask<NetworkPolicy>(set.error());
                                            if (!target)
                                                return failedTask<NetworkPolicy>(backendGone());
                                            return target->networkPolicy(name);
                                        });
        });
    return mapResult<NetworkPolicy>(
        applied, this, [this, sandboxId, actor, policy](Result<NetworkPolicy> result) {
            NoteOptions options;
            options.actor = actor;
            options.detail = policyText(result ? result.value() : policy);
            if (!result)
                options.error = result.error().message;
            [[maybe_unused]] const auto recorded =
                m_engine.note(sandboxId, QStringLiteral("network policy changed"), options);
            return result;
        });
}

} // namespace hangar
