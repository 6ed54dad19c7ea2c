#pragma once

#include "TerminalPalette.h"
#include "TerminalTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QRect>

#include <memory>

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
    void resize(int cols, int rows);
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
    QString lineText(int line, QList<int>* columns = nullptr) const;
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

    // Emits what libvterm reported during the last call into it.
    void flush();
    TerminalCell convert(const void* vtermCell) const;

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
