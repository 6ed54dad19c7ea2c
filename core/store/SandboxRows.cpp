#include "SandboxRows.h"

#include <QVariant>

namespace hangar::rows {

QString text(const QString& s) {
    return s.isNull() ? QStringLiteral("") : s;
}

QDateTime fromMs(const QVariant& v) {
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

Result<Sandbox> readSandbox(const QSqlQuery& q) {
    Sandbox s;
    s.id = q.value(0).toString();
    s.name = q.value(1).toString();
    s.backend = q.value(2).toString();
    s.chatId = q.value(3).toString();
    s.threadId = q.value(4).toString();
    const auto state = stateFromName(q.value(5).toString());
    if (!state) {
        return makeError(ErrorCode::Internal,
                         QStringLiteral("sandbox %1 has an unknown state \"%2\" in the database")
                             .arg(s.name, q.value(5).toString()));
    }
    s.state = *state;
    s.error = q.value(6).toString();
    s.createdAt = fromMs(q.value(7));
    s.updatedAt = fromMs(q.value(8));
    s.lastActivityAt = fromMs(q.value(9));
    s.pinned = q.value(10).toInt() != 0;
    return s;
}

Result<QList<Sandbox>> readSandboxes(QSqlQuery& q) {
    QList<Sandbox> out;
    while (q.next()) {
        auto s = readSandbox(q);
        if (!s)
            return s.error();
        out.append(std::move(s).value());
    }
    return out;
}

} // namespace hangar::rows
