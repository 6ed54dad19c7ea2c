#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace hangar {

enum class SandboxState {
    Provisioning,
    Active,
    Hibernating,
    Hibernated,
    Restoring,
    Failed,
};

inline constexpr SandboxState kAllStates[] = {
    SandboxState::Provisioning, SandboxState::Active,    SandboxState::Hibernating,
    SandboxState::Hibernated,   SandboxState::Restoring, SandboxState::Failed,
};

// The wire and database name: "provisioning", "active", ...
QString stateName(SandboxState state);
std::optional<SandboxState> stateFromName(const QString& name);

// States an operation is in the middle of; a crash can leave a sandbox here.
bool isTransient(SandboxState state);

// The transition table of ARCHITECTURE.md. Creation (new -> provisioning) and deletion
// (any -> deleted) are not state changes and are not in this table.
bool isLegalTransition(SandboxState from, SandboxState to);
QList<SandboxState> legalTargets(SandboxState from);

} // namespace hangar
