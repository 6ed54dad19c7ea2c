#include "BackendTypes.h"

namespace hangar {

QString providerStateName(ProviderState state) {
    switch (state) {
    case ProviderState::Missing:
        return QStringLiteral("missing");
    case ProviderState::Cold:
        return QStringLiteral("cold");
    case ProviderState::Warm:
        return QStringLiteral("warm");
    case ProviderState::Running:
        return QStringLiteral("running");
    }
    return {};
}

} // namespace hangar
