#pragma once

#include <QColor>

#include <array>

namespace hangar {

// The colours a terminal draws with: the 16 ANSI colours, the default foreground and
// background, and the colours of the cursor, the selection and search matches. The 256-colour
// cube and grey ramp are computed (xterm's values); only these are a matter of taste.
struct TerminalPalette {
    enum class Scheme { Light, Dark };
    static constexpr int kAnsiColors = 16;

    std::array<QColor, kAnsiColors> ansi;
    QColor foreground;
    QColor background;
    QColor cursor;
    QColor selection;
    QColor searchMatch;
    QColor currentMatch;
    QColor bell; // the visual bell's flash, drawn translucent over the screen

    static TerminalPalette light();
    static TerminalPalette dark();
    static TerminalPalette forScheme(Scheme scheme);

    // An indexed colour (0-255): 0-15 from `ansi`, 16-231 the 6x6x6 cube, 232-255 grey.
    QRgb indexed(int index) const;
};

} // namespace hangar
