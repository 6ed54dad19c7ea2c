#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <utility>

namespace hangar {

// Replaces secret values in output that arrives in pieces, a value split across two pieces
// included: each becomes "[secret NAME]" (longest values first), as in the timeline's setup
// notes. Until the values are known (they come from the keychain, asynchronously) everything is
// held back, so nothing unredacted is ever handed out. Used for terminal transcripts.
class StreamRedactor {
public:
    // name -> value; empty values are ignored. Call once; from then on output flows.
    void setSecrets(const QMap<QString, QString>& secrets);
    bool knowsSecrets() const { return m_known; }

    // What of the output so far can be written now (all but a tail that could still be the
    // start of a value).
    QByteArray feed(const QByteArray& data);
    // The rest, at the end of the stream. Empty when the values never became known: the held
    // output is dropped rather than written unredacted.
    QByteArray finish();

private:
    // Hands out m_pending's first `upTo` bytes redacted (more when a value runs past them).
    QByteArray take(qsizetype upTo);

    QList<std::pair<QByteArray, QByteArray>> m_replacements; // value -> "[secret NAME]"
    qsizetype m_longest = 0;
    bool m_known = false;
    QByteArray m_pending;
};

} // namespace hangar
