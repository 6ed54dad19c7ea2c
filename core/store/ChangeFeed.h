#pragma once

#include "DatabaseUrl.h"
#include "StoreChange.h"
#include "util/Result.h"

#include <QObject>
#include <QSqlDriver>

#include <memory>

namespace hangar {

// Changes other instances commit to a shared PostgreSQL store, as they happen: LISTEN on
// kStoreChannel through QSqlDriver's notifications, no polling. Lives in the thread that
// created it and needs that thread's event loop (QPSQL reads notifications from a socket
// notifier).
//
// It has a connection of its own that runs nothing but LISTEN: on a connection that also runs
// queries, libpq can read a notification into its buffer while a query runs, and the socket
// notifier then never fires for it.
class ChangeFeed : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ChangeFeed>> listen(const DatabaseUrl& url,
                                                      const QString& instanceId);
    ~ChangeFeed() override;

signals:
    // A change committed by another instance (this instance's own are filtered out).
    void changed(const hangar::StoreChange& change);

private:
    ChangeFeed(QString connectionName, QString instanceId);
    void onNotification(const QString& name, QSqlDriver::NotificationSource source,
                        const QVariant& payload);

    QString m_connectionName;
    QString m_instanceId;
};

} // namespace hangar
