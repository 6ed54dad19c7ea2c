#pragma once

#include "TerminalTypes.h"

#include <QString>

namespace hangar {

class TerminalScreen;

// What the mouse selected in a terminal: by character, by word (double click) or by line
// (triple click). Positions are TerminalScreen lines and column boundaries: the selection
// runs from begin() up to, not including, end(). No widget code; TerminalView drives it.
class TerminalSelection {
public:
    enum class Mode { Char, Word, Line };

    // The press: `cell` is the cell under the pointer, `boundary` the column boundary nearest
    // to it (cell.col or cell.col + 1), which a character selection starts from.
    void start(const TerminalScreen& screen, TerminalPos cell, int boundary, Mode mode);
    // The drag: extends from the press to the pointer's cell.
    void extend(const TerminalScreen& screen, TerminalPos cell, int boundary);
    void selectAll(const TerminalScreen& screen);
    void clear();
    // Lines fell off the front of the scrollback: move up with the text (or vanish with it).
    void shift(int lines);

    bool isEmpty() const { return !(m_begin < m_end); }
    Mode mode() const { return m_mode; }
    TerminalPos begin() const { return m_begin; }
    TerminalPos end() const { return m_end; }
    bool contains(int line, int col) const;
    // The selected text: lines joined by '\n', blanks at each line's end trimmed; a line the
    // terminal soft-wrapped goes on into the next without either.
    QString text(const TerminalScreen& screen) const;

    // The word around a cell, as [first column, end column); a lone non-word cell is a word.
    static std::pair<int, int> wordAt(const TerminalScreen& screen, TerminalPos cell);

private:
    void update(const TerminalScreen& screen, TerminalPos cell, int boundary);

    Mode m_mode = Mode::Char;
    TerminalPos m_anchorCell;
    int m_anchorBoundary = 0;
    TerminalPos m_begin;
    TerminalPos m_end;
};

} // namespace hangar
