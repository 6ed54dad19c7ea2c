#pragma once

#include "LifecycleService.h"
#include "backend/Backend.h"
#include "util/Async.h"

namespace hangar {

// Makes the sandbox usable (LifecycleService::ensureActive: waits for an operation in flight,
// wakes a hibernated one, refreshes its activity), then runs `call(backend, name)`, which
// returns a Task<T>, in `context`'s thread. What every operation on a sandbox's contents starts
// with: the tools, SandboxAdmin and the desktop's tabs.
template <typename T, typename F>
Task<T> withActiveSandbox(LifecycleService& lifecycle, const QString& sandboxId, QObject* context,
                          F call) {
    return chain<T>(
        lifecycle.ensureActive(sandboxId), context,
        [&lifecycle, call = std::move(call)](Result<Sandbox> sandbox) mutable -> Task<T> {
            if (!sandbox)
                return failedTask<T>(sandbox.error());
            Backend* backend = lifecycle.backend(sandbox.value().backend);
            if (!backend)
                return failedTask<T>(makeError(ErrorCode::Unavailable,
                                               QStringLiteral("backend \"%1\" is not available")
                                                   .arg(sandbox.value().backend)));
            return call(*backend, sandbox.value().name);
        });
}

} // namespace hangar
