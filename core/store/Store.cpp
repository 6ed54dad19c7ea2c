#include "Store.h"

#include "ChangeFeed.h"
#include "Migrations.h"
#include "SandboxRows.h"
#include "SqlSupport.h"

#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace hangar {

using namespace rows;

namespace {

const char* kindName(LifecycleEvent::Kind kind) {
    return kind == LifecycleEvent::Kind::Note ? "note" : "transition";
}

// Appends `event` (its seq is ignored) and returns it with the seq the database gave it.
Result<LifecycleEvent> insertEvent(QSqlDatabase db, LifecycleEvent event) {
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO events (sandbox_id, at, from_state, to_state, reason, error, kind, actor, "
        "detail) VALUES (:sandbox, :at, :from, :to, :reason, :error, :kind, :actor, :detail) "
        "RETURNING seq"));
    q.bindValue(QStringLiteral(":sandbox"), event.sandboxId);
    q.bindValue(QStringLiteral(":at"), event.at.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":from"), event.from ? QVariant(stateName(*event.from))
                                                    : QVariant(QMetaType::fromType<QString>()));
    q.bindValue(QStringLiteral(":to"), stateName(event.to));
    q.bindValue(QStringLiteral(":reason"), text(event.reason));
    q.bindValue(QStringLiteral(":error"), text(event.error));
    q.bindValue(QStringLiteral(":kind"), QLatin1String(kindName(event.kind)));
    q.bindValue(QStringLiteral(":actor"), text(event.actor));
    q.bindValue(QStringLiteral(":detail"), text(event.detail));
    if (auto st = sql::exec(q, QStringLiteral("recording a lifecycle event")); !st)
        return st.error();
    if (!q.next())
        return makeError(ErrorCode::Io,
                         QStringLiteral("database did not return the new event's number"));
    event.seq = q.value(0).toLongLong();
    return event;
}

Result<LifecycleEvent> insertTransition(QSqlDatabase db, const QString& sandboxId,
                                        std::optional<SandboxState> from, SandboxState to,
                                        const QString& reason, const QString& error,
                                        const QDateTime& at) {
    LifecycleEvent event;
    event.sandboxId = sandboxId;
    event.at = at;
    event.from = from;
    event.to = to;
    event.reason = reason;
    event.error = error;
    return insertEvent(std::move(db), std::move(event));
}

// Keeps a note's detail (a command's output, say) from growing the timeline without bound:
// the head and the tail are what an operator reads.
QString boundedDetail(const QString& detail) {
    if (detail.size() <= Store::kMaxNoteDetailChars)
        return detail;
    const qsizetype half = Store::kMaxNoteDetailChars / 2;
    return detail.left(half) +
           QStringLiteral("\n… (%1 characters left out) …\n").arg(detail.size() - 2 * half) +
           detail.right(half);
}

} // namespace

Store::Store(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName))
    , m_instanceId(QUuid::createUuid().toString(QUuid::WithoutBraces)) {
}

Store::~Store() {
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Store::db() const {
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<Store>> Store::open(const DatabaseUrl& url, const QString& instanceId) {
    const QString connection =
        QStringLiteral("hangar-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<Store> store(new Store(url, connection));
    if (!instanceId.isEmpty())
        store->m_instanceId = instanceId;

    if (auto database = sql::openConnection(url, connection); !database)
        return database.error();
    if (auto st = store->configure(); !st)
        return st.error();
    if (auto st = store->migrate(); !st)
        return st.error();
    if (store->isShared()) {
        auto feed = ChangeFeed::listen(url, store->instanceId());
        if (!feed)
            return feed.error();
        store->m_feed = std::move(feed).value();
    }
    return store;
}

Status Store::configure() {
    if (m_url.kind != DatabaseUrl::Kind::Sqlite)
        return {};
    // WAL keeps readers and the writer out of each other's way and survives a crash of the
    // process; FULL sync makes a committed transition survive power loss too.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (auto st = sql::execStatement(db(), QString::fromLatin1(pragma)); !st)
            return st;
    }
    QSqlQuery check(db());
    if (!check.exec(QStringLiteral("PRAGMA foreign_keys")) || !check.next() ||
        check.value(0).toInt() != 1)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("SQLite refused to enable foreign keys"));
    return {};
}

Result<int> Store::schemaVersion() {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT version FROM meta"));
    if (auto st = sql::exec(q, QStringLiteral("reading the schema version")); !st)
        return st.error();
    return q.next() ? q.value(0).toInt() : 0;
}

Status Store::migrate() {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st;
    if (isShared()) {
        // Instances starting together take turns: concurrent CREATE TABLEs collide.
        if (auto st =
                sql::execStatement(db(), QStringLiteral("SELECT pg_advisory_xact_lock(4242)"));
            !st)
            return st;
    }
    if (auto st = sql::execStatement(
            db(), QStringLiteral("CREATE TABLE IF NOT EXISTS meta (version INTEGER NOT NULL)"));
        !st)
        return st;
    auto current = schemaVersion();
    if (!current)
        return current.error();
    const int latest = migrations().constLast().version;
    if (current.value() > latest) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("the database schema (version %1) is newer than this Hangar "
                           "understands (version %2); upgrade Hangar")
                .arg(current.value())
                .arg(latest));
    }
    if (current.value() == latest)
        return tx.commit();

    for (const Migration& m : migrations()) {
        if (m.version <= current.value())
            continue;
        for (const QString& statement : m.statements(m_url.kind)) {
            if (auto st = sql::execStatement(db(), statement); !st) {
                return makeError(ErrorCode::Io,
                                 QStringLiteral("migration %1 (%2) failed: %3")
                                     .arg(m.version)
                                     .arg(QString::fromLatin1(m.description), st.error().message));
            }
        }
    }
    const QString setVersion =
        current.value() == 0 ? QStringLiteral("INSERT INTO meta (version) VALUES (%1)").arg(latest)
                             : QStringLiteral("UPDATE meta SET version = %1").arg(latest);
    if (auto st = sql::execStatement(db(), setVersion); !st)
        return st;
    return tx.commit();
}

Result<LifecycleEvent> Store::insertSandbox(const Sandbox& s, const QString& reason) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st.error();
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("INSERT INTO sandboxes (%1) VALUES (:id, :name, :backend, :chat, :thread, "
                       ":state, :error, :created, :updated, :activity, :pinned)")
            .arg(QLatin1String(kSandboxColumns)));
    q.bindValue(QStringLiteral(":id"), s.id);
    q.bindValue(QStringLiteral(":name"), s.name);
    q.bindValue(QStringLiteral(":backend"), s.backend);
    q.bindValue(QStringLiteral(":chat"), text(s.chatId));
    q.bindValue(QStringLiteral(":thread"), text(s.threadId));
    q.bindValue(QStringLiteral(":state"), stateName(s.state));
    q.bindValue(QStringLiteral(":error"), text(s.error));
    q.bindValue(QStringLiteral(":created"), s.createdAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":updated"), s.updatedAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":activity"), s.lastActivityAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":pinned"), s.pinned ? 1 : 0);
    if (auto st = sql::exec(q, QStringLiteral("creating sandbox %1").arg(s.name)); !st) {
        if (st.error().code == ErrorCode::AlreadyExists)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("a sandbox named %1 already exists").arg(s.name));
        return st.error();
    }
    auto event = insertTransition(db(), s.id, std::nullopt, s.state, reason, s.error, s.createdAt);
    if (!event)
        return event.error();
    if (auto st = notify(StoreChange::Kind::Inserted, s.id, event.value().seq); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    return event;
}

Result<LifecycleEvent> Store::transition(const QString& id, SandboxState from, SandboxState to,
                                         const QString& reason, const QString& error,
                                         const QDateTime& at) {
    if (!isLegalTransition(from, to)) {
        return makeError(
            ErrorCode::IllegalTransition,
            QStringLiteral("illegal transition %1 -> %2").arg(stateName(from), stateName(to)));
    }
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st.error();
    QSqlQuery q(db());
    // Conditional on the expected state: a concurrent change makes this touch no row.
    q.prepare(QStringLiteral("UPDATE sandboxes SET state = :to, error = :error, updated_at = :at "
                             "WHERE id = :id AND state = :from"));
    q.bindValue(QStringLiteral(":to"), stateName(to));
    q.bindValue(QStringLiteral(":error"), text(error));
    q.bindValue(QStringLiteral(":at"), at.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":from"), stateName(from));
    if (auto st = sql::exec(q, QStringLiteral("changing the state of sandbox %1").arg(id)); !st)
        return st.error();
    if (q.numRowsAffected() != 1) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("sandbox %1 is no longer %2 (changed or deleted meanwhile)")
                             .arg(id, stateName(from)));
    }
    auto event = insertTransition(db(), id, from, to, reason, error, at);
    if (!event)
        return event.error();
    if (auto st = notify(StoreChange::Kind::Transitioned, id, event.value().seq); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    return event;
}

Result<LifecycleEvent> Store::appendNote(const QString& id, const QString& what,
                                         const QString& actor, const QString& detail,
                                         const QString& error, const QDateTime& at) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st.error();
    // The note is filed under the state the sandbox is in; a transition committing meanwhile
    // only changes which of the two states that is, never the order of the two events.
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT state FROM sandboxes WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("reading the state of sandbox %1").arg(id)); !st)
        return st.error();
    if (!q.next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    const auto state = stateFromName(q.value(0).toString());
    if (!state)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("sandbox %1 has an unknown state").arg(id));
    LifecycleEvent note;
    note.kind = LifecycleEvent::Kind::Note;
    note.sandboxId = id;
    note.at = at;
    note.from = *state;
    note.to = *state;
    note.reason = what;
    note.error = error;
    note.actor = actor;
    note.detail = boundedDetail(detail);
    auto event = insertEvent(db(), std::move(note));
    if (!event)
        return event.error();
    if (auto st = notify(StoreChange::Kind::Noted, id, event.value().seq); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    return event;
}

Status Store::touch(const QString& id, const QDateTime& at) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE sandboxes SET last_activity_at = :at WHERE id = :id"));
    q.bindValue(QStringLiteral(":at"), at.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("recording activity of sandbox %1").arg(id)); !st)
        return st;
    if (q.numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    if (auto st = notify(StoreChange::Kind::Touched, id); !st)
        return st;
    return tx.commit();
}

Status Store::setError(const QString& id, const QString& error, const QDateTime& at) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st;
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE sandboxes SET error = :error, updated_at = :at WHERE id = :id"));
    q.bindValue(QStringLiteral(":error"), text(error));
    q.bindValue(QStringLiteral(":at"), at.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("recording an error of sandbox %1").arg(id)); !st)
        return st;
    if (q.numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    if (auto st = notify(StoreChange::Kind::Updated, id); !st)
        return st;
    return tx.commit();
}

Status Store::deleteSandbox(const QString& id) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st;
    QSqlQuery events(db());
    events.prepare(QStringLiteral("DELETE FROM events WHERE sandbox_id = :id"));
    events.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(events, QStringLiteral("deleting the events of sandbox %1").arg(id));
        !st)
        return st;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM sandboxes WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("deleting sandbox %1").arg(id)); !st)
        return st;
    if (q.numRowsAffected() != 1)
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    if (auto st = notify(StoreChange::Kind::Deleted, id); !st)
        return st;
    return tx.commit();
}

Status Store::notify(StoreChange::Kind kind, const QString& id, qint64 seq) {
    if (!isShared())
        return {};
    StoreChange change;
    change.kind = kind;
    change.instanceId = m_instanceId;
    change.sandboxId = id;
    change.seq = seq;
    QSqlQuery q(db());
    // pg_notify inside the transaction: delivered on commit, never for a rollback.
    q.prepare(QStringLiteral("SELECT pg_notify(:channel, :payload)"));
    q.bindValue(QStringLiteral(":channel"), QString::fromLatin1(kStoreChannel));
    q.bindValue(QStringLiteral(":payload"), change.toPayload());
    return sql::exec(q, QStringLiteral("announcing a change of sandbox %1").arg(id));
}

Result<std::optional<Sandbox>> Store::findOne(const char* column, const QString& value) {
    QSqlQuery q(db());
    // `column` is one of our own column names, never user input.
    q.prepare(QStringLiteral("SELECT %1 FROM sandboxes WHERE %2 = :value")
                  .arg(QLatin1String(kSandboxColumns), QLatin1String(column)));
    q.bindValue(QStringLiteral(":value"), value);
    if (auto st = sql::exec(q, QStringLiteral("reading sandbox %1").arg(value)); !st)
        return st.error();
    if (!q.next())
        return std::optional<Sandbox>{};
    auto s = readSandbox(q);
    if (!s)
        return s.error();
    return std::optional<Sandbox>(std::move(s).value());
}

Result<std::optional<Sandbox>> Store::sandboxById(const QString& id) {
    return findOne("id", id);
}

Result<std::optional<Sandbox>> Store::sandboxByName(const QString& name) {
    return findOne("name", name);
}

Result<QList<Sandbox>> Store::sandboxes() {
    QSqlQuery q(db());
    // Read once, front to back: without this QtSql keeps a copy of every row it has read.
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM sandboxes ORDER BY created_at, name")
                  .arg(QLatin1String(kSandboxColumns)));
    if (auto st = sql::exec(q, QStringLiteral("listing sandboxes")); !st)
        return st.error();
    return readSandboxes(q);
}

Result<QList<Sandbox>> Store::sandboxesInStates(const QList<SandboxState>& states) {
    auto all = sandboxes();
    if (!all)
        return all;
    QList<Sandbox> out;
    for (const Sandbox& s : all.value()) {
        if (states.contains(s.state))
            out.append(s);
    }
    return out;
}

Result<QList<Sandbox>> Store::idleSandboxes(const QDateTime& idleSince) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral(
                  "SELECT %1 FROM sandboxes WHERE state = :state AND last_activity_at < :since "
                  "ORDER BY last_activity_at")
                  .arg(QLatin1String(kSandboxColumns)));
    q.bindValue(QStringLiteral(":state"), stateName(SandboxState::Active));
    q.bindValue(QStringLiteral(":since"), idleSince.toMSecsSinceEpoch());
    if (auto st = sql::exec(q, QStringLiteral("finding idle sandboxes")); !st)
        return st.error();
    return readSandboxes(q);
}

Result<qint64> Store::latestEventSeq() {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
    if (auto st = sql::exec(q, QStringLiteral("reading the latest event number")); !st)
        return st.error();
    if (!q.next())
        return makeError(ErrorCode::Io, QStringLiteral("database returned no latest event number"));
    return q.value(0).toLongLong();
}

Result<QList<LifecycleEvent>> Store::events(const QString& sandboxId, qint64 afterSeq, int limit) {
    QSqlQuery q(db());
    const QString filter =
        sandboxId.isEmpty() ? QString() : QStringLiteral(" AND sandbox_id = :sandbox");
    q.prepare(QStringLiteral(
                  "SELECT seq, sandbox_id, at, from_state, to_state, reason, error, kind, actor, "
                  "detail FROM events "
                  "WHERE seq > :after%1 ORDER BY seq LIMIT %2")
                  .arg(filter)
                  .arg(limit));
    q.bindValue(QStringLiteral(":after"), afterSeq);
    if (!sandboxId.isEmpty())
        q.bindValue(QStringLiteral(":sandbox"), sandboxId);
    if (auto st = sql::exec(q, QStringLiteral("reading lifecycle events")); !st)
        return st.error();
    QList<LifecycleEvent> out;
    while (q.next()) {
        LifecycleEvent e;
        e.seq = q.value(0).toLongLong();
        e.sandboxId = q.value(1).toString();
        e.at = fromMs(q.value(2));
        if (!q.value(3).isNull())
            e.from = stateFromName(q.value(3).toString());
        const auto to = stateFromName(q.value(4).toString());
        if (!to)
            return makeError(ErrorCode::Internal,
                             QStringLiteral("event %1 has an unknown state").arg(e.seq));
        e.to = *to;
        e.reason = q.value(5).toString();
        e.error = q.value(6).toString();
        if (q.value(7).toString() == QLatin1String(kindName(LifecycleEvent::Kind::Note)))
            e.kind = LifecycleEvent::Kind::Note;
        e.actor = q.value(8).toString();
        e.detail = q.value(9).toString();
        out.append(std::move(e));
    }
    return out;
}

} // namespace hangar
