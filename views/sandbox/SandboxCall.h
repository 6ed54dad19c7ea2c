#pragma once

#include "backend/Backend.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

#include <QCoreApplication>

namespace hangar {

// Whether a call on the sandbox will first have to wake it (or wait for a transition): the
// tabs say "waking the sandbox…" meanwhile, so the wait is visible.
inline bool needsWaking(const LifecycleService& lifecycle, const QString& sandboxId) {
    const auto sandbox = lifecycle.sandbox(sandboxId);
    return sandbox && sandbox.value().state != SandboxState::Active;
}

// Makes the sandbox usable (LifecycleService::ensureActive: wakes a hibernated one, refreshes
// its activity), then runs `call(backend, name)`, which returns a Task<T>. The continuation's
// context is the application, so the caller may be gone by then (consume with whenReady).
template <typename T, typename F>
Task<T> callWhenActive(LifecycleService& lifecycle, const QString& sandboxId, F call) {
    return chain<T>(
        lifecycle.ensureActive(sandboxId), QCoreApplication::instance(),
        [&lifecycle, call = std::move(call)](Result<Sandbox> sandbox) mutable -> Task<T> {
            if (!sandbox)
                return failedTask<T>(sandbox.error());
            Backend* backend = lifecycle.backend(sandbox.value().backend);
            if (!backend)
                return failedTask<T>(
                    makeError(ErrorCode::Unavailable,
                              QCoreApplication::translate("hangar::SandboxCall",
                                                          "backend %1 is not available")
                                  .arg(sandbox.value().backend)));
            return call(*backend, sandbox.value().name);
        });
}

} // namespace hangar
