#include "FaultPlan.h"

namespace hangar::spritesapi {

namespace {

QRegularExpression anchored(const QString& pattern) {
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

} // namespace

void FaultPlan::add(Fault fault) {
    QMutexLocker lock(&m_mutex);
    m_faults.append(std::move(fault));
}

void FaultPlan::respond(const QString& method, const QString& pathPattern, int status,
                        int retryAfterSeconds, int times) {
    Fault fault;
    fault.kind = Kind::Respond;
    fault.method = method;
    fault.path = anchored(pathPattern);
    fault.status = status;
    fault.retryAfterSeconds = retryAfterSeconds;
    fault.times = times;
    add(std::move(fault));
}

void FaultPlan::delay(const QString& method, const QString& pathPattern, int ms, int times) {
    Fault fault;
    fault.kind = Kind::Delay;
    fault.method = method;
    fault.path = anchored(pathPattern);
    fault.delayMs = ms;
    fault.times = times;
    add(std::move(fault));
}

void FaultPlan::drop(const QString& method, const QString& pathPattern, qint64 afterOutputBytes,
                     int times) {
    Fault fault;
    fault.kind = Kind::Drop;
    fault.method = method;
    fault.path = anchored(pathPattern);
    fault.afterOutputBytes = afterOutputBytes;
    fault.times = times;
    add(std::move(fault));
}

void FaultPlan::clear() {
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
    m_log.clear();
}

std::optional<FaultPlan::Fault> FaultPlan::take(const QString& method, const QString& path) {
    QMutexLocker lock(&m_mutex);
    m_log.append({method, path});
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault& fault = m_faults[i];
        if (!fault.method.isEmpty() && fault.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (!fault.path.match(path).hasMatch())
            continue;
        Fault found = fault;
        if (fault.times > 0 && --fault.times == 0)
            m_faults.removeAt(i);
        return found;
    }
    return std::nullopt;
}

int FaultPlan::requestCount(const QString& method, const QString& path) const {
    QMutexLocker lock(&m_mutex);
    int count = 0;
    for (const auto& [m, p] : m_log) {
        if (m.compare(method, Qt::CaseInsensitive) == 0 && p == path)
            ++count;
    }
    return count;
}

} // namespace hangar::spritesapi
