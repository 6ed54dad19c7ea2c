#include "JsonCodec.h"

namespace hangar::api {

namespace {

QJsonValue time(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QJsonObject toJson(const Sandbox& s)
{
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("backend"), s.backend},
        {QStringLiteral("chatId"), s.chatId},
        {QStringLiteral("threadId"), s.threadId},
        {QStringLiteral("state"), stateName(s.state)},
        {QStringLiteral("error"), s.error.isEmpty() ? QJsonValue() : QJsonValue(s.error)},
        {QStringLiteral("createdAt"), time(s.createdAt)},
        {QStringLiteral("updatedAt"), time(s.updatedAt)},
        {QStringLiteral("lastActivityAt"), time(s.lastActivityAt)},
        {QStringLiteral("pinned"), s.pinned},
    };
}

QJsonObject toJson(const LifecycleEvent& e)
{
    return QJsonObject{
        {QStringLiteral("seq"), e.seq},
        {QStringLiteral("sandboxId"), e.sandboxId},
        {QStringLiteral("at"), time(e.at)},
        {QStringLiteral("from"), e.from ? QJsonValue(stateName(*e.from)) : QJsonValue()},
        {QStringLiteral("state"), stateName(e.to)},
        {QStringLiteral("reason"), e.reason},
        {QStringLiteral("error"), e.error.isEmpty() ? QJsonValue() : QJsonValue(e.error)},
    };
}

} // namespace hangar::api
