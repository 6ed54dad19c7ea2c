#pragma once

#include "DatabaseUrl.h"
#include "lifecycle/Sandbox.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace hangar {

// Persistence of sandboxes and their lifecycle events over QtSql (SQLite or PostgreSQL).
// Every write checks its result; a failed write comes back as an Error, never as success.
// Each state change is one transaction: the sandbox row and its event commit together.
class Store {
public:
    static Result<std::unique_ptr<Store>> open(const DatabaseUrl& url);
    ~Store();

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    DatabaseUrl::Kind kind() const { return m_url.kind; }
    const DatabaseUrl& url() const { return m_url; }
    Result<int> schemaVersion();

    // Inserts a new sandbox (in sandbox.state) and its creating event in one transaction.
    // A second sandbox with the same name is refused with AlreadyExists.
    Result<LifecycleEvent> insertSandbox(const Sandbox& sandbox, const QString& reason);

    // Moves a sandbox from `from` to `to` and appends the event, in one transaction. The
    // update is conditional on the current state being `from`: if someone else moved it
    // first, nothing changes and the result is a Conflict error. The error column is set to
    // `error` (cleared when empty).
    Result<LifecycleEvent> transition(const QString& id, SandboxState from, SandboxState to,
                                      const QString& reason, const QString& error,
                                      const QDateTime& at);

    Status touch(const QString& id, const QDateTime& at);
    Status setError(const QString& id, const QString& error, const QDateTime& at);
    // Removes the sandbox and its events.
    Status deleteSandbox(const QString& id);

    Result<std::optional<Sandbox>> sandboxById(const QString& id);
    Result<std::optional<Sandbox>> sandboxByName(const QString& name);
    Result<QList<Sandbox>> sandboxes();
    Result<QList<Sandbox>> sandboxesInStates(const QList<SandboxState>& states);
    // Active sandboxes whose last activity is before `idleSince`.
    Result<QList<Sandbox>> idleSandboxes(const QDateTime& idleSince);

    // Events of one sandbox (or all when sandboxId is empty) with seq > afterSeq, oldest first.
    Result<QList<LifecycleEvent>> events(const QString& sandboxId, qint64 afterSeq = 0,
                                         int limit = 10'000);

private:
    explicit Store(DatabaseUrl url, QString connectionName);
    Status configure();
    Status migrate();
    QSqlDatabase db() const;
    Result<std::optional<Sandbox>> findOne(const char* column, const QString& value);

    DatabaseUrl m_url;
    QString m_connectionName;
};

} // namespace hangar
