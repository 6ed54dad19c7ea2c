// TerminalView: the mouse for the program (xterm mouse reporting) and the wheel.
#include "TerminalScreen.h"
#include "TerminalView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cstdlib>

namespace hangar {

namespace {

constexpr int kWheelUp = 4; // xterm's buttons for the wheel
constexpr int kWheelDown = 5;
constexpr int kAnglePerNotch = 120; // QWheelEvent::angleDelta() of one notch

// xterm's button numbers; 0 for buttons it has none for.
int buttonNumber(Qt::MouseButton button) {
    switch (button) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    default:
        return 0;
    }
}

int bitOf(int button) {
    return 1 << (button - 1);
}

} // namespace

// Shift keeps the mouse for the terminal itself: selecting, pasting, the menu (as in xterm).
bool TerminalView::reportsMouse(Qt::KeyboardModifiers mods) const {
    return m_screen->wantsMouse() && !(mods & Qt::ShiftModifier);
}

bool TerminalView::reportPress(QMouseEvent* event) {
    const int button = buttonNumber(event->button());
    if (button == 0 || !reportsMouse(event->modifiers()))
        return false;
    if (event->type() == QEvent::MouseButtonDblClick && (m_reportedButtons & bitOf(button))) {
        event->accept(); // the second click's press went already
        return true;
    }
    const TerminalPos cell = cellAt(event->position().toPoint());
    const int row = cell.line - m_screen->scrollbackLines();
    if (row < 0)
        return false; // scrolled back over lines the program no longer has: select them
    m_screen->sendMouseMove(row, cell.col, event->modifiers());
    m_screen->sendMouseButton(button, true, event->modifiers());
    m_reportedButtons |= bitOf(button);
    event->accept();
    return true;
}

bool TerminalView::reportMove(QMouseEvent* event) {
    // Drags that began as presses for the program, and plain motion (which libvterm only
    // reports in mode 1003); never a local selection's drag.
    if (m_selecting || !m_screen->wantsMouse() ||
        (m_reportedButtons == 0 && event->buttons() != Qt::NoButton))
        return false;
    const TerminalPos cell = cellAt(event->position().toPoint());
    const int row = cell.line - m_screen->scrollbackLines();
    if (row < 0 && m_reportedButtons == 0)
        return false;
    m_screen->sendMouseMove(row, cell.col, event->modifiers()); // clamped to the screen
    event->accept();
    return true;
}

bool TerminalView::reportRelease(QMouseEvent* event) {
    const int button = buttonNumber(event->button());
    if (button == 0 || !(m_reportedButtons & bitOf(button)))
        return false;
    m_reportedButtons &= ~bitOf(button);
    // A program that turned reporting off meanwhile gets no release (libvterm would send it
    // in whatever protocol was last chosen).
    if (m_screen->wantsMouse()) {
        const TerminalPos cell = cellAt(event->position().toPoint());
        m_screen->sendMouseMove(cell.line - m_screen->scrollbackLines(), cell.col,
                                event->modifiers());
        m_screen->sendMouseButton(button, false, event->modifiers());
    }
    event->accept();
    return true;
}

void TerminalView::wheelEvent(QWheelEvent* event) {
    if (!handleWheel(event))
        QAbstractScrollArea::wheelEvent(event);
}

bool TerminalView::handleWheel(QWheelEvent* event) {
    const bool report = reportsMouse(event->modifiers());
    // The alternate screen has no scrollback: like xterm's alternateScroll, the wheel moves
    // the program's cursor instead (less, man, vim without mouse support scroll with it).
    const bool keys =
        !report && m_screen->isAltScreen() && !(event->modifiers() & Qt::ShiftModifier);
    const int angle = event->angleDelta().y();
    if ((!report && !keys) || angle == 0)
        return false;
    if ((angle > 0) != (m_wheelAngle > 0))
        m_wheelAngle = 0; // turned the other way: forget the part notch
    m_wheelAngle += angle;
    const int notches = m_wheelAngle / kAnglePerNotch;
    m_wheelAngle -= notches * kAnglePerNotch;
    if (report) {
        const TerminalPos cell = cellAt(event->position().toPoint());
        m_screen->sendMouseMove(cell.line - m_screen->scrollbackLines(), cell.col,
                                event->modifiers());
        // Wheel "buttons" are pressed only: xterm sends no release for them.
        for (int i = 0; i < std::abs(notches); ++i)
            m_screen->sendMouseButton(notches > 0 ? kWheelUp : kWheelDown, true,
                                      event->modifiers());
    } else {
        const QKeyEvent key(QEvent::KeyPress, notches > 0 ? Qt::Key_Up : Qt::Key_Down,
                            Qt::NoModifier);
        for (int i = 0; i < std::abs(notches) * kWheelKeysPerNotch; ++i)
            m_screen->sendKey(key);
    }
    event->accept();
    return true;
}

} // namespace hangar
