#include "JsonCodec.h"

#include "accounts/SpritesAccount.h"

namespace hangar::api {

namespace {

QJsonValue time(const QDateTime& t) {
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QJsonObject toJson(const Sandbox& s) {
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("backend"), accounts::kindOfKey(s.backend)},
        {QStringLiteral("account"), s.backend},
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

QJsonObject toJson(const LifecycleEvent& e) {
    QJsonObject o{
        {QStringLiteral("seq"), e.seq},
        {QStringLiteral("sandboxId"), e.sandboxId},
        {QStringLiteral("at"), time(e.at)},
        {QStringLiteral("kind"),
         e.isNote() ? QStringLiteral("note") : QStringLiteral("transition")},
        {QStringLiteral("previous"), e.from ? QJsonValue(stateName(*e.from)) : QJsonValue()},
        {QStringLiteral("state"), stateName(e.to)},
        {QStringLiteral("reason"), e.reason},
        {QStringLiteral("error"), e.error.isEmpty() ? QJsonValue() : QJsonValue(e.error)},
    };
    if (e.isNote()) {
        o.insert(QStringLiteral("actor"), e.actor);
        o.insert(QStringLiteral("detail"), e.detail);
    }
    return o;
}

QJsonObject toJson(const FsEntry& f) {
    QJsonObject o{
        {QStringLiteral("name"), f.name},
        {QStringLiteral("path"), f.path},
        {QStringLiteral("type"), f.isSymlink ? QStringLiteral("symlink")
                                 : f.isDir   ? QStringLiteral("dir")
                                             : QStringLiteral("file")},
        {QStringLiteral("size"), f.size},
        {QStringLiteral("mode"), QStringLiteral("%1").arg(f.mode, 4, 8, QLatin1Char('0'))},
        {QStringLiteral("modified"), time(f.modified)},
    };
    if (f.isSymlink)
        o.insert(QStringLiteral("linkTarget"), f.linkTarget);
    return o;
}

} // namespace hangar::api
