#pragma once

#include "util/Result.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace hangar {

// One operation over many sandboxes, run concurrently but at most `concurrency` at a time (a
// provider is not flooded with a hundred calls at once). Cancelling stops what has not started
// yet; what is under way finishes, because no backend can take a lifecycle call back.
//
// Deletes itself after finished().
class BatchRun : public QObject {
    Q_OBJECT
public:
    using Operation = std::function<Task<void>(const QString& id)>;
    static constexpr int kDefaultConcurrency = 8;

    struct Outcome {
        QString id;
        Status status;
    };

    BatchRun(QStringList ids, Operation operation, QObject* parent,
             int concurrency = kDefaultConcurrency);

    void start();
    int total() const { return static_cast<int>(m_ids.size()); }
    int finishedCount() const { return static_cast<int>(m_outcomes.size()); }
    bool isCancelled() const { return m_cancelled; }

public slots:
    void cancel();

signals:
    void started(const QString& id);
    void finishedOne(const QString& id, const hangar::Status& status);
    void progress(int finished, int total);
    void finished(const QList<hangar::BatchRun::Outcome>& outcomes);

private:
    void startNext();
    void record(const QString& id, Status status);

    QStringList m_ids;
    Operation m_operation;
    int m_concurrency;
    qsizetype m_next = 0;
    int m_running = 0;
    bool m_cancelled = false;
    QList<Outcome> m_outcomes;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::BatchRun::Outcome)
