#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace hangar {

// One committed change of the shared store, as announced to the other instances over
// PostgreSQL NOTIFY. Only ids travel: a receiver re-reads the rows, so a payload never has to
// carry (or be trusted with) a sandbox's data.
struct StoreChange {
    enum class Kind {
        Inserted,     // a new sandbox and its creating event (seq)
        Transitioned, // a state change and its event (seq)
        Touched,      // last activity moved
        Updated,      // another field (the error message) changed
        Deleted,      // the sandbox and its events are gone
        Released,     // an instance gave up its claim on the sandbox
        Noted,        // a timeline note (seq) that did not change the sandbox
    };
    Kind kind = Kind::Updated;
    QString instanceId; // the Store that committed it
    QString sandboxId;
    qint64 seq = 0; // the event, for Inserted, Transitioned and Noted

    // "v1 <kind> <instance> <sandbox> <seq>": ids are UUIDs, so spaces never occur in them.
    QString toPayload() const;
    static std::optional<StoreChange> fromPayload(const QString& payload);
};

// The PostgreSQL channel every instance of one database LISTENs on.
inline constexpr char kStoreChannel[] = "hangar_sandbox";

} // namespace hangar

Q_DECLARE_METATYPE(hangar::StoreChange)
