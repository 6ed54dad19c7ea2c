#pragma once

#include <vterm.h>

#include <deque>
#include <vector>

namespace hangar {

// The lines libvterm pushed off the top of the main screen, oldest first, at most limit()
// of them. Blank cells at the end of a line are not stored. A line that "continues" is the
// terminal's soft wrap of the one before it (the program printed past the right margin),
// which search joins and rewrap() re-splits. Private to TerminalScreen.
class TerminalScrollback {
public:
    explicit TerminalScrollback(int limit)
        : m_limit(limit) {}

    int size() const { return static_cast<int>(m_lines.size()); }
    int limit() const { return m_limit; }
    // Returns how many of the oldest lines were dropped to fit.
    int setLimit(int limit);
    unsigned long long dropped() const { return m_dropped; }

    void push(int cols, const VTermScreenCell* cells, bool continues);
    // Moves the newest line into `cells` (padded with `blank`); false when empty.
    bool pop(int cols, VTermScreenCell* cells, const VTermScreenCell& blank, bool* continues);
    void clear();

    // The cell at (line, col); `blank` past the stored end of the line.
    const VTermScreenCell& cell(int line, int col, const VTermScreenCell& blank) const;
    int storedWidth(int line) const;
    bool continues(int line) const;

    // Where the lines went in a rewrap: old line `line`, column `col` -> new line and column.
    struct Rewrap {
        struct Old {
            int logical = 0; // index into `logical`
            int offset = 0;  // cells before this line's first in its logical line
        };
        struct Logical {
            int first = 0; // the new line it starts on (may be < 0: dropped to fit)
            int count = 1;
        };
        int width = 1;
        std::vector<Old> old;
        std::vector<Logical> logical;

        void map(int* line, int* col) const;
    };
    // Joins continued lines into the logical lines the program printed and splits them again
    // at `width` columns (a wide character that would straddle the margin moves down, as the
    // terminal does). The oldest lines are dropped if there are more than limit() now; they
    // do not count in dropped(), since the returned map accounts for them.
    Rewrap rewrap(int width);

private:
    struct Line {
        std::vector<VTermScreenCell> cells;
        bool continues = false;
    };

    int trim();

    std::deque<Line> m_lines;
    int m_limit;
    unsigned long long m_dropped = 0;
};

} // namespace hangar
