#pragma once

#include "TerminalPalette.h"
#include "TerminalTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QRect>

#include <array>
#include <memory>
#include <vector>

struct VTerm;
struct VTermScreen;
class QKeyEvent;

namespace hangar {

class TerminalScrollback;

// The terminal's state, on libvterm, with no widget: bytes from the program go in through
// feed(); the screen's cells, the cursor, the scrollback and what changed come out. What the
// terminal sends back to the program (keys, pastes, replies to queries such as device
// attributes) comes out through input(). All signals are emitted after libvterm has finished
// with the bytes, never from inside it, so slots may read (or feed) the screen freely.
class TerminalScreen : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultCols = 80;
    static constexpr int kDefaultRows = 24;
    static constexpr int kDefaultScrollbackLines = 10'000;

    explicit TerminalScreen(int cols = kDefaultCols, int rows = kDefaultRows,
                            QObject* parent = nullptr);
    ~TerminalScreen() override;

    void feed(const QByteArray& data);
    // Changing the width rewraps the scrollback (see lineContinues()): its lines get new
    // numbers, so a caller keeping places in the lines passes them in `keep` to have them
    // moved along. The screen itself is not rewrapped: libvterm 0.1.4 cuts or pads its rows
    // and the program, told of the new size, redraws it.
    void resize(int cols, int rows, QList<TerminalPos>* keep = nullptr);
    int cols() const { return m_cols; }
    int rows() const { return m_rows; }

    // Lines 0 .. scrollbackLines()-1 are the scrollback, oldest first; the screen follows.
    int scrollbackLines() const;
    int lineCount() const { return scrollbackLines() + m_rows; }
    int scrollbackLimit() const;
    void setScrollbackLimit(int lines);
    void clearScrollback();
    // How many lines have ever fallen off the front of the scrollback: a view that keeps a
    // line number across feeds subtracts the growth of this.
    quint64 droppedLines() const;

    TerminalCell cell(int line, int col) const;
    TerminalCell screenCell(int row, int col) const { return cell(scrollbackLines() + row, col); }
    // The text of a line, blanks at its end trimmed; `columns` receives each QChar's column.
    // With `keepSpaces`, only the cells nothing was ever written to are trimmed, not the
    // spaces the program printed (what joining a soft-wrapped line needs).
    QString lineText(int line, QList<int>* columns = nullptr, bool keepSpaces = false) const;
    // The line is the terminal's soft wrap of the one before it: the program printed past the
    // right margin and the text went on here. Known for the scrollback and the screen.
    bool lineContinues(int line) const;
    // Whether soft wraps are tracked at all (see TerminalScreenWraps.cpp).
    bool tracksWraps() const { return m_screenStateCallbacks != nullptr; }
    // The screen rows, each trimmed, joined by '\n' (for tests and diagnostics).
    QString screenText() const;

    TerminalCursor cursor() const { return m_cursor; }
    bool isAltScreen() const { return m_altScreen; }
    bool isReverseVideo() const { return m_reverseVideo; }
    // The program enabled mouse reporting (xterm 1000/1002/1003); the view then still selects.
    bool wantsMouse() const { return m_mouseMode != 0; }
    QString title() const { return m_title; }

    const TerminalPalette& palette() const { return m_palette; }
    void setPalette(const TerminalPalette& palette);

    // Keyboard: the bytes the program expects for a key event (arrows, Home/End, PgUp/PgDn,
    // F1-F12, Ctrl+letter, Alt as meta, ...), out through input(). False: not a terminal key.
    bool sendKey(const QKeyEvent& event);
    void sendText(const QString& text);
    // Sends a paste, wrapped in ESC[200~ ... ESC[201~ when the program enabled bracketed paste.
    void paste(const QString& text);
    void setFocused(bool focused);

    // Mouse reporting, for when wantsMouse(): the pointer at a screen cell, and a button
    // (1 left, 2 middle, 3 right, 4/5 wheel up/down) pressed or released there. libvterm
    // encodes them in the protocol the program chose (X10, UTF-8, SGR 1006, urxvt).
    void sendMouseMove(int row, int col, Qt::KeyboardModifiers mods);
    void sendMouseButton(int button, bool pressed, Qt::KeyboardModifiers mods);

signals:
    // Cells that changed, in screen coordinates (x = column, y = row).
    void damaged(const QRect& cells);
    void cursorChanged();
    void scrollbackChanged();
    void titleChanged(const QString& title);
    void altScreenChanged(bool on);
    void bell();
    void input(const QByteArray& data);
    void resized(int cols, int rows);

private:
    struct Callbacks;
    friend struct Callbacks;
    struct WrapCallbacks;
    friend struct WrapCallbacks;

    // Emits what libvterm reported during the last call into it.
    void flush();
    TerminalCell convert(const void* vtermCell) const;
    // Puts WrapCallbacks between libvterm's state and screen layers (TerminalScreenWraps.cpp).
    void trackWraps();
    std::vector<char>& rowContinues() { return m_rowContinues[m_altScreen ? 1 : 0]; }
    void rewrapScrollback(int cols, QList<TerminalPos>* keep);

    VTerm* m_vt = nullptr;
    VTermScreen* m_screen = nullptr;
    std::unique_ptr<TerminalScrollback> m_scrollback;
    TerminalPalette m_palette = TerminalPalette::light();
    int m_cols;
    int m_rows;
    TerminalCursor m_cursor;
    bool m_altScreen = false;
    bool m_reverseVideo = false;
    int m_mouseMode = 0;
    QString m_title;

    // Soft wraps, per screen row of the main and the alternate screen: 1 where the row
    // continues the one above. Kept by WrapCallbacks, which sit in front of the screen's own
    // state callbacks (libvterm's own, forwarded to).
    const void* m_screenStateCallbacks = nullptr;
    std::array<std::vector<char>, 2> m_rowContinues;
    int m_glyphRow = 0; // where libvterm's cursor is, as far as glyphs and moves tell
    int m_glyphCol = 0;
    bool m_glyphPhantom = false; // a glyph filled the last column: the next one wraps
    int m_pushIndex = 0;         // which screen row the next sb_pushline takes
    std::vector<char> m_popped;  // what sb_popline gave back during a resize

    // Collected while libvterm runs, emitted by flush().
    QList<QRect> m_damage;
    QByteArray m_output;
    bool m_cursorMoved = false;
    bool m_scrollbackMoved = false;
    bool m_titleSet = false;
    bool m_altScreenSet = false;
    int m_bells = 0;
};

} // namespace hangar
