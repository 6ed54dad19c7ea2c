#include "TerminalSelection.h"

#include "TerminalScreen.h"

#include <algorithm>
#include <limits>

namespace hangar {

namespace {

constexpr int kEndOfLine = std::numeric_limits<int>::max();

// Characters that belong to a word besides letters and digits: enough for paths, URLs and
// option names to be selected whole by a double click.
bool isWordChar(const QString& text) {
    if (text.isEmpty())
        return false;
    const QChar c = text.front();
    return c.isLetterOrNumber() || QStringLiteral("_-.~/:@%+=?&#,").contains(c) ||
           c.isHighSurrogate();
}

bool isWordCell(const TerminalScreen& screen, int line, int col) {
    TerminalCell cell = screen.cell(line, col);
    if (cell.isContinuation() && col > 0)
        cell = screen.cell(line, col - 1);
    return isWordChar(cell.text);
}

} // namespace

std::pair<int, int> TerminalSelection::wordAt(const TerminalScreen& screen, TerminalPos cell) {
    const int cols = screen.cols();
    if (!isWordCell(screen, cell.line, cell.col)) {
        const int width = std::max(1, screen.cell(cell.line, cell.col).width);
        return {cell.col, cell.col + width};
    }
    int first = cell.col;
    while (first > 0 && isWordCell(screen, cell.line, first - 1))
        --first;
    int end = cell.col + 1;
    while (end < cols && isWordCell(screen, cell.line, end))
        ++end;
    return {first, end};
}

void TerminalSelection::start(const TerminalScreen& screen, TerminalPos cell, int boundary,
                              Mode mode) {
    m_mode = mode;
    m_anchorCell = cell;
    m_anchorBoundary = boundary;
    update(screen, cell, boundary);
}

void TerminalSelection::extend(const TerminalScreen& screen, TerminalPos cell, int boundary) {
    update(screen, cell, boundary);
}

void TerminalSelection::update(const TerminalScreen& screen, TerminalPos cell, int boundary) {
    switch (m_mode) {
    case Mode::Char: {
        const TerminalPos a{m_anchorCell.line, m_anchorBoundary};
        const TerminalPos b{cell.line, boundary};
        m_begin = std::min(a, b);
        m_end = std::max(a, b);
        break;
    }
    case Mode::Word: {
        const auto [a0, a1] = wordAt(screen, m_anchorCell);
        const auto [b0, b1] = wordAt(screen, cell);
        m_begin = std::min(TerminalPos{m_anchorCell.line, a0}, TerminalPos{cell.line, b0});
        m_end = std::max(TerminalPos{m_anchorCell.line, a1}, TerminalPos{cell.line, b1});
        break;
    }
    case Mode::Line:
        m_begin = {std::min(m_anchorCell.line, cell.line), 0};
        m_end = {std::max(m_anchorCell.line, cell.line), kEndOfLine};
        break;
    }
}

void TerminalSelection::selectAll(const TerminalScreen& screen) {
    m_mode = Mode::Line;
    m_begin = {0, 0};
    m_end = {screen.lineCount() - 1, kEndOfLine};
}

void TerminalSelection::clear() {
    m_begin = m_end = m_anchorCell = {};
}

void TerminalSelection::shift(int lines) {
    if (lines <= 0 || isEmpty())
        return;
    m_anchorCell.line -= lines;
    m_begin.line -= lines;
    m_end.line -= lines;
    if (m_end.line < 0)
        clear();
    else if (m_begin.line < 0)
        m_begin = {0, 0};
}

bool TerminalSelection::contains(int line, int col) const {
    const TerminalPos p{line, col};
    return !isEmpty() && !(p < m_begin) && p < m_end;
}

QString TerminalSelection::text(const TerminalScreen& screen) const {
    if (isEmpty())
        return {};
    QString out;
    const int last = std::min(m_end.line, screen.lineCount() - 1);
    for (int line = std::max(0, m_begin.line); line <= last; ++line) {
        // A line the terminal soft-wrapped goes on without a line break, spaces and all.
        const bool wraps = line < last && screen.lineContinues(line + 1);
        QList<int> columns;
        const QString text = screen.lineText(line, &columns, wraps);
        const int from = line == m_begin.line ? m_begin.col : 0;
        const int to = line == m_end.line ? m_end.col : kEndOfLine;
        QString part;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (columns[i] >= from && columns[i] < to)
                part.append(text[i]);
        }
        if (!wraps) {
            while (part.endsWith(QLatin1Char(' ')))
                part.chop(1);
        }
        out += part;
        if (line < last && !wraps)
            out += QLatin1Char('\n');
    }
    return out;
}

} // namespace hangar
