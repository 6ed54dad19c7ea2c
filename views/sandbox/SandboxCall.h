#pragma once

#include "lifecycle/ActiveSandbox.h"

#include <QCoreApplication>

namespace hangar {

// Whether a call on the sandbox will first have to wake it (or wait for a transition): the
// tabs say "waking the sandbox…" meanwhile, so the wait is visible.
inline bool needsWaking(const LifecycleService& lifecycle, const QString& sandboxId) {
    const auto sandbox = lifecycle.sandbox(sandboxId);
    return sandbox && sandbox.value().state != SandboxState::Active;
}

// Makes the sandbox usable, then runs `call(backend, name)` (withActiveSandbox). The
// continuation's context is the application, so the caller may be gone by then (consume with
// whenReady).
template <typename T, typename F>
Task<T> callWhenActive(LifecycleService& lifecycle, const QString& sandboxId, F call) {
    return withActiveSandbox<T>(lifecycle, sandboxId, QCoreApplication::instance(),
                                std::move(call));
}

} // namespace hangar
