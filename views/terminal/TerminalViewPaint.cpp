// TerminalView: painting. Cells are drawn in runs of equal style, so a line of text costs a few
// drawText() calls; wide characters are drawn one by one, centred on their two cells.
#include "TerminalScreen.h"
#include "TerminalView.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace hangar {

namespace {

constexpr int kCursorThickness = 2;
constexpr int kUnderlineOffset = 1; // below the baseline

// How a cell is drawn, after inverse video, selection and search highlights.
struct CellStyle {
    QRgb fg = 0;
    QRgb bg = 0;
    bool paintBg = false;
    int font = 0;
    bool underline = false;
    bool strike = false;

    friend bool operator==(const CellStyle&, const CellStyle&) = default;
};

enum class Highlight { None, Match, CurrentMatch, Selected };

CellStyle styleOf(const TerminalCell& cell, const TerminalPalette& palette, bool reverseVideo,
                  Highlight highlight) {
    CellStyle s;
    s.fg = cell.fg;
    s.bg = cell.bg;
    s.paintBg = !cell.defaultBg;
    if (cell.has(TerminalCell::Attr::Inverse) != reverseVideo) {
        std::swap(s.fg, s.bg);
        s.paintBg = true;
    }
    switch (highlight) {
    case Highlight::Selected:
        s.bg = palette.selection.rgb();
        s.paintBg = true;
        break;
    case Highlight::Match:
        s.bg = palette.searchMatch.rgb();
        s.paintBg = true;
        break;
    case Highlight::CurrentMatch:
        s.bg = palette.currentMatch.rgb();
        s.paintBg = true;
        break;
    case Highlight::None:
        break;
    }
    s.font = (cell.has(TerminalCell::Attr::Bold) ? 1 : 0) |
             (cell.has(TerminalCell::Attr::Italic) ? 2 : 0);
    s.underline = cell.has(TerminalCell::Attr::Underline);
    s.strike = cell.has(TerminalCell::Attr::Strike);
    return s;
}

} // namespace

void TerminalView::paintEvent(QPaintEvent* event) {
    QPainter painter(viewport());
    const TerminalPalette& palette = m_screen->palette();
    const bool reverse = m_screen->isReverseVideo();
    const QRect dirty = event->rect();
    painter.fillRect(dirty, reverse ? palette.foreground : palette.background);

    const int cw = m_cell.width();
    const int ch = m_cell.height();
    const int firstRow = std::max(0, dirty.top() / ch);
    const int lastRow = std::min(dirty.bottom() / ch, m_screen->rows() - 1);
    // One cell more on the left: a wide character there reaches into the dirty area.
    const int firstCol = std::max(0, dirty.left() / cw - 1);
    const int endCol = std::min(m_screen->cols(), dirty.right() / cw + 1);
    // The search matches of a soft-wrapped line, found once for all of its rows.
    QList<TerminalMatch> matches;
    int matchesUpTo = -1;
    for (int row = firstRow; row <= lastRow; ++row) {
        const int line = m_firstLine + row;
        if (line >= m_screen->lineCount())
            break;
        if (!m_searchText.isEmpty() && line > matchesUpTo) {
            matchesUpTo = terminalsearch::logicalLine(*m_screen, line).second;
            matches =
                terminalsearch::matchesInLine(*m_screen, line, m_searchText, Qt::CaseInsensitive);
        }
        paintLine(painter, line, row * ch, firstCol, endCol, matches);
    }
    paintCursor(painter);
    if (m_bellFlash)
        painter.fillRect(dirty, palette.bell);
}

void TerminalView::paintLine(QPainter& painter, int line, int y, int firstCol, int endCol,
                             const QList<TerminalMatch>& matches) {
    const TerminalPalette& palette = m_screen->palette();
    const bool reverse = m_screen->isReverseVideo();
    const int cw = m_cell.width();
    const int ch = m_cell.height();

    auto highlightAt = [&](int col) {
        if (m_selection.contains(line, col))
            return Highlight::Selected;
        for (const TerminalMatch& m : std::as_const(matches)) {
            if (m.contains(line, col))
                return m_match && *m_match == m ? Highlight::CurrentMatch : Highlight::Match;
        }
        return Highlight::None;
    };

    QString run;
    bool runHasText = false;
    CellStyle runStyle;
    int runCol = firstCol;
    auto flushRun = [&](int endColumn) {
        if (run.isEmpty())
            return;
        const QRect area(runCol * cw, y, (endColumn - runCol) * cw, ch);
        if (runStyle.paintBg)
            painter.fillRect(area, QColor(runStyle.bg));
        const QColor fg(runStyle.fg);
        if (runHasText) {
            painter.setFont(m_fonts[runStyle.font]);
            painter.setPen(fg);
            painter.drawText(QPoint(area.x(), y + m_ascent), run);
        }
        if (runStyle.underline)
            painter.fillRect(area.x(), y + m_ascent + kUnderlineOffset, area.width(), 1, fg);
        if (runStyle.strike)
            painter.fillRect(area.x(), y + ch / 2, area.width(), 1, fg);
        run.clear();
        runHasText = false;
    };

    for (int col = firstCol; col < endCol; ++col) {
        const TerminalCell cell = m_screen->cell(line, col);
        if (cell.isContinuation())
            continue; // drawn with the wide character on its left
        const CellStyle style = styleOf(cell, palette, reverse, highlightAt(col));
        if (cell.width > 1) {
            flushRun(col);
            // A wide glyph's advance rarely is two cells: centre it without letter spacing.
            const QRect area(col * cw, y, cell.width * cw, ch);
            if (style.paintBg)
                painter.fillRect(area, QColor(style.bg));
            QFont font = m_fonts[style.font];
            font.setLetterSpacing(QFont::AbsoluteSpacing, 0);
            painter.setFont(font);
            painter.setPen(QColor(style.fg));
            painter.drawText(area, Qt::AlignCenter, cell.text);
            continue;
        }
        if (!run.isEmpty() && !(style == runStyle))
            flushRun(col);
        if (run.isEmpty()) {
            runStyle = style;
            runCol = col;
        }
        if (cell.text.isEmpty()) {
            run += QLatin1Char(' ');
        } else {
            run += cell.text;
            runHasText = runHasText || cell.text != QLatin1String(" ");
        }
    }
    flushRun(endCol);
}

void TerminalView::paintCursor(QPainter& painter) {
    const TerminalCursor cursor = m_screen->cursor();
    const int line = m_screen->scrollbackLines() + cursor.row;
    if (!cursor.visible || line < m_firstLine || line >= m_firstLine + m_screen->rows()) {
        m_cursorArea = {};
        return;
    }
    const TerminalCell cell = m_screen->cell(line, cursor.col);
    QRect area = cellRect(line, cursor.col);
    area.setWidth(std::max(1, cell.width) * m_cell.width());
    m_cursorArea = area;
    const TerminalPalette& palette = m_screen->palette();
    if (!hasFocus()) {
        painter.setPen(palette.cursor);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(area.adjusted(0, 0, -1, -1));
        return;
    }
    if (!m_blinkOn)
        return;
    switch (cursor.shape) {
    case TerminalCursor::Shape::Block:
        painter.fillRect(area, palette.cursor);
        if (!cell.text.isEmpty()) {
            QFont font = m_fonts[cell.has(TerminalCell::Attr::Bold) ? Bold : Regular];
            painter.setFont(font);
            painter.setPen(palette.background);
            painter.drawText(QPoint(area.x(), area.y() + m_ascent), cell.text);
        }
        break;
    case TerminalCursor::Shape::Underline:
        painter.fillRect(area.x(), area.bottom() - kCursorThickness + 1, area.width(),
                         kCursorThickness, palette.cursor);
        break;
    case TerminalCursor::Shape::Bar:
        painter.fillRect(area.x(), area.y(), kCursorThickness, area.height(), palette.cursor);
        break;
    }
}

} // namespace hangar
