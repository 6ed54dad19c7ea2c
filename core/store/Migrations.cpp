#include "Migrations.h"

namespace hangar {

QStringList Migration::statements(DatabaseUrl::Kind kind) const {
    const QString serial = kind == DatabaseUrl::Kind::Sqlite
                               ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                               : QStringLiteral("BIGSERIAL PRIMARY KEY");
    QStringList out;
    for (const QString& statement : sql)
        out << QString(statement).replace(QLatin1String("{serial}"), serial);
    return out;
}

const QList<Migration>& migrations() {
    // Times are milliseconds since the epoch (UTC) in BIGINT columns: identical on both
    // databases and free of time-zone surprises.
    static const QList<Migration> all = {
        {1,
         "sandboxes and lifecycle events",
         {
             QStringLiteral("CREATE TABLE sandboxes ("
                            " id TEXT PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE,"
                            " backend TEXT NOT NULL,"
                            " chat_id TEXT NOT NULL,"
                            " thread_id TEXT NOT NULL,"
                            " state TEXT NOT NULL,"
                            " error TEXT NOT NULL DEFAULT '',"
                            " created_at BIGINT NOT NULL,"
                            " updated_at BIGINT NOT NULL,"
                            " last_activity_at BIGINT NOT NULL,"
                            " pinned INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE TABLE events ("
                            " seq {serial},"
                            " sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,"
                            " at BIGINT NOT NULL,"
                            " from_state TEXT,"
                            " to_state TEXT NOT NULL,"
                            " reason TEXT NOT NULL DEFAULT '',"
                            " error TEXT NOT NULL DEFAULT '')"),
             QStringLiteral("CREATE INDEX events_by_sandbox ON events(sandbox_id, seq)"),
             QStringLiteral(
                 "CREATE INDEX sandboxes_by_state ON sandboxes(state, last_activity_at)"),
         }},
        // Several instances on one PostgreSQL database: the instance acting on a sandbox and
        // until when its claim holds ('' and 0: nobody). A lapsed claim is free to take.
        {2,
         "claims for several instances",
         {
             QStringLiteral("ALTER TABLE sandboxes ADD COLUMN claimed_by TEXT NOT NULL DEFAULT ''"),
             QStringLiteral(
                 "ALTER TABLE sandboxes ADD COLUMN claim_expires_at BIGINT NOT NULL DEFAULT 0"),
         }},
        // Timeline notes: operations that do not move a sandbox (checkpoints, policy changes,
        // setup output) beside its transitions, with who asked and a longer detail.
        {3,
         "timeline notes",
         {
             QStringLiteral(
                 "ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'transition'"),
             QStringLiteral("ALTER TABLE events ADD COLUMN actor TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE events ADD COLUMN detail TEXT NOT NULL DEFAULT ''"),
         }},
        // Profiles (variables, secret names, files, keys, setup commands as JSON; secret
        // values live in the keychain only) and the profile each sandbox was created from.
        {4,
         "profiles",
         {
             QStringLiteral("CREATE TABLE profiles ("
                            " id TEXT PRIMARY KEY,"
                            " name TEXT NOT NULL UNIQUE,"
                            " spec TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " updated_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE sandbox_profiles ("
                            " sandbox_id TEXT PRIMARY KEY REFERENCES sandboxes(id) ON DELETE "
                            "CASCADE,"
                            " profile_id TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX sandbox_profiles_by_profile ON "
                            "sandbox_profiles(profile_id)"),
         }},
    };
    return all;
}

} // namespace hangar
