#include "TerminalScrollback.h"

#include <algorithm>
#include <utility>

namespace hangar {

namespace {

// libvterm marks the right half of a wide character with this in chars[0].
constexpr uint32_t kContinuation = 0xffffffffu;

bool isBlank(const VTermScreenCell& cell) {
    return cell.chars[0] == 0 && (cell.bg.type & VTERM_COLOR_DEFAULT_BG) && !cell.attrs.reverse &&
           !cell.attrs.underline && !cell.attrs.strike;
}

} // namespace

int TerminalScrollback::setLimit(int limit) {
    m_limit = std::max(0, limit);
    return trim();
}

int TerminalScrollback::trim() {
    int dropped = 0;
    while (static_cast<int>(m_lines.size()) > m_limit) {
        m_lines.pop_front();
        ++dropped;
    }
    m_dropped += static_cast<unsigned long long>(dropped);
    return dropped;
}

void TerminalScrollback::push(int cols, const VTermScreenCell* cells, bool continues) {
    if (m_limit <= 0)
        return;
    int width = cols;
    while (width > 0 && isBlank(cells[width - 1]))
        --width;
    if (static_cast<int>(m_lines.size()) >= m_limit) {
        // Reuse the oldest line's storage rather than allocating.
        Line line = std::move(m_lines.front());
        m_lines.pop_front();
        ++m_dropped;
        if (line.cells.capacity() < static_cast<std::size_t>(cols))
            line.cells.reserve(static_cast<std::size_t>(cols)); // once: later lines fit
        line.cells.assign(cells, cells + width);
        line.continues = continues;
        m_lines.push_back(std::move(line));
        return;
    }
    m_lines.push_back({std::vector<VTermScreenCell>(cells, cells + width), continues});
}

bool TerminalScrollback::pop(int cols, VTermScreenCell* cells, const VTermScreenCell& blank,
                             bool* continues) {
    if (m_lines.empty())
        return false;
    const std::vector<VTermScreenCell>& line = m_lines.back().cells;
    *continues = m_lines.back().continues;
    const int stored = std::min(cols, static_cast<int>(line.size()));
    std::copy_n(line.begin(), stored, cells);
    std::fill(cells + stored, cells + cols, blank);
    m_lines.pop_back();
    return true;
}

void TerminalScrollback::clear() {
    m_dropped += m_lines.size();
    m_lines.clear();
}

const VTermScreenCell& TerminalScrollback::cell(int line, int col,
                                                const VTermScreenCell& blank) const {
    if (line < 0 || line >= size())
        return blank;
    const std::vector<VTermScreenCell>& cells = m_lines[static_cast<std::size_t>(line)].cells;
    return col >= 0 && col < static_cast<int>(cells.size()) ? cells[static_cast<std::size_t>(col)]
                                                            : blank;
}

int TerminalScrollback::storedWidth(int line) const {
    return line >= 0 && line < size()
               ? static_cast<int>(m_lines[static_cast<std::size_t>(line)].cells.size())
               : 0;
}

bool TerminalScrollback::continues(int line) const {
    return line >= 0 && line < size() && m_lines[static_cast<std::size_t>(line)].continues;
}

void TerminalScrollback::Rewrap::map(int* line, int* col) const {
    if (*line < 0 || *line >= static_cast<int>(old.size()))
        return;
    const Old& o = old[static_cast<std::size_t>(*line)];
    const Logical& l = logical[static_cast<std::size_t>(o.logical)];
    // Wide characters moved down at the margin are not counted: close enough for an anchor.
    const int offset = o.offset + std::max(0, *col);
    const int row = std::min(offset / width, l.count - 1);
    *line = l.first + row;
    *col = std::min(offset - row * width, width - 1);
}

TerminalScrollback::Rewrap TerminalScrollback::rewrap(int width) {
    Rewrap map;
    map.width = std::max(1, width);
    map.old.resize(m_lines.size());
    std::deque<Line> out;
    std::vector<VTermScreenCell> joined;
    const std::size_t n = m_lines.size();
    for (std::size_t i = 0; i < n;) {
        // The logical line: this line and those that continue it.
        joined.clear();
        const int logical = static_cast<int>(map.logical.size());
        std::size_t j = i;
        do {
            map.old[j] = {logical, static_cast<int>(joined.size())};
            const std::vector<VTermScreenCell>& cells = m_lines[j].cells;
            joined.insert(joined.end(), cells.begin(), cells.end());
            ++j;
        } while (j < n && m_lines[j].continues);
        i = j;

        Rewrap::Logical placed{static_cast<int>(out.size()), 0};
        std::size_t pos = 0;
        do {
            Line line;
            line.continues = placed.count > 0;
            line.cells.reserve(static_cast<std::size_t>(map.width));
            int col = 0;
            while (pos < joined.size() && col < map.width) {
                const VTermScreenCell& c = joined[pos];
                if (c.chars[0] == kContinuation) { // a half without its character
                    ++pos;
                    continue;
                }
                const int w = std::max(1, int(c.width));
                if (col > 0 && col + w > map.width)
                    break; // moves down whole, leaving a gap at the margin
                line.cells.push_back(c);
                ++pos;
                for (int k = 1;
                     k < w && pos < joined.size() && joined[pos].chars[0] == kContinuation;
                     ++k, ++pos)
                    line.cells.push_back(joined[pos]);
                col += w;
            }
            while (!line.cells.empty() && isBlank(line.cells.back()))
                line.cells.pop_back();
            out.push_back(std::move(line));
            ++placed.count;
        } while (pos < joined.size());
        map.logical.push_back(placed);
    }
    const int excess = static_cast<int>(out.size()) - m_limit;
    if (excess > 0) {
        out.erase(out.begin(), out.begin() + excess);
        for (Rewrap::Logical& l : map.logical)
            l.first -= excess;
    }
    m_lines = std::move(out);
    return map;
}

} // namespace hangar
