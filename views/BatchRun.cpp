#include "BatchRun.h"

#include "util/Async.h"

namespace hangar {

BatchRun::BatchRun(QStringList ids, Operation operation, QObject* parent, int concurrency)
    : QObject(parent)
    , m_ids(std::move(ids))
    , m_operation(std::move(operation))
    , m_concurrency(std::max(1, concurrency)) {
}

void BatchRun::start() {
    if (m_ids.isEmpty()) {
        emit finished({});
        deleteLater();
        return;
    }
    while (m_running < m_concurrency && m_next < m_ids.size())
        startNext();
}

void BatchRun::cancel() {
    if (m_cancelled)
        return;
    m_cancelled = true;
    // Everything not yet started is reported as cancelled right away.
    while (m_next < m_ids.size()) {
        const QString id = m_ids.at(m_next++);
        record(id, makeError(ErrorCode::Cancelled, tr("cancelled before it started")));
    }
}

void BatchRun::startNext() {
    const QString id = m_ids.at(m_next++);
    ++m_running;
    emit started(id);
    m_operation(id)
        .then(this,
              [this, id](Status status) {
                  --m_running;
                  record(id, std::move(status));
                  if (!m_cancelled && m_next < m_ids.size())
                      startNext();
              })
        .onCanceled(this, [this, id] {
            --m_running;
            record(id, makeError(ErrorCode::Cancelled, tr("the operation was cancelled")));
            if (!m_cancelled && m_next < m_ids.size())
                startNext();
        });
}

void BatchRun::record(const QString& id, Status status) {
    m_outcomes.append(Outcome{id, status});
    emit finishedOne(id, status);
    emit progress(finishedCount(), total());
    if (finishedCount() == total()) {
        emit finished(m_outcomes);
        deleteLater();
    }
}

} // namespace hangar
