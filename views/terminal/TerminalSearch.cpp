#include "TerminalSearch.h"

#include "TerminalScreen.h"

#include <algorithm>

namespace hangar::terminalsearch {

QList<TerminalMatch> matchesInLine(const TerminalScreen& screen, int line, const QString& text,
                                   Qt::CaseSensitivity cs) {
    QList<TerminalMatch> matches;
    if (text.isEmpty())
        return matches;
    QList<int> columns;
    const QString haystack = screen.lineText(line, &columns);
    for (qsizetype i = haystack.indexOf(text, 0, cs); i >= 0;
         i = haystack.indexOf(text, i + 1, cs)) {
        const int lastCol = columns[i + text.size() - 1];
        const int width = std::max(1, screen.cell(line, lastCol).width);
        matches.append({line, columns[i], lastCol + width});
    }
    return matches;
}

std::optional<TerminalMatch> find(const TerminalScreen& screen, const QString& text,
                                  TerminalPos from, bool backwards, Qt::CaseSensitivity cs) {
    const int count = screen.lineCount();
    if (text.isEmpty() || count == 0)
        return std::nullopt;
    // Every line once, starting with from's own line, then the rest of that line again
    // (the part before `from` when going forwards) after wrapping around.
    const int startLine = std::clamp(from.line, 0, count - 1);
    for (int step = 0; step <= count; ++step) {
        const int line =
            backwards ? ((startLine - step) % count + count) % count : (startLine + step) % count;
        const QList<TerminalMatch> matches = matchesInLine(screen, line, text, cs);
        if (backwards) {
            for (auto it = matches.crbegin(); it != matches.crend(); ++it) {
                if (step == 0 && !(it->start() < from))
                    continue;
                return *it;
            }
        } else {
            for (const TerminalMatch& m : matches) {
                if (step == 0 && !(from < m.start()))
                    continue;
                return m;
            }
        }
    }
    return std::nullopt;
}

} // namespace hangar::terminalsearch
