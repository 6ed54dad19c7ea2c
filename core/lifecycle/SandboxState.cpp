#include "SandboxState.h"

namespace hangar {

QString stateName(SandboxState state) {
    switch (state) {
    case SandboxState::Provisioning:
        return QStringLiteral("provisioning");
    case SandboxState::Active:
        return QStringLiteral("active");
    case SandboxState::Hibernating:
        return QStringLiteral("hibernating");
    case SandboxState::Hibernated:
        return QStringLiteral("hibernated");
    case SandboxState::Restoring:
        return QStringLiteral("restoring");
    case SandboxState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<SandboxState> stateFromName(const QString& name) {
    for (SandboxState s : kAllStates) {
        if (stateName(s) == name)
            return s;
    }
    return std::nullopt;
}

bool isTransient(SandboxState state) {
    return state == SandboxState::Provisioning || state == SandboxState::Hibernating ||
           state == SandboxState::Restoring;
}

QList<SandboxState> legalTargets(SandboxState from) {
    using S = SandboxState;
    switch (from) {
    case S::Provisioning:
        return {S::Active, S::Failed};
    case S::Active:
        return {S::Hibernating, S::Hibernated};
    case S::Hibernating:
        return {S::Hibernated, S::Failed};
    case S::Hibernated:
        return {S::Restoring};
    case S::Restoring:
        return {S::Active, S::Failed};
    case S::Failed:
        return {S::Provisioning};
    }
    return {};
}

bool isLegalTransition(SandboxState from, SandboxState to) {
    return legalTargets(from).contains(to);
}

} // namespace hangar
