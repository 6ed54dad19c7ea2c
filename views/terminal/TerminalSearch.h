#pragma once

#include "TerminalTypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace hangar {

class TerminalScreen;

// A piece of text found in a terminal's lines (scrollback and screen): columns [col, endCol).
struct TerminalMatch {
    int line = 0;
    int col = 0;
    int endCol = 0;

    TerminalPos start() const { return {line, col}; }
    friend bool operator==(const TerminalMatch&, const TerminalMatch&) = default;
};

// Text search over a TerminalScreen's lines; a match never spans two lines.
namespace terminalsearch {

QList<TerminalMatch> matchesInLine(const TerminalScreen& screen, int line, const QString& text,
                                   Qt::CaseSensitivity cs);

// The next match after `from` (or the previous one before it, backwards), wrapping around
// the ends once. Pass {-1, 0} (forwards) or {lineCount, 0} (backwards) to start at an end.
std::optional<TerminalMatch> find(const TerminalScreen& screen, const QString& text,
                                  TerminalPos from, bool backwards, Qt::CaseSensitivity cs);

} // namespace terminalsearch
} // namespace hangar
