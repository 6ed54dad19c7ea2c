#include "TerminalSearch.h"

#include "TerminalScreen.h"

#include <algorithm>

namespace hangar::terminalsearch {

std::pair<int, int> logicalLine(const TerminalScreen& screen, int line) {
    const int count = screen.lineCount();
    int first = std::clamp(line, 0, std::max(0, count - 1));
    while (first > 0 && screen.lineContinues(first))
        --first;
    int last = std::max(first, std::min(line, count - 1));
    while (last + 1 < count && screen.lineContinues(last + 1))
        ++last;
    return {first, last};
}

namespace {

// All matches in the logical line [first, last], in order.
QList<TerminalMatch> matchesIn(const TerminalScreen& screen, int first, int last,
                               const QString& text, Qt::CaseSensitivity cs) {
    QList<TerminalMatch> matches;
    if (text.isEmpty())
        return matches;
    QString haystack;
    QList<TerminalPos> positions;
    for (int line = first; line <= last; ++line) {
        QList<int> columns;
        // A line that goes on in the next keeps the spaces it printed at its end.
        haystack += screen.lineText(line, &columns, line < last);
        for (const int col : std::as_const(columns))
            positions.append({line, col});
    }
    for (qsizetype i = haystack.indexOf(text, 0, cs); i >= 0;
         i = haystack.indexOf(text, i + 1, cs)) {
        const TerminalPos begin = positions[i];
        const TerminalPos lastCell = positions[i + text.size() - 1];
        const int width = std::max(1, screen.cell(lastCell.line, lastCell.col).width);
        matches.append({begin.line, begin.col, lastCell.col + width, lastCell.line});
    }
    return matches;
}

} // namespace

QList<TerminalMatch> matchesInLine(const TerminalScreen& screen, int line, const QString& text,
                                   Qt::CaseSensitivity cs) {
    if (line < 0 || line >= screen.lineCount())
        return {};
    const auto [first, last] = logicalLine(screen, line);
    return matchesIn(screen, first, last, text, cs);
}

std::optional<TerminalMatch> find(const TerminalScreen& screen, const QString& text,
                                  TerminalPos from, bool backwards, Qt::CaseSensitivity cs) {
    const int count = screen.lineCount();
    if (text.isEmpty() || count == 0)
        return std::nullopt;
    // Every logical line once, starting with from's own, then that one again (the part
    // before `from` when going forwards) after wrapping around the ends.
    const int startFirst = logicalLine(screen, std::clamp(from.line, 0, count - 1)).first;
    int line = startFirst;
    bool wrapped = false;
    for (;;) {
        const auto [first, last] = logicalLine(screen, line);
        const bool again = wrapped && first == startFirst;
        const QList<TerminalMatch> matches = matchesIn(screen, first, last, text, cs);
        const bool filter = first == startFirst && !again;
        if (backwards) {
            for (auto it = matches.crbegin(); it != matches.crend(); ++it) {
                if (!filter || it->start() < from)
                    return *it;
            }
        } else {
            for (const TerminalMatch& m : matches) {
                if (!filter || from < m.start())
                    return m;
            }
        }
        if (again)
            return std::nullopt;
        if (backwards) {
            line = first - 1;
            if (line < 0) {
                line = count - 1;
                wrapped = true;
            }
        } else {
            line = last + 1;
            if (line >= count) {
                line = 0;
                wrapped = true;
            }
        }
        // Passing the start line without wrapping cannot happen; stopping there once wrapped
        // is `again` above.
        if (wrapped && (backwards ? line < startFirst : line > startFirst))
            return std::nullopt;
    }
}

} // namespace hangar::terminalsearch
