#pragma once

#include "SandboxState.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace hangar {

// One sandbox as the store keeps it.
struct Sandbox {
    QString id;      // stable UUID, used in URLs
    QString name;    // provider-facing name: {prefix}-{chatId}-{threadId}
    QString backend; // "local" | "sprites"
    QString chatId;
    QString threadId;
    SandboxState state = SandboxState::Provisioning;
    QString error; // last error, shown with the failed badge
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastActivityAt;
    bool pinned = false;

    bool isValid() const { return !id.isEmpty(); }
};

// One row of the per-sandbox timeline. `from` is empty for the creating event.
struct LifecycleEvent {
    qint64 seq = 0; // monotonically increasing across all sandboxes; SSE event id
    QString sandboxId;
    QDateTime at;
    std::optional<SandboxState> from;
    SandboxState to = SandboxState::Provisioning;
    QString reason;
    QString error;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::Sandbox)
Q_DECLARE_METATYPE(hangar::LifecycleEvent)
