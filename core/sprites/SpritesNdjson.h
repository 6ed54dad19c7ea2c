#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace hangar::sprites {

// Reads an NDJSON body as it arrives (sprites-api.md §5.6, §14.1 item 7): one JSON object per
// line, blank lines skipped, a final line without its newline accepted at the end of the body.
// Stricter than the JS SDK and like Go: a malformed line, a line that is not an object, or one
// longer than the limit is an error, never silently skipped.
class NdjsonReader {
public:
    explicit NdjsonReader(qsizetype maxLineBytes = 1024 * 1024)
        : m_maxLineBytes(maxLineBytes) {}

    // The objects completed by `data`; an error poisons the reader.
    Result<QList<QJsonObject>> feed(const QByteArray& data);
    // End of the body: the final unterminated line, if any.
    Result<QList<QJsonObject>> finish();

    int lineCount() const { return m_lines; }

private:
    Result<QJsonObject> parseLine(const QByteArray& line);

    QByteArray m_pending;
    qsizetype m_maxLineBytes;
    int m_lines = 0;
    bool m_failed = false;
};

} // namespace hangar::sprites
