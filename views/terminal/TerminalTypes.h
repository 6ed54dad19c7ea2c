#pragma once

#include <QFlags>
#include <QRgb>
#include <QString>

namespace hangar {

// One character cell, colours resolved through the palette. A wide character (CJK, most
// emoji) has width 2 and the cell to its right is its continuation (width 0, no text).
struct TerminalCell {
    enum class Attr : quint8 {
        Bold = 1 << 0,
        Italic = 1 << 1,
        Underline = 1 << 2,
        Inverse = 1 << 3,
        Strike = 1 << 4,
        Blink = 1 << 5,
    };
    Q_DECLARE_FLAGS(Attrs, Attr)

    static constexpr int kNotIndexed = -1;

    QString text; // empty: blank (or a continuation)
    int width = 1;
    QRgb fg = 0;
    QRgb bg = 0;
    bool defaultFg = true;
    bool defaultBg = true;
    int fgIndex = kNotIndexed; // 0-255 when the program chose a palette colour
    int bgIndex = kNotIndexed;
    Attrs attrs;

    bool has(Attr attr) const { return attrs.testFlag(attr); }
    bool isContinuation() const { return width == 0; }
};

Q_DECLARE_OPERATORS_FOR_FLAGS(TerminalCell::Attrs)

// A place in the terminal's lines: line 0 is the oldest scrollback line; the screen's row r is
// line scrollbackLines() + r.
struct TerminalPos {
    int line = 0;
    int col = 0;

    friend bool operator==(const TerminalPos&, const TerminalPos&) = default;
    friend auto operator<=>(const TerminalPos&, const TerminalPos&) = default;
};

struct TerminalCursor {
    enum class Shape { Block, Underline, Bar };

    int row = 0;
    int col = 0;
    bool visible = true;
    bool blink = true;
    Shape shape = Shape::Block;

    friend bool operator==(const TerminalCursor&, const TerminalCursor&) = default;
};

} // namespace hangar
