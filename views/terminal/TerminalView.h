#pragma once

#include "TerminalPalette.h"
#include "TerminalSearch.h"
#include "TerminalSelection.h"
#include "TerminalTypes.h"

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QFont>
#include <QTimer>

#include <array>
#include <optional>

namespace hangar {

class TerminalScreen;

// A terminal widget: bytes from a program in through feed(), the bytes the user types (and
// the terminal's replies) out through input(); it knows no process or session (see
// TerminalSessionConnector). Repaints only what changed, scrolls back through the
// TerminalScreen's scrollback (wheel, scroll bar, Shift+PgUp/PgDn), selects with the mouse
// (click-drag, double click word, triple click line) and copies to the clipboard
// (Ctrl+Shift+C) and the X primary selection, pastes (Ctrl+Shift+V, middle click; bracketed
// when the program asked for it), searches, zooms the font (Ctrl+= / Ctrl+- / Ctrl+0) and
// flashes for the bell. Resizing it resizes the terminal and emits sizeChanged(); a new width
// rewraps the scrollback. When the program asked for the mouse (xterm 1000/1002/1003), clicks,
// drags and the wheel go to it instead, except with Shift held, which selects as usual; on
// the alternate screen of a program that did not, the wheel sends Up/Down (3 per notch).
class TerminalView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int kBellFlashMs = 150;
    static constexpr int kCursorBlinkMs = 530;
    static constexpr int kWheelKeysPerNotch = 3;

    explicit TerminalView(QWidget* parent = nullptr);
    ~TerminalView() override;

    TerminalScreen& screen() { return *m_screen; }
    const TerminalScreen& screen() const { return *m_screen; }
    int cols() const;
    int rows() const;

    // The monospace font (default: the system's fixed font); setting it resets the zoom.
    QFont terminalFont() const { return m_baseFont; }
    void setTerminalFont(const QFont& font);
    QFont effectiveFont() const { return m_fonts[0]; }
    int zoom() const { return m_zoom; }
    QSize cellSize() const { return m_cell; }

    TerminalPalette terminalPalette() const;
    void setTerminalPalette(const TerminalPalette& palette);
    int scrollbackLimit() const;
    void setScrollbackLimit(int lines);

    // Scrolling: the TerminalScreen line at the top of the view.
    int firstVisibleLine() const { return m_firstLine; }
    bool isAtBottom() const;
    // The rectangle of a TerminalScreen cell in viewport coordinates.
    QRect cellRect(int line, int col) const;
    // The TerminalScreen cell at a viewport point.
    TerminalPos cellAt(const QPoint& point) const;

    bool hasSelection() const { return !m_selection.isEmpty(); }
    QString selectedText() const;
    const TerminalSelection& selection() const { return m_selection; }

    // Finds `text` (case-insensitively) in the scrollback and the screen, after the current
    // match (before it, backwards), wrapping around; highlights it and scrolls to it.
    bool find(const QString& text, bool backwards = false);
    void clearSearch();
    std::optional<TerminalMatch> currentMatch() const { return m_match; }
    bool isBellFlashing() const { return m_bellFlash; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void feed(const QByteArray& bytes);
    void copy();
    void paste();
    void pasteSelection(); // the X primary selection, else the clipboard
    void selectAll();
    void clearSelection();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void scrollToBottom();
    void scrollLines(int delta);

signals:
    void input(const QByteArray& bytes);
    void sizeChanged(int cols, int rows);
    void titleChanged(const QString& title);
    void bell();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool focusNextPrevChild(bool next) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    // Font variants by style: index = bold | italic << 1.
    enum FontStyle { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3, FontStyles = 4 };

    void applyFont();
    void updateTerminalSize();
    void updateScrollRange();
    void onDamage(const QRect& cells);
    void onScrollbackChanged();
    void onCursorChanged();
    void onBell();
    void updateCursorBlink();
    void setFirstLine(int line);
    void scrollToShow(int line);
    void updateCursorArea();
    void pasteText(const QString& text);
    bool handleShortcut(const QKeyEvent& event);
    // Mouse reporting (TerminalViewMouse.cpp): true when the event went to the program.
    bool reportsMouse(Qt::KeyboardModifiers mods) const;
    bool reportPress(QMouseEvent* event);
    bool reportMove(QMouseEvent* event);
    bool reportRelease(QMouseEvent* event);
    bool handleWheel(QWheelEvent* event);
    void paintLine(QPainter& painter, int line, int y, int firstCol, int endCol,
                   const QList<TerminalMatch>& matches);
    void paintCursor(QPainter& painter);

    TerminalScreen* m_screen;
    QFont m_baseFont;
    std::array<QFont, FontStyles> m_fonts;
    int m_zoom = 0;
    QSize m_cell{1, 1};
    int m_ascent = 0;

    int m_firstLine = 0;
    bool m_followOutput = true;
    quint64 m_seenDropped = 0;
    bool m_settingScroll = false;

    TerminalSelection m_selection;
    bool m_selecting = false;
    QElapsedTimer m_lastDoubleClick;
    QPoint m_lastDoubleClickPos;
    int m_reportedButtons = 0; // bit (button - 1): its press went to the program
    int m_wheelAngle = 0;      // eighths of a degree not yet sent (high-resolution wheels)

    QString m_searchText;
    std::optional<TerminalMatch> m_match;

    QTimer m_blinkTimer;
    bool m_blinkOn = true;
    QRect m_cursorArea; // where the cursor was last painted, in viewport coordinates
    QTimer m_bellTimer;
    bool m_bellFlash = false;
};

} // namespace hangar
