#pragma once

#include "TerminalTypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace hangar {

class TerminalScreen;

// A piece of text found in a terminal's lines (scrollback and screen): from (line, col) up to,
// not including, (endLine, endCol). endLine > line when the text runs on over a soft wrap.
struct TerminalMatch {
    int line = 0;
    int col = 0;
    int endCol = 0;
    int endLine = 0;

    TerminalPos start() const { return {line, col}; }
    TerminalPos end() const { return {endLine, endCol}; }
    bool contains(int atLine, int atCol) const {
        const TerminalPos p{atLine, atCol};
        return !(p < start()) && p < end();
    }
    friend bool operator==(const TerminalMatch&, const TerminalMatch&) = default;
};

// Text search over a TerminalScreen's lines. Lines the terminal soft-wrapped (see
// TerminalScreen::lineContinues()) are searched as the one line the program printed, so a
// match may start on one line and end on the next.
namespace terminalsearch {

// The lines [first, last] that soft-wrap into each other, around `line`.
std::pair<int, int> logicalLine(const TerminalScreen& screen, int line);

// The matches in the logical line that holds `line` (they may start or end on other lines).
QList<TerminalMatch> matchesInLine(const TerminalScreen& screen, int line, const QString& text,
                                   Qt::CaseSensitivity cs);

// The next match after `from` (or the previous one before it, backwards), wrapping around
// the ends once. Pass {-1, 0} (forwards) or {lineCount, 0} (backwards) to start at an end.
std::optional<TerminalMatch> find(const TerminalScreen& screen, const QString& text,
                                  TerminalPos from, bool backwards, Qt::CaseSensitivity cs);

} // namespace terminalsearch
} // namespace hangar
