#include "ChangeFeed.h"

#include "SqlSupport.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStoreFeed, "hangar.store.feed")

namespace hangar {

ChangeFeed::ChangeFeed(DatabaseUrl url, QString instanceId)
    : m_url(std::move(url))
    , m_instanceId(std::move(instanceId)) {
    m_check.setInterval(kDefaultCheckIntervalMs);
    connect(&m_check, &QTimer::timeout, this, &ChangeFeed::checkConnection);
}

ChangeFeed::~ChangeFeed() {
    closeConnection();
}

Result<std::unique_ptr<ChangeFeed>> ChangeFeed::listen(const DatabaseUrl& url,
                                                       const QString& instanceId) {
    if (url.kind != DatabaseUrl::Kind::Postgres) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("change notifications need a PostgreSQL store"));
    }
    std::unique_ptr<ChangeFeed> feed(new ChangeFeed(url, instanceId));
    if (auto connected = feed->connectFeed(); !connected)
        return connected.error();
    feed->m_check.start();
    return feed;
}

Status ChangeFeed::connectFeed() {
    closeConnection();
    // A new name each time: the old connection's driver may still have queued notifications.
    const QString connection =
        QStringLiteral("hangar-feed-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto database = sql::openConnection(m_url, connection);
    m_connectionName = connection; // so that a failure below is cleaned up too
    if (!database)
        return database.error();
    {
        QSqlQuery pid(database.value());
        if (!pid.exec(QStringLiteral("SELECT pg_backend_pid()")))
            return sql::toError(pid.lastError(), QStringLiteral("reading the feed's backend pid"));
        m_pid = pid.next() ? pid.value(0).toLongLong() : 0;
    }
    QSqlDriver* driver = database.value().driver();
    const QString channel = QString::fromLatin1(kStoreChannel);
    if (!driver->subscribeToNotification(channel)) {
        return sql::toError(driver->lastError(),
                            QStringLiteral("subscribing to %1 notifications").arg(channel));
    }
    connect(driver, &QSqlDriver::notification, this, &ChangeFeed::onNotification);
    m_connected = true;
    return {};
}

void ChangeFeed::closeConnection() {
    m_connected = false;
    m_pid = 0;
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

void ChangeFeed::checkConnection() {
    if (m_connected) {
        QString why;
        {
            // Scoped: the query and the handle must be gone before the connection is removed.
            QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
            QSqlQuery alive(database);
            if (database.isOpen() && alive.exec(QStringLiteral("SELECT 1"))) {
                emit checked();
                return;
            }
            why = alive.lastError().text();
        }
        qCWarning(lcStoreFeed).noquote()
            << "the change feed's connection dropped, reconnecting:" << why;
        closeConnection();
        emit disconnected(why);
    }
    if (auto connected = connectFeed(); !connected) {
        qCWarning(lcStoreFeed).noquote()
            << "the change feed cannot reconnect yet:" << connected.error().describe();
        closeConnection();
        return;
    }
    qCInfo(lcStoreFeed) << "the change feed is listening again";
    emit reconnected();
}

void ChangeFeed::onNotification(const QString& name, QSqlDriver::NotificationSource,
                                const QVariant& payload) {
    if (name != QLatin1String(kStoreChannel))
        return;
    const auto change = StoreChange::fromPayload(payload.toString());
    if (!change) {
        qCWarning(lcStoreFeed).noquote() << "ignored a malformed notification:" << payload;
        return;
    }
    if (change->instanceId == m_instanceId)
        return; // our own commit, already announced where it happened
    emit changed(*change);
}

} // namespace hangar
