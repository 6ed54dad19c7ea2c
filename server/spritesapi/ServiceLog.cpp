#include "ServiceLog.h"

namespace hangar::spritesapi {

void ServiceLog::output(const QByteArray& data, bool stderrStream) {
    QByteArray& partial = m_partial[stderrStream ? 1 : 0];
    partial += data;
    const QString type = stderrStream ? QStringLiteral("stderr") : QStringLiteral("stdout");
    qsizetype start = 0;
    while (true) {
        qsizetype end = partial.indexOf('\n', start);
        if (end < 0 && partial.size() - start < MaxLineBytes)
            break;
        end = end < 0 ? start + MaxLineBytes - 1 : std::min(end, start + MaxLineBytes - 1);
        append(logEvent(type, QStringLiteral("data"),
                        QString::fromUtf8(partial.mid(start, end + 1 - start))));
        start = end + 1;
    }
    partial.remove(0, start);
}

void ServiceLog::flush() {
    for (int i = 0; i < 2; ++i) {
        if (m_partial[i].isEmpty())
            continue;
        append(logEvent(i == 1 ? QStringLiteral("stderr") : QStringLiteral("stdout"),
                        QStringLiteral("data"),
                        QString::fromUtf8(std::exchange(m_partial[i], {}))));
    }
}

void ServiceLog::event(const QJsonObject& event) {
    flush();
    append(event);
}

void ServiceLog::append(const QJsonObject& event) {
    m_events.append(event);
    if (m_events.size() > MaxEvents)
        m_events.remove(0, m_events.size() - MaxEvents);
    emit appended(event);
}

QList<QJsonObject> ServiceLog::tail(int lines) const {
    QList<QJsonObject> out;
    for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
        if (lines >= 0 && out.size() >= lines)
            break;
        const QString type = it->value(QStringLiteral("type")).toString();
        if (type == QLatin1String("stdout") || type == QLatin1String("stderr"))
            out.prepend(*it);
    }
    return out;
}

} // namespace hangar::spritesapi
