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

// One row of the per-sandbox timeline: a transition (`from` is empty for the creating event),
// or a note recording an operation that did not move the sandbox (a checkpoint taken, a policy
// applied, a setup command's output). A note's `from` and `to` are the state it happened in.
struct LifecycleEvent {
    enum class Kind { Transition, Note };

    qint64 seq = 0; // monotonically increasing across all sandboxes; SSE event id
    QString sandboxId;
    QDateTime at;
    std::optional<SandboxState> from;
    SandboxState to = SandboxState::Provisioning;
    QString reason; // why it moved; for a note, what was done
    QString error;
    Kind kind = Kind::Transition;
    QString actor;  // who asked: "console", "api", "engine", ... (empty: the engine itself)
    QString detail; // longer text, e.g. a command's output (bounded by the store)

    bool isNote() const { return kind == Kind::Note; }
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::Sandbox)
Q_DECLARE_METATYPE(hangar::LifecycleEvent)
