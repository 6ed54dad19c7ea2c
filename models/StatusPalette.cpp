#include "StatusPalette.h"

namespace hangar {

namespace {

// Window lightness below this is a dark theme.
constexpr float kDarkWindowLightness = 0.5F;
// Badge fills lighter than this get dark text.
constexpr float kLightFillLuminance = 0.55F;

struct Swatch {
    QRgb light;
    QRgb dark;
};

// Tailwind-like shades: saturated on light windows, brighter on dark ones.
Swatch swatch(SandboxState state) {
    switch (state) {
    case SandboxState::Active:
        return {0xff16a34a, 0xff22c55e}; // green 600 / 500
    case SandboxState::Provisioning:     // yellow 500 / 400
    case SandboxState::Hibernating:
        return {0xffeab308, 0xfffacc15};
    case SandboxState::Restoring:
        return {0xff2563eb, 0xff60a5fa}; // blue 600 / 400
    case SandboxState::Hibernated:
        return {0xff71717a, 0xffa1a1aa}; // zinc 500 / 400
    case SandboxState::Failed:
        return {0xffdc2626, 0xfff87171}; // red 600 / 400
    }
    return {0xff71717a, 0xffa1a1aa};
}

// Orange 600 / 400: between active's green and failed's red.
constexpr Swatch kDegraded{0xffea580c, 0xfffb923c};

float luminance(const QColor& c) {
    return 0.2126F * c.redF() + 0.7152F * c.greenF() + 0.0722F * c.blueF();
}

} // namespace

StatusPalette::Scheme StatusPalette::schemeFor(const QPalette& palette) {
    return palette.color(QPalette::Window).lightnessF() < kDarkWindowLightness ? Scheme::Dark
                                                                               : Scheme::Light;
}

QColor StatusPalette::color(SandboxState state, Scheme scheme) {
    const Swatch s = swatch(state);
    return QColor::fromRgb(scheme == Scheme::Dark ? s.dark : s.light);
}

QColor StatusPalette::textColor(SandboxState state, Scheme scheme) {
    return luminance(color(state, scheme)) > kLightFillLuminance ? QColor(Qt::black)
                                                                 : QColor(Qt::white);
}

QColor StatusPalette::degradedColor(Scheme scheme) {
    return QColor::fromRgb(scheme == Scheme::Dark ? kDegraded.dark : kDegraded.light);
}

QColor StatusPalette::degradedTextColor(Scheme scheme) {
    return luminance(degradedColor(scheme)) > kLightFillLuminance ? QColor(Qt::black)
                                                                  : QColor(Qt::white);
}

QString StatusPalette::degradedLabel() {
    return tr("active · degraded");
}

QString StatusPalette::label(SandboxState state) {
    switch (state) {
    case SandboxState::Provisioning:
        return tr("provisioning");
    case SandboxState::Active:
        return tr("active");
    case SandboxState::Hibernating:
        return tr("hibernating");
    case SandboxState::Hibernated:
        return tr("hibernated");
    case SandboxState::Restoring:
        return tr("restoring");
    case SandboxState::Failed:
        return tr("failed");
    }
    return stateName(state);
}

bool StatusPalette::pulses(SandboxState state) {
    return isTransient(state);
}

} // namespace hangar
