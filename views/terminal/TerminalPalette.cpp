#include "TerminalPalette.h"

namespace hangar {

namespace {

constexpr int kCubeFirst = 16;
constexpr int kCubeSide = 6;
constexpr int kGreyFirst = 232;
constexpr int kGreyStart = 8; // xterm's grey ramp: 8, 18, ..., 238
constexpr int kGreyStep = 10;
constexpr int kCubeStart = 55; // xterm's cube levels: 0, 95, 135, 175, 215, 255
constexpr int kCubeStep = 40;

int cubeLevel(int i) {
    return i == 0 ? 0 : kCubeStart + i * kCubeStep;
}

} // namespace

TerminalPalette TerminalPalette::light() {
    TerminalPalette p;
    // Tango-like, readable on white.
    p.ansi = {QColor(0x00, 0x00, 0x00), QColor(0xcc, 0x00, 0x00), QColor(0x4e, 0x9a, 0x06),
              QColor(0xc4, 0xa0, 0x00), QColor(0x34, 0x65, 0xa4), QColor(0x75, 0x50, 0x7b),
              QColor(0x06, 0x98, 0x9a), QColor(0xd3, 0xd7, 0xcf), QColor(0x55, 0x57, 0x53),
              QColor(0xef, 0x29, 0x29), QColor(0x8a, 0xe2, 0x34), QColor(0xfc, 0xe9, 0x4f),
              QColor(0x72, 0x9f, 0xcf), QColor(0xad, 0x7f, 0xa8), QColor(0x34, 0xe2, 0xe2),
              QColor(0xee, 0xee, 0xec)};
    p.foreground = QColor(0x1e, 0x1e, 0x1e);
    p.background = QColor(0xff, 0xff, 0xff);
    p.cursor = QColor(0x1e, 0x1e, 0x1e);
    p.selection = QColor(0xb5, 0xd5, 0xff);
    p.searchMatch = QColor(0xff, 0xee, 0x88);
    p.currentMatch = QColor(0xff, 0xa5, 0x30);
    p.bell = QColor(0x00, 0x00, 0x00, 0x40);
    return p;
}

TerminalPalette TerminalPalette::dark() {
    TerminalPalette p;
    p.ansi = {QColor(0x2e, 0x34, 0x36), QColor(0xef, 0x53, 0x50), QColor(0x8a, 0xe2, 0x34),
              QColor(0xfc, 0xe9, 0x4f), QColor(0x72, 0x9f, 0xcf), QColor(0xad, 0x7f, 0xa8),
              QColor(0x34, 0xe2, 0xe2), QColor(0xd3, 0xd7, 0xcf), QColor(0x55, 0x57, 0x53),
              QColor(0xff, 0x7b, 0x72), QColor(0xa6, 0xf0, 0x6a), QColor(0xff, 0xf5, 0x8a),
              QColor(0x9c, 0xc3, 0xf0), QColor(0xd0, 0xa8, 0xcc), QColor(0x7a, 0xf0, 0xf0),
              QColor(0xff, 0xff, 0xff)};
    p.foreground = QColor(0xe4, 0xe4, 0xe7);
    p.background = QColor(0x18, 0x18, 0x1b);
    p.cursor = QColor(0xe4, 0xe4, 0xe7);
    p.selection = QColor(0x3a, 0x5a, 0x8c);
    p.searchMatch = QColor(0x80, 0x6a, 0x00);
    p.currentMatch = QColor(0xc0, 0x6a, 0x00);
    p.bell = QColor(0xff, 0xff, 0xff, 0x40);
    return p;
}

TerminalPalette TerminalPalette::forScheme(Scheme scheme) {
    return scheme == Scheme::Dark ? dark() : light();
}

QRgb TerminalPalette::indexed(int index) const {
    if (index < 0)
        return foreground.rgb();
    if (index < kAnsiColors)
        return ansi[static_cast<std::size_t>(index)].rgb();
    if (index < kGreyFirst) {
        const int i = index - kCubeFirst;
        return qRgb(cubeLevel(i / (kCubeSide * kCubeSide)), cubeLevel((i / kCubeSide) % kCubeSide),
                    cubeLevel(i % kCubeSide));
    }
    const int grey = kGreyStart + (index - kGreyFirst) * kGreyStep;
    return qRgb(grey, grey, grey);
}

} // namespace hangar
