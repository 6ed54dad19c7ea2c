#pragma once

#include "DatabaseUrl.h"
#include "StoreChange.h"
#include "util/Result.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>

#include <memory>

namespace hangar {

// Changes other instances commit to a shared PostgreSQL store, as they happen: LISTEN on
// kStoreChannel through QSqlDriver's notifications, no polling. Lives in the thread that
// created it and needs that thread's event loop (QPSQL reads notifications from a socket
// notifier).
//
// It has a connection of its own that runs nothing but LISTEN and a periodic liveness check:
// on a connection that also runs the store's queries, libpq can read a notification into its
// buffer while a query runs, and the socket notifier then never fires for it. (QPSQL looks for
// buffered notifications after each of its own statements, so the check loses none.)
//
// A dropped connection (server restart, pg_terminate_backend, a network cut) says nothing by
// itself: QSqlDriver has no signal for it. The check notices within checkInterval() and opens
// a new connection, retrying every interval until it succeeds; changes committed while it was
// down were never announced, so listeners reload what they show on reconnected().
class ChangeFeed : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultCheckIntervalMs = 5'000;

    static Result<std::unique_ptr<ChangeFeed>> listen(const DatabaseUrl& url,
                                                      const QString& instanceId);
    ~ChangeFeed() override;

    bool isConnected() const { return m_connected; }
    // The server process of the LISTEN connection (what pg_terminate_backend takes); 0 while
    // disconnected.
    qint64 backendPid() const { return m_pid; }
    int checkInterval() const { return m_check.interval(); }
    void setCheckInterval(int ms) { m_check.setInterval(ms); }
    // Checks the connection now, reconnecting if it dropped; what the timer calls.
    void checkConnection();

signals:
    // A change committed by another instance (this instance's own are filtered out).
    void changed(const hangar::StoreChange& change);
    // The LISTEN connection dropped; notifications stop until reconnected().
    void disconnected(const QString& why);
    // Listening again after a drop: changes committed meanwhile were not announced.
    void reconnected();
    // The periodic check found the connection alive: nothing committed before now was missed
    // (bar what is still on its way).
    void checked();

private:
    ChangeFeed(DatabaseUrl url, QString instanceId);
    // Opens a new connection under a new name and LISTENs on it.
    Status connectFeed();
    void closeConnection();
    void onNotification(const QString& name, QSqlDriver::NotificationSource source,
                        const QVariant& payload);

    DatabaseUrl m_url;
    QString m_connectionName; // empty while disconnected
    QString m_instanceId;
    QTimer m_check;
    qint64 m_pid = 0;
    bool m_connected = false;
};

} // namespace hangar
