// Qt key events to the bytes a terminal program expects, through libvterm's keyboard
// encoder (which knows the application cursor/keypad modes the program has set).
#include "TerminalScreen.h"

#include <QKeyEvent>

#include <vterm.h>

#include <algorithm>
#include <optional>

namespace hangar {

namespace {

constexpr int kFunctionKeys = 12;

VTermModifier modifiersOf(Qt::KeyboardModifiers mods) {
    int m = VTERM_MOD_NONE;
    if (mods & Qt::ShiftModifier)
        m |= VTERM_MOD_SHIFT;
    if (mods & Qt::AltModifier)
        m |= VTERM_MOD_ALT; // Alt is the terminal's meta: ESC before the key
    if (mods & Qt::ControlModifier)
        m |= VTERM_MOD_CTRL;
    return static_cast<VTermModifier>(m);
}

std::optional<VTermKey> keypadKey(int key) {
    if (key >= Qt::Key_0 && key <= Qt::Key_9)
        return static_cast<VTermKey>(VTERM_KEY_KP_0 + (key - Qt::Key_0));
    switch (key) {
    case Qt::Key_Asterisk:
        return VTERM_KEY_KP_MULT;
    case Qt::Key_Plus:
        return VTERM_KEY_KP_PLUS;
    case Qt::Key_Comma:
        return VTERM_KEY_KP_COMMA;
    case Qt::Key_Minus:
        return VTERM_KEY_KP_MINUS;
    case Qt::Key_Period:
        return VTERM_KEY_KP_PERIOD;
    case Qt::Key_Slash:
        return VTERM_KEY_KP_DIVIDE;
    case Qt::Key_Enter:
        return VTERM_KEY_KP_ENTER;
    case Qt::Key_Equal:
        return VTERM_KEY_KP_EQUAL;
    default:
        return std::nullopt;
    }
}

std::optional<VTermKey> specialKey(int key) {
    if (key >= Qt::Key_F1 && key < Qt::Key_F1 + kFunctionKeys)
        return static_cast<VTermKey>(VTERM_KEY_FUNCTION(1 + (key - Qt::Key_F1)));
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return VTERM_KEY_TAB;
    case Qt::Key_Backspace:
        return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape:
        return VTERM_KEY_ESCAPE;
    case Qt::Key_Up:
        return VTERM_KEY_UP;
    case Qt::Key_Down:
        return VTERM_KEY_DOWN;
    case Qt::Key_Left:
        return VTERM_KEY_LEFT;
    case Qt::Key_Right:
        return VTERM_KEY_RIGHT;
    case Qt::Key_Insert:
        return VTERM_KEY_INS;
    case Qt::Key_Delete:
        return VTERM_KEY_DEL;
    case Qt::Key_Home:
        return VTERM_KEY_HOME;
    case Qt::Key_End:
        return VTERM_KEY_END;
    case Qt::Key_PageUp:
        return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown:
        return VTERM_KEY_PAGEDOWN;
    default:
        return std::nullopt;
    }
}

// The character a key stands for when Ctrl or Alt is held: the platform's text is then a
// control character (or nothing), so take it from the key code. Letters are lower case;
// libvterm turns Ctrl+letter into the C0 control.
std::optional<char32_t> characterOf(const QKeyEvent& event) {
    const int key = event.key();
    if (key >= Qt::Key_A && key <= Qt::Key_Z)
        return char32_t(U'a' + (key - Qt::Key_A));
    if (key >= Qt::Key_Space && key <= Qt::Key_AsciiTilde)
        return char32_t(key);
    const QList<uint> text = event.text().toUcs4();
    if (text.size() == 1 && text.front() >= U' ')
        return char32_t(text.front());
    return std::nullopt;
}

} // namespace

bool TerminalScreen::sendKey(const QKeyEvent& event) {
    const Qt::KeyboardModifiers qtMods = event.modifiers();
    VTermModifier mod = modifiersOf(qtMods);

    if (qtMods & Qt::KeypadModifier) {
        if (const auto kp = keypadKey(event.key())) {
            vterm_keyboard_key(m_vt, *kp, mod);
            flush();
            return true;
        }
    }
    if (const auto key = specialKey(event.key())) {
        if (event.key() == Qt::Key_Backtab) // Qt reports Shift+Tab as Backtab
            mod = static_cast<VTermModifier>(mod | VTERM_MOD_SHIFT);
        vterm_keyboard_key(m_vt, *key, mod);
        flush();
        return true;
    }
    if (qtMods & (Qt::ControlModifier | Qt::AltModifier)) {
        const auto ch = characterOf(event);
        if (!ch)
            return false;
        vterm_keyboard_unichar(m_vt, *ch, mod);
        flush();
        return true;
    }
    const QString text = event.text();
    if (text.isEmpty() || text.front() < QLatin1Char(' '))
        return false;
    for (const char32_t ch : text.toUcs4())
        vterm_keyboard_unichar(m_vt, ch, VTERM_MOD_NONE);
    flush();
    return true;
}

void TerminalScreen::sendMouseMove(int row, int col, Qt::KeyboardModifiers mods) {
    vterm_mouse_move(m_vt, std::clamp(row, 0, m_rows - 1), std::clamp(col, 0, m_cols - 1),
                     modifiersOf(mods));
    flush();
}

void TerminalScreen::sendMouseButton(int button, bool pressed, Qt::KeyboardModifiers mods) {
    vterm_mouse_button(m_vt, button, pressed, modifiersOf(mods));
    flush();
}

} // namespace hangar
