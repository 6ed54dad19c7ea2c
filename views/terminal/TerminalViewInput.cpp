// TerminalView: keyboard, mouse, clipboard and the context menu.
#include "TerminalScreen.h"
#include "TerminalView.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>

namespace hangar {

namespace {

constexpr Qt::KeyboardModifiers kCtrlShift = Qt::ControlModifier | Qt::ShiftModifier;

Qt::KeyboardModifiers plainModifiers(const QKeyEvent& event) {
    return event.modifiers() & ~Qt::KeypadModifier;
}

// Keys the view keeps for itself rather than sending to the program.
bool isViewShortcut(const QKeyEvent& event) {
    const Qt::KeyboardModifiers mods = plainModifiers(event);
    const int key = event.key();
    if (mods == kCtrlShift)
        return key == Qt::Key_C || key == Qt::Key_V || key == Qt::Key_Plus || key == Qt::Key_Equal;
    if (mods == Qt::ControlModifier)
        return key == Qt::Key_Equal || key == Qt::Key_Plus || key == Qt::Key_Minus ||
               key == Qt::Key_0;
    if (mods == Qt::ShiftModifier)
        return key == Qt::Key_PageUp || key == Qt::Key_PageDown || key == Qt::Key_Insert;
    return false;
}

} // namespace

bool TerminalView::event(QEvent* event) {
    // While the terminal has focus, keys go to the program, not to window shortcuts
    // (Ctrl+C, Ctrl+W, Tab, ...). Ctrl+Shift combinations stay with the window, except ours.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods = plainModifiers(*key);
        if (isViewShortcut(*key) || (mods & kCtrlShift) != kCtrlShift) {
            key->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool TerminalView::focusNextPrevChild(bool) {
    return false;
} // Tab belongs to the shell

bool TerminalView::handleShortcut(const QKeyEvent& event) {
    if (!isViewShortcut(event))
        return false;
    switch (event.key()) {
    case Qt::Key_C:
        copy();
        break;
    case Qt::Key_V:
        paste();
        break;
    case Qt::Key_Insert:
        pasteSelection();
        break;
    case Qt::Key_Equal:
    case Qt::Key_Plus:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_PageUp:
        scrollLines(-rows());
        break;
    case Qt::Key_PageDown:
        scrollLines(rows());
        break;
    default:
        return false;
    }
    return true;
}

void TerminalView::keyPressEvent(QKeyEvent* event) {
    if (handleShortcut(*event)) {
        event->accept();
        return;
    }
    if (m_screen->sendKey(*event)) {
        scrollToBottom();
        event->accept();
        return;
    }
    event->ignore();
}

void TerminalView::inputMethodEvent(QInputMethodEvent* event) {
    if (!event->commitString().isEmpty()) {
        m_screen->sendText(event->commitString());
        scrollToBottom();
    }
    event->accept();
}

QVariant TerminalView::inputMethodQuery(Qt::InputMethodQuery query) const {
    if (query == Qt::ImCursorRectangle) {
        const TerminalCursor cursor = m_screen->cursor();
        return cellRect(m_screen->scrollbackLines() + cursor.row, cursor.col);
    }
    return QAbstractScrollArea::inputMethodQuery(query);
}

void TerminalView::focusInEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusInEvent(event);
    m_screen->setFocused(true);
    updateCursorBlink();
    updateCursorArea();
}

void TerminalView::focusOutEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusOutEvent(event);
    m_screen->setFocused(false);
    updateCursorBlink();
    updateCursorArea();
}

// --- mouse selection ---------------------------------------------------------------------------

void TerminalView::mousePressEvent(QMouseEvent* event) {
    if (reportPress(event))
        return;
    if (event->button() == Qt::MiddleButton) {
        pasteSelection();
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    const TerminalPos cell = cellAt(pos);
    const int boundary = cell.col + (pos.x() % m_cell.width() > m_cell.width() / 2 ? 1 : 0);
    // A press soon after a double click, where it happened, is a triple click.
    const bool triple =
        m_lastDoubleClick.isValid() &&
        m_lastDoubleClick.elapsed() < QApplication::doubleClickInterval() &&
        (pos - m_lastDoubleClickPos).manhattanLength() < QApplication::startDragDistance();
    m_lastDoubleClick.invalidate();
    m_selection.start(*m_screen, cell, boundary,
                      triple ? TerminalSelection::Mode::Line : TerminalSelection::Mode::Char);
    m_selecting = true;
    viewport()->update();
    event->accept();
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (reportPress(event)) // the program counts its clicks itself
        return;
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_selection.start(*m_screen, cellAt(pos), cellAt(pos).col, TerminalSelection::Mode::Word);
    m_selecting = true;
    m_lastDoubleClick.start();
    m_lastDoubleClickPos = pos;
    viewport()->update();
    event->accept();
}

void TerminalView::mouseMoveEvent(QMouseEvent* event) {
    if (reportMove(event))
        return;
    if (!m_selecting || !(event->buttons() & Qt::LeftButton)) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    // Dragging past the top or bottom edge scrolls.
    if (pos.y() < 0)
        scrollLines(-1);
    else if (pos.y() >= viewport()->height())
        scrollLines(1);
    const QPoint inside(pos.x(), std::clamp(pos.y(), 0, viewport()->height() - 1));
    const TerminalPos cell = cellAt(inside);
    const int boundary =
        pos.x() >= cols() * m_cell.width()
            ? cols()
            : cell.col + (inside.x() % m_cell.width() > m_cell.width() / 2 ? 1 : 0);
    m_selection.extend(*m_screen, cell, boundary);
    viewport()->update();
    event->accept();
}

void TerminalView::mouseReleaseEvent(QMouseEvent* event) {
    if (reportRelease(event))
        return;
    if (event->button() == Qt::LeftButton && m_selecting) {
        m_selecting = false;
        QClipboard* clipboard = QApplication::clipboard();
        if (hasSelection() && clipboard->supportsSelection())
            clipboard->setText(selectedText(), QClipboard::Selection);
        event->accept();
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        event->accept(); // the press pasted
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

// --- clipboard ---------------------------------------------------------------------------------

QString TerminalView::selectedText() const {
    return m_selection.text(*m_screen);
}

void TerminalView::copy() {
    if (!hasSelection())
        return;
    const QString text = selectedText();
    QClipboard* clipboard = QApplication::clipboard();
    clipboard->setText(text, QClipboard::Clipboard);
    if (clipboard->supportsSelection())
        clipboard->setText(text, QClipboard::Selection);
}

void TerminalView::paste() {
    pasteText(QApplication::clipboard()->text(QClipboard::Clipboard));
}

void TerminalView::pasteSelection() {
    QClipboard* clipboard = QApplication::clipboard();
    pasteText(clipboard->supportsSelection() ? clipboard->text(QClipboard::Selection)
                                             : clipboard->text(QClipboard::Clipboard));
}

void TerminalView::pasteText(const QString& text) {
    if (text.isEmpty())
        return;
    m_screen->paste(text);
    scrollToBottom();
}

void TerminalView::selectAll() {
    m_selection.selectAll(*m_screen);
    viewport()->update();
}

void TerminalView::clearSelection() {
    m_selection.clear();
    viewport()->update();
}

void TerminalView::contextMenuEvent(QContextMenuEvent* event) {
    if (event->reason() == QContextMenuEvent::Mouse && reportsMouse(event->modifiers())) {
        event->accept(); // the right button went to the program
        return;
    }
    QMenu menu(this);
    QAction* copyAction = menu.addAction(tr("&Copy"), this, &TerminalView::copy);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction->setEnabled(hasSelection());
    QAction* pasteAction = menu.addAction(tr("&Paste"), this, &TerminalView::paste);
    pasteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    pasteAction->setEnabled(!QApplication::clipboard()->text().isEmpty());
    menu.addAction(tr("Select &All"), this, &TerminalView::selectAll);
    menu.addSeparator();
    menu.addAction(tr("Zoom &In"), this, &TerminalView::zoomIn);
    menu.addAction(tr("Zoom &Out"), this, &TerminalView::zoomOut);
    menu.addAction(tr("&Reset Zoom"), this, &TerminalView::resetZoom);
    menu.exec(event->globalPos());
}

} // namespace hangar
