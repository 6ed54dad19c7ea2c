#include "TerminalScreen.h"

#include "TerminalScrollback.h"

#include <vterm.h>

#include <algorithm>
#include <climits>
#include <utility>

namespace hangar {

namespace {

// libvterm marks the right half of a wide character with this in chars[0].
constexpr uint32_t kContinuation = 0xffffffffu;
// More damage rectangles than this in one call are sent as their bounding rectangle.
constexpr int kMaxDamageRects = 16;

VTermScreenCell blankCell() {
    VTermScreenCell cell{};
    cell.width = 1;
    cell.fg.type = VTERM_COLOR_DEFAULT_FG;
    cell.bg.type = VTERM_COLOR_DEFAULT_BG;
    return cell;
}

const VTermScreenCell kBlank = blankCell();

TerminalCursor::Shape shapeOf(int vtermShape) {
    switch (vtermShape) {
    case VTERM_PROP_CURSORSHAPE_UNDERLINE:
        return TerminalCursor::Shape::Underline;
    case VTERM_PROP_CURSORSHAPE_BAR_LEFT:
        return TerminalCursor::Shape::Bar;
    default:
        return TerminalCursor::Shape::Block;
    }
}

} // namespace

// libvterm's C callbacks; `user` is the TerminalScreen. They only record what happened:
// flush() emits the signals once libvterm has returned.
struct TerminalScreen::Callbacks {
    static TerminalScreen* self(void* user) { return static_cast<TerminalScreen*>(user); }

    static int damage(VTermRect r, void* user) {
        self(user)->m_damage.append(
            QRect(r.start_col, r.start_row, r.end_col - r.start_col, r.end_row - r.start_row));
        return 1;
    }
    static int moveCursor(VTermPos pos, VTermPos, int visible, void* user) {
        TerminalScreen* s = self(user);
        s->m_cursor.row = pos.row;
        s->m_cursor.col = pos.col;
        s->m_cursor.visible = visible != 0;
        s->m_cursorMoved = true;
        return 1;
    }
    static int setTermProp(VTermProp prop, VTermValue* val, void* user) {
        TerminalScreen* s = self(user);
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            s->m_cursor.visible = val->boolean != 0;
            s->m_cursorMoved = true;
            break;
        case VTERM_PROP_CURSORBLINK:
            s->m_cursor.blink = val->boolean != 0;
            s->m_cursorMoved = true;
            break;
        case VTERM_PROP_CURSORSHAPE:
            s->m_cursor.shape = shapeOf(val->number);
            s->m_cursorMoved = true;
            break;
        case VTERM_PROP_ALTSCREEN:
            s->m_altScreen = val->boolean != 0;
            if (s->m_altScreen) // libvterm clears the alternate screen on the way in
                std::fill(s->m_rowContinues[1].begin(), s->m_rowContinues[1].end(), 0);
            s->m_altScreenSet = true;
            break;
        case VTERM_PROP_TITLE:
            s->m_title = QString::fromUtf8(val->string);
            s->m_titleSet = true;
            break;
        case VTERM_PROP_REVERSE:
            s->m_reverseVideo = val->boolean != 0;
            s->m_damage.append(QRect(0, 0, s->m_cols, s->m_rows));
            break;
        case VTERM_PROP_MOUSE:
            s->m_mouseMode = val->number;
            break;
        default:
            return 0;
        }
        return 1;
    }
    static int bell(void* user) {
        ++self(user)->m_bells;
        return 1;
    }
    static int pushLine(int cols, const VTermScreenCell* cells, void* user) {
        TerminalScreen* s = self(user);
        // libvterm pushes rows from the top, in order: the row's wrap flag goes with it.
        const std::vector<char>& rows = s->m_rowContinues[0];
        const auto row = static_cast<std::size_t>(s->m_pushIndex);
        if (s->tracksWraps())
            ++s->m_pushIndex;
        s->m_scrollback->push(cols, cells, row < rows.size() && rows[row]);
        s->m_scrollbackMoved = true;
        return 1;
    }
    static int popLine(int cols, VTermScreenCell* cells, void* user) {
        TerminalScreen* s = self(user);
        bool continues = false;
        if (!s->m_scrollback->pop(cols, cells, kBlank, &continues))
            return 0;
        s->m_popped.push_back(continues);
        s->m_scrollbackMoved = true;
        return 1;
    }
    static void output(const char* bytes, size_t len, void* user) {
        self(user)->m_output.append(bytes, static_cast<qsizetype>(len));
    }

    static constexpr VTermScreenCallbacks kScreen = {
        &damage, nullptr, &moveCursor, &setTermProp, &bell, nullptr, &pushLine, &popLine,
    };
};

TerminalScreen::TerminalScreen(int cols, int rows, QObject* parent)
    : QObject(parent)
    , m_scrollback(std::make_unique<TerminalScrollback>(kDefaultScrollbackLines))
    , m_cols(std::max(1, cols))
    , m_rows(std::max(1, rows)) {
    m_vt = vterm_new(m_rows, m_cols);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, &Callbacks::output, this);
    m_screen = vterm_obtain_screen(m_vt);
    vterm_screen_set_callbacks(m_screen, &Callbacks::kScreen, this);
    for (std::vector<char>& flags : m_rowContinues)
        flags.assign(static_cast<std::size_t>(m_rows), 0);
    trackWraps();
    // Merge damage into as few rectangles as possible; feed() flushes after every write.
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_SCROLL);
    vterm_screen_enable_altscreen(m_screen, 1);
    vterm_screen_reset(m_screen, 1);
    // Nobody is connected yet: forget what the reset reported.
    m_damage.clear();
    m_output.clear();
    m_cursorMoved = m_scrollbackMoved = m_titleSet = m_altScreenSet = false;
    m_bells = 0;
}

TerminalScreen::~TerminalScreen() {
    vterm_free(m_vt);
}

void TerminalScreen::feed(const QByteArray& data) {
    if (data.isEmpty())
        return;
    vterm_input_write(m_vt, data.constData(), static_cast<size_t>(data.size()));
    vterm_screen_flush_damage(m_screen);
    flush();
}

void TerminalScreen::resize(int cols, int rows, QList<TerminalPos>* keep) {
    cols = std::max(1, cols);
    rows = std::max(1, rows);
    if (cols == m_cols && rows == m_rows)
        return;
    const bool rewrap = cols != m_cols && tracksWraps();
    // Before libvterm resizes: the lines it pulls back onto a taller screen must fit already.
    if (rewrap)
        rewrapScrollback(cols, keep);
    m_cols = cols;
    m_rows = rows;
    const int before = scrollbackLines();
    const quint64 droppedBefore = droppedLines();
    vterm_set_size(m_vt, rows, cols);
    // Lines dropped at the front of a full scrollback take the kept places' numbers along.
    const int dropped = int(std::min<quint64>(droppedLines() - droppedBefore, INT_MAX));
    if (keep && dropped > 0) {
        for (TerminalPos& pos : *keep)
            pos.line = std::max(0, pos.line - dropped);
    }
    // ... and after, for the rows it pushed off a shorter one, still at the old width.
    if (rewrap && (scrollbackLines() != before || droppedLines() != droppedBefore))
        rewrapScrollback(cols, keep);
    vterm_screen_flush_damage(m_screen);
    m_damage.append(QRect(0, 0, cols, rows));
    flush();
    emit resized(cols, rows);
}

void TerminalScreen::flush() {
    QList<QRect> damage;
    damage.swap(m_damage);
    QByteArray output;
    output.swap(m_output);
    const bool cursorMoved = std::exchange(m_cursorMoved, false);
    const bool scrollbackMoved = std::exchange(m_scrollbackMoved, false);
    const bool titleSet = std::exchange(m_titleSet, false);
    const bool altScreenSet = std::exchange(m_altScreenSet, false);
    const int bells = std::exchange(m_bells, 0);

    if (damage.size() > kMaxDamageRects) {
        QRect bounds;
        for (const QRect& r : std::as_const(damage))
            bounds |= r;
        damage = {bounds};
    }
    if (scrollbackMoved)
        emit scrollbackChanged();
    for (const QRect& r : std::as_const(damage))
        emit damaged(r);
    if (cursorMoved)
        emit cursorChanged();
    if (titleSet)
        emit titleChanged(m_title);
    if (altScreenSet)
        emit altScreenChanged(m_altScreen);
    if (bells > 0)
        emit bell();
    if (!output.isEmpty())
        emit input(output);
}

int TerminalScreen::scrollbackLines() const {
    return m_scrollback->size();
}
int TerminalScreen::scrollbackLimit() const {
    return m_scrollback->limit();
}
quint64 TerminalScreen::droppedLines() const {
    return m_scrollback->dropped();
}

void TerminalScreen::setScrollbackLimit(int lines) {
    if (m_scrollback->setLimit(lines) > 0)
        emit scrollbackChanged();
}

void TerminalScreen::clearScrollback() {
    if (m_scrollback->size() == 0)
        return;
    m_scrollback->clear();
    emit scrollbackChanged();
}

void TerminalScreen::setPalette(const TerminalPalette& palette) {
    m_palette = palette;
    emit damaged(QRect(0, 0, m_cols, m_rows));
}

namespace {

// A colour as the program chose it, through the palette.
void resolve(const VTermColor& color, const TerminalPalette& palette, bool foreground, QRgb* rgb,
             bool* isDefault, int* index) {
    if (color.type & VTERM_COLOR_DEFAULT_MASK) {
        *isDefault = true;
        *rgb = (foreground ? palette.foreground : palette.background).rgb();
        return;
    }
    *isDefault = false;
    if (VTERM_COLOR_IS_INDEXED(&color)) {
        *index = color.indexed.idx;
        *rgb = palette.indexed(color.indexed.idx);
        return;
    }
    *rgb = qRgb(color.rgb.red, color.rgb.green, color.rgb.blue);
}

} // namespace

TerminalCell TerminalScreen::convert(const void* vtermCell) const {
    const VTermScreenCell& c = *static_cast<const VTermScreenCell*>(vtermCell);
    TerminalCell out;
    if (c.chars[0] == kContinuation) {
        out.width = 0;
    } else {
        char32_t chars[VTERM_MAX_CHARS_PER_CELL];
        int n = 0;
        for (; n < VTERM_MAX_CHARS_PER_CELL && c.chars[n] != 0; ++n)
            chars[n] = c.chars[n];
        if (n > 0)
            out.text = QString::fromUcs4(chars, n);
        out.width = std::max(1, int(c.width));
    }
    resolve(c.fg, m_palette, true, &out.fg, &out.defaultFg, &out.fgIndex);
    resolve(c.bg, m_palette, false, &out.bg, &out.defaultBg, &out.bgIndex);
    out.attrs.setFlag(TerminalCell::Attr::Bold, c.attrs.bold);
    out.attrs.setFlag(TerminalCell::Attr::Italic, c.attrs.italic);
    out.attrs.setFlag(TerminalCell::Attr::Underline, c.attrs.underline != VTERM_UNDERLINE_OFF);
    out.attrs.setFlag(TerminalCell::Attr::Inverse, c.attrs.reverse);
    out.attrs.setFlag(TerminalCell::Attr::Strike, c.attrs.strike);
    out.attrs.setFlag(TerminalCell::Attr::Blink, c.attrs.blink);
    return out;
}

TerminalCell TerminalScreen::cell(int line, int col) const {
    const int sb = scrollbackLines();
    if (line < sb)
        return convert(&m_scrollback->cell(line, col, kBlank));
    VTermScreenCell c;
    if (line - sb >= m_rows || col < 0 || col >= m_cols ||
        !vterm_screen_get_cell(m_screen, VTermPos{line - sb, col}, &c))
        return convert(&kBlank);
    return convert(&c);
}

bool TerminalScreen::lineContinues(int line) const {
    const int sb = scrollbackLines();
    if (line < sb)
        return m_scrollback->continues(line);
    const std::vector<char>& rows = m_rowContinues[m_altScreen ? 1 : 0];
    const auto row = static_cast<std::size_t>(line - sb);
    return row < rows.size() && rows[row];
}

QString TerminalScreen::lineText(int line, QList<int>* columns, bool keepSpaces) const {
    const int sb = scrollbackLines();
    const int width = line < sb ? m_scrollback->storedWidth(line) : m_cols;
    QString text;
    QList<int> cols;
    text.reserve(width);
    qsizetype written = 0; // the text up to the last cell something was written to
    VTermScreenCell c;
    for (int col = 0; col < width; ++col) {
        const VTermScreenCell* cell = &c;
        if (line < sb)
            cell = &m_scrollback->cell(line, col, kBlank);
        else if (!vterm_screen_get_cell(m_screen, VTermPos{line - sb, col}, &c))
            cell = &kBlank;
        if (cell->chars[0] == kContinuation)
            continue;
        if (cell->chars[0] == 0) {
            text.append(QLatin1Char(' '));
            cols.append(col);
            continue;
        }
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell->chars[i] != 0; ++i) {
            const char32_t ch = cell->chars[i];
            const QString s = QString::fromUcs4(&ch, 1);
            text.append(s);
            for (qsizetype k = 0; k < s.size(); ++k)
                cols.append(col);
        }
        written = text.size();
    }
    qsizetype end = text.size();
    if (keepSpaces)
        end = written;
    else
        while (end > 0 && text.at(end - 1) == QLatin1Char(' '))
            --end;
    text.truncate(end);
    cols.resize(end);
    if (columns)
        *columns = std::move(cols);
    return text;
}

QString TerminalScreen::screenText() const {
    QStringList rows;
    const int sb = scrollbackLines();
    for (int r = 0; r < m_rows; ++r)
        rows.append(lineText(sb + r));
    return rows.join(QLatin1Char('\n'));
}

void TerminalScreen::sendText(const QString& text) {
    for (const char32_t ch : text.toUcs4())
        vterm_keyboard_unichar(m_vt, ch, VTERM_MOD_NONE);
    flush();
}

void TerminalScreen::paste(const QString& text) {
    QString clean = text;
    // Terminals send Enter as CR; and a paste must not be able to end the bracket early.
    clean.replace(QStringLiteral("\r\n"), QStringLiteral("\r"));
    clean.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    clean.remove(QStringLiteral("\x1b[201~"));
    vterm_keyboard_start_paste(m_vt);
    m_output.append(clean.toUtf8());
    vterm_keyboard_end_paste(m_vt);
    flush();
}

void TerminalScreen::setFocused(bool focused) {
    VTermState* state = vterm_obtain_state(m_vt);
    if (focused)
        vterm_state_focus_in(state);
    else
        vterm_state_focus_out(state);
    flush();
}

} // namespace hangar
