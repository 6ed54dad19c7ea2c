#pragma once

#include "lifecycle/SandboxState.h"

#include <QColor>
#include <QCoreApplication>
#include <QPalette>
#include <QString>

namespace hangar {

// The one palette of sandbox states: a badge colour per state in a light and a dark variant,
// the text colour that reads on it, the state's label, and whether its badge pulses.
// Active green; provisioning and hibernating yellow; restoring blue; hibernated zinc grey;
// failed red. Transient states pulse.
class StatusPalette {
    Q_DECLARE_TR_FUNCTIONS(StatusPalette)
public:
    enum class Scheme { Light, Dark };

    // Dark when the palette's window colour is dark.
    static Scheme schemeFor(const QPalette& palette);

    static QColor color(SandboxState state, Scheme scheme);
    static QColor color(SandboxState state, const QPalette& palette) {
        return color(state, schemeFor(palette));
    }
    // Black or white, whichever reads better on color(state, scheme).
    static QColor textColor(SandboxState state, Scheme scheme);

    // The badge text: the translated state name.
    static QString label(SandboxState state);
    static bool pulses(SandboxState state);

    // An active sandbox the health probe cannot reach: still active in the store, but an orange
    // badge reading "active · degraded" so it is never mistaken for a healthy one.
    static QColor degradedColor(Scheme scheme);
    static QColor degradedTextColor(Scheme scheme);
    static QString degradedLabel();
};

} // namespace hangar
