// Claims: which engine instance acts on a sandbox, when several share one database.
#include "SandboxRows.h"
#include "SqlSupport.h"
#include "Store.h"

#include <QVariant>

namespace hangar {

using namespace rows;

Result<bool> Store::claim(const QString& id, const QDateTime& now, const QDateTime& expiresAt,
                          Claim* holder) {
    QSqlQuery q(db());
    // Conditional, so of two instances claiming at once exactly one matches the row.
    q.prepare(QStringLiteral(
        "UPDATE sandboxes SET claimed_by = :me, claim_expires_at = :expires WHERE id = :id "
        "AND (claimed_by = '' OR claimed_by = :me2 OR claim_expires_at < :now)"));
    q.bindValue(QStringLiteral(":me"), m_instanceId);
    q.bindValue(QStringLiteral(":expires"), expiresAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":me2"), m_instanceId);
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    if (auto st = sql::exec(q, QStringLiteral("claiming sandbox %1").arg(id)); !st)
        return st.error();
    if (q.numRowsAffected() == 1)
        return true;
    auto current = claimOf(id);
    if (!current)
        return current.error();
    if (!current.value())
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    if (holder)
        *holder = *current.value();
    return false;
}

Status Store::releaseClaim(const QString& id) {
    sql::Transaction tx(db());
    if (auto st = tx.begin(); !st)
        return st;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE sandboxes SET claimed_by = '', claim_expires_at = 0 "
                             "WHERE id = :id AND claimed_by = :me"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":me"), m_instanceId);
    if (auto st = sql::exec(q, QStringLiteral("releasing the claim on sandbox %1").arg(id)); !st)
        return st;
    // Nothing to release (never taken, lapsed and taken over, or the sandbox is gone) is fine.
    if (q.numRowsAffected() == 1) {
        if (auto st = notify(StoreChange::Kind::Released, id); !st)
            return st;
    }
    return tx.commit();
}

Status Store::releaseOwnClaims() {
    // Each one through releaseClaim, so other instances waiting for it hear of the release.
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id FROM sandboxes WHERE claimed_by = :me"));
    q.bindValue(QStringLiteral(":me"), m_instanceId);
    if (auto st = sql::exec(q, QStringLiteral("finding this instance's claims")); !st)
        return st;
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    for (const QString& id : std::as_const(ids)) {
        if (auto st = releaseClaim(id); !st)
            return st;
    }
    return {};
}

Status Store::renewClaims(const QDateTime& expiresAt) {
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE sandboxes SET claim_expires_at = :expires WHERE claimed_by = :me"));
    q.bindValue(QStringLiteral(":expires"), expiresAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":me"), m_instanceId);
    return sql::exec(q, QStringLiteral("renewing claims"));
}

Result<std::optional<Store::Claim>> Store::claimOf(const QString& id) {
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT claimed_by, claim_expires_at FROM sandboxes WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("reading the claim on sandbox %1").arg(id)); !st)
        return st.error();
    if (!q.next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no sandbox with id %1").arg(id));
    if (q.value(0).toString().isEmpty())
        return std::optional<Claim>{};
    return std::optional<Claim>(Claim{q.value(0).toString(), fromMs(q.value(1))});
}

Result<QList<Sandbox>> Store::claimWhere(const QString& condition, const QDateTime& idleSince,
                                         const QDateTime& now, const QDateTime& expiresAt,
                                         int limit) {
    // SQLite has one writer at a time and no row locks: the plain subquery is exact there.
    const QString lock = isShared() ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
    QSqlQuery q(db());
    q.setForwardOnly(true);
    // `condition` is one of this file's constants, never data.
    q.prepare(QStringLiteral("UPDATE sandboxes SET claimed_by = :me, claim_expires_at = :expires "
                             "WHERE id IN (SELECT id FROM sandboxes WHERE %1 "
                             "ORDER BY last_activity_at LIMIT :limit%2) RETURNING %3")
                  .arg(condition, lock, QLatin1String(kSandboxColumns)));
    q.bindValue(QStringLiteral(":me"), m_instanceId);
    q.bindValue(QStringLiteral(":expires"), expiresAt.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":active"), stateName(SandboxState::Active));
    if (idleSince.isValid())
        q.bindValue(QStringLiteral(":since"), idleSince.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":limit"), limit);
    if (auto st = sql::exec(q, QStringLiteral("claiming sandboxes")); !st)
        return st.error();
    return readSandboxes(q);
}

Result<QList<Sandbox>> Store::claimIdle(const QDateTime& idleSince, const QDateTime& now,
                                        const QDateTime& expiresAt, int limit) {
    return claimWhere(QStringLiteral("state = :active AND last_activity_at < :since "
                                     "AND (claimed_by = '' OR claim_expires_at < :now)"),
                      idleSince, now, expiresAt, limit);
}

Result<QList<Sandbox>> Store::claimStranded(const QDateTime& now, const QDateTime& expiresAt,
                                            int limit) {
    // A transient state under a lapsed claim (an unused bound value is ignored).
    return claimWhere(QStringLiteral("state IN ('provisioning', 'hibernating', 'restoring') "
                                     "AND claimed_by <> '' "
                                     "AND claim_expires_at < :now"),
                      {}, now, expiresAt, limit);
}

} // namespace hangar
