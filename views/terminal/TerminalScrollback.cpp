#include "TerminalScrollback.h"

#include <algorithm>

namespace hangar {

namespace {

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

void TerminalScrollback::push(int cols, const VTermScreenCell* cells) {
    if (m_limit <= 0)
        return;
    int width = cols;
    while (width > 0 && isBlank(cells[width - 1]))
        --width;
    if (static_cast<int>(m_lines.size()) >= m_limit) {
        // Reuse the oldest line's storage rather than allocating.
        std::vector<VTermScreenCell> line = std::move(m_lines.front());
        m_lines.pop_front();
        ++m_dropped;
        if (line.capacity() < static_cast<std::size_t>(cols))
            line.reserve(static_cast<std::size_t>(cols)); // once: later lines fit as they are
        line.assign(cells, cells + width);
        m_lines.push_back(std::move(line));
        return;
    }
    m_lines.emplace_back(cells, cells + width);
}

bool TerminalScrollback::pop(int cols, VTermScreenCell* cells, const VTermScreenCell& blank) {
    if (m_lines.empty())
        return false;
    const std::vector<VTermScreenCell>& line = m_lines.back();
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
    const std::vector<VTermScreenCell>& cells = m_lines[static_cast<std::size_t>(line)];
    return col >= 0 && col < static_cast<int>(cells.size()) ? cells[static_cast<std::size_t>(col)]
                                                            : blank;
}

int TerminalScrollback::storedWidth(int line) const {
    return line >= 0 && line < size()
               ? static_cast<int>(m_lines[static_cast<std::size_t>(line)].size())
               : 0;
}

} // namespace hangar
