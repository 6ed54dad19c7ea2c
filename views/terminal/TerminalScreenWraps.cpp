// Soft wraps: which rows continue the row above because the program printed past the right
// margin. libvterm 0.1.4 does not say (VTermLineInfo has no `continuation` before 0.2), so
// WrapCallbacks sit between its state layer and its screen layer and watch: a glyph put at
// column 0 with no cursor move reported since a glyph reached the margin can only be
// libvterm's own autowrap. Every state callback is forwarded to the screen's.
//
// The screen layer's state callbacks are not public either: the first fields of libvterm's
// VTermState (vt, callbacks, cbdata, the same since 0.1) are read, and only used once they
// check out against vterm_state_get_cbdata() and the VTerm itself. If they ever do not,
// wraps are not tracked: search stays within rows and the scrollback is not rewrapped.
#include "TerminalScreen.h"
#include "TerminalScrollback.h"

#include <vterm.h>

#include <algorithm>

namespace hangar {

namespace {

struct VTermStateHead {
    VTerm* vt;
    const VTermStateCallbacks* callbacks;
    void* cbdata;
};

// Rows [top, bottom) moved up by `downward` (down when negative); the vacated ones are new.
void shiftRows(std::vector<char>& rows, int top, int bottom, int downward) {
    bottom = std::min(bottom, static_cast<int>(rows.size()));
    if (top >= bottom || downward == 0)
        return;
    const auto first = rows.begin() + top;
    const auto last = rows.begin() + bottom;
    if (std::abs(downward) >= bottom - top) {
        std::fill(first, last, 0);
    } else if (downward > 0) {
        std::move(first + downward, last, first);
        std::fill(last - downward, last, 0);
    } else {
        std::move_backward(first, last + downward, last);
        std::fill(first, first - downward, 0);
    }
}

} // namespace

struct TerminalScreen::WrapCallbacks {
    static TerminalScreen* self(void* user) { return static_cast<TerminalScreen*>(user); }
    static const VTermStateCallbacks& next(const TerminalScreen* s) {
        return *static_cast<const VTermStateCallbacks*>(s->m_screenStateCallbacks);
    }
    static void* screen(const TerminalScreen* s) { return s->m_screen; }

    static int putglyph(VTermGlyphInfo* info, VTermPos pos, void* user) {
        TerminalScreen* s = self(user);
        std::vector<char>& rows = s->rowContinues();
        const bool atCursor = pos.row == s->m_glyphRow && pos.col == s->m_glyphCol;
        if (pos.col == 0 && pos.row >= 0 && pos.row < static_cast<int>(rows.size())) {
            // libvterm's condition for wrapping, on the cursor as we followed it.
            const bool wrapped =
                !atCursor && (s->m_glyphPhantom || s->m_glyphCol + info->width > s->m_cols);
            if (wrapped)
                rows[static_cast<std::size_t>(pos.row)] = 1;
            else if (atCursor) // printed at the start of a row the cursor was moved to
                rows[static_cast<std::size_t>(pos.row)] = 0;
        }
        s->m_glyphRow = pos.row;
        s->m_glyphPhantom = pos.col + info->width >= s->m_cols;
        s->m_glyphCol = s->m_glyphPhantom ? pos.col : pos.col + info->width;
        return next(s).putglyph ? next(s).putglyph(info, pos, screen(s)) : 0;
    }
    static int movecursor(VTermPos pos, VTermPos oldpos, int visible, void* user) {
        TerminalScreen* s = self(user);
        if (pos.row != s->m_glyphRow || pos.col != s->m_glyphCol) {
            s->m_glyphRow = pos.row;
            s->m_glyphCol = pos.col;
            s->m_glyphPhantom = false;
        }
        return next(s).movecursor ? next(s).movecursor(pos, oldpos, visible, screen(s)) : 0;
    }
    static int scrollrect(VTermRect rect, int downward, int rightward, void* user) {
        TerminalScreen* s = self(user);
        s->m_pushIndex = 0; // rows pushed to the scrollback go from the top
        const int done =
            next(s).scrollrect ? next(s).scrollrect(rect, downward, rightward, screen(s)) : 0;
        if (rightward == 0 && rect.start_col == 0 && rect.end_col >= s->m_cols)
            shiftRows(s->rowContinues(), rect.start_row, rect.end_row, downward);
        return done;
    }
    static int erase(VTermRect rect, int selective, void* user) {
        TerminalScreen* s = self(user);
        if (rect.start_col == 0 && rect.end_col >= s->m_cols) {
            std::vector<char>& rows = s->rowContinues();
            for (int row = std::max(0, rect.start_row);
                 row < rect.end_row && row < static_cast<int>(rows.size()); ++row)
                rows[static_cast<std::size_t>(row)] = 0;
        }
        return next(s).erase ? next(s).erase(rect, selective, screen(s)) : 0;
    }
    static int resize(int rows, int cols, VTermPos* delta, void* user) {
        TerminalScreen* s = self(user);
        s->m_pushIndex = 0;
        s->m_popped.clear();
        const int done = next(s).resize ? next(s).resize(rows, cols, delta, screen(s)) : 0;
        // The main screen lost its top rows to the scrollback, or got lines back from it
        // (the last one popped is the top row).
        std::vector<char>& main = s->m_rowContinues[0];
        std::vector<char> now(s->m_popped.rbegin(), s->m_popped.rend());
        const auto pushed = std::min(main.size(), static_cast<std::size_t>(s->m_pushIndex));
        now.insert(now.end(), main.begin() + static_cast<std::ptrdiff_t>(pushed), main.end());
        now.resize(static_cast<std::size_t>(rows), 0);
        main = std::move(now);
        s->m_rowContinues[1].resize(static_cast<std::size_t>(rows), 0);
        s->m_popped.clear();
        // Where libvterm's cursor goes now (it reports a move only if there was one).
        if (s->m_glyphPhantom && s->m_glyphCol < cols - 1) {
            s->m_glyphPhantom = false;
            ++s->m_glyphCol;
        }
        s->m_glyphRow = std::min(s->m_glyphRow + delta->row, rows - 1);
        s->m_glyphCol = std::min(s->m_glyphCol + delta->col, cols - 1);
        return done;
    }

    // The rest only forward.
    static int moverect(VTermRect dest, VTermRect src, void* user) {
        const TerminalScreen* s = self(user);
        return next(s).moverect ? next(s).moverect(dest, src, screen(s)) : 0;
    }
    static int initpen(void* user) {
        const TerminalScreen* s = self(user);
        return next(s).initpen ? next(s).initpen(screen(s)) : 0;
    }
    static int setpenattr(VTermAttr attr, VTermValue* val, void* user) {
        const TerminalScreen* s = self(user);
        return next(s).setpenattr ? next(s).setpenattr(attr, val, screen(s)) : 0;
    }
    static int settermprop(VTermProp prop, VTermValue* val, void* user) {
        const TerminalScreen* s = self(user);
        return next(s).settermprop ? next(s).settermprop(prop, val, screen(s)) : 0;
    }
    static int bell(void* user) {
        const TerminalScreen* s = self(user);
        return next(s).bell ? next(s).bell(screen(s)) : 0;
    }
    static int setlineinfo(int row, const VTermLineInfo* info, const VTermLineInfo* old,
                           void* user) {
        const TerminalScreen* s = self(user);
        return next(s).setlineinfo ? next(s).setlineinfo(row, info, old, screen(s)) : 0;
    }

    static constexpr VTermStateCallbacks kState = {
        &putglyph,   &movecursor,  &scrollrect, &moverect, &erase,       &initpen,
        &setpenattr, &settermprop, &bell,       &resize,   &setlineinfo,
    };
};

void TerminalScreen::trackWraps() {
    VTermState* state = vterm_obtain_state(m_vt);
    const auto* head = reinterpret_cast<const VTermStateHead*>(state);
    if (head->vt != m_vt || head->cbdata != m_screen ||
        head->cbdata != vterm_state_get_cbdata(state) || head->callbacks == nullptr)
        return; // not the layout we know: no wrap tracking, nothing else changes
    m_screenStateCallbacks = head->callbacks;
    vterm_state_set_callbacks(state, &WrapCallbacks::kState, this);
}

void TerminalScreen::rewrapScrollback(int cols, QList<TerminalPos>* keep) {
    const int before = scrollbackLines();
    const TerminalScrollback::Rewrap map = m_scrollback->rewrap(cols);
    const int after = scrollbackLines();
    if (keep) {
        for (TerminalPos& pos : *keep) {
            if (pos.line >= before) {
                pos.line += after - before; // on the screen, which is not rewrapped
                continue;
            }
            map.map(&pos.line, &pos.col);
            if (pos.line < 0) // its line was dropped to fit
                pos = {0, 0};
        }
    }
    m_scrollbackMoved = true;
}

} // namespace hangar
