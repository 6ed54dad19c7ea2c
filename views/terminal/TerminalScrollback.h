#pragma once

#include <vterm.h>

#include <deque>
#include <vector>

namespace hangar {

// The lines libvterm pushed off the top of the main screen, oldest first, at most limit()
// of them. Blank cells at the end of a line are not stored. Private to TerminalScreen.
class TerminalScrollback {
public:
    explicit TerminalScrollback(int limit)
        : m_limit(limit) {}

    int size() const { return static_cast<int>(m_lines.size()); }
    int limit() const { return m_limit; }
    // Returns how many of the oldest lines were dropped to fit.
    int setLimit(int limit);
    unsigned long long dropped() const { return m_dropped; }

    void push(int cols, const VTermScreenCell* cells);
    // Moves the newest line into `cells` (padded with `blank`); false when empty.
    bool pop(int cols, VTermScreenCell* cells, const VTermScreenCell& blank);
    void clear();

    // The cell at (line, col); `blank` past the stored end of the line.
    const VTermScreenCell& cell(int line, int col, const VTermScreenCell& blank) const;
    int storedWidth(int line) const;

private:
    int trim();

    std::deque<std::vector<VTermScreenCell>> m_lines;
    int m_limit;
    unsigned long long m_dropped = 0;
};

} // namespace hangar
