#include "ChangeFeed.h"

#include "SqlSupport.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStoreFeed, "hangar.store.feed")

namespace hangar {

ChangeFeed::ChangeFeed(QString connectionName, QString instanceId)
    : m_connectionName(std::move(connectionName))
    , m_instanceId(std::move(instanceId)) {
}

ChangeFeed::~ChangeFeed() {
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<ChangeFeed>> ChangeFeed::listen(const DatabaseUrl& url,
                                                       const QString& instanceId) {
    if (url.kind != DatabaseUrl::Kind::Postgres) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("change notifications need a PostgreSQL store"));
    }
    const QString connection =
        QStringLiteral("hangar-feed-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<ChangeFeed> feed(new ChangeFeed(connection, instanceId));
    auto database = sql::openConnection(url, connection);
    if (!database)
        return database.error();
    QSqlDriver* driver = database.value().driver();
    const QString channel = QString::fromLatin1(kStoreChannel);
    if (!driver->subscribeToNotification(channel)) {
        return sql::toError(driver->lastError(),
                            QStringLiteral("subscribing to %1 notifications").arg(channel));
    }
    connect(driver, &QSqlDriver::notification, feed.get(), &ChangeFeed::onNotification);
    return feed;
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
