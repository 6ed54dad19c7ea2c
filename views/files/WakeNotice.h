#pragma once

#include "lifecycle/LifecycleService.h"

namespace hangar {

// Whether a call on the sandbox will first have to wake it (or finish a transition): the
// views say "waking the sandbox…" meanwhile, so the wait is visible.
inline bool isAsleep(const LifecycleService& lifecycle, const QString& sandboxId) {
    const auto sandbox = lifecycle.sandbox(sandboxId);
    return sandbox && sandbox.value().state != SandboxState::Active;
}

} // namespace hangar
