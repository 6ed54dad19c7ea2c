// BatchRun: concurrency limit, per-id outcomes, cancellation of what has not started.
#include "BatchRun.h"
#include "util/Async.h"

#include <QSignalSpy>
#include <QTest>

using namespace hangar;

class TstBatchRun : public QObject {
    Q_OBJECT

private slots:
    void runsAtMostNAtATime();
    void reportsEveryOutcome();
    void cancelSkipsWhatHasNotStarted();
    void emptyBatchFinishesAtOnce();
};

namespace {

QStringList ids(int n) {
    QStringList result;
    for (int i = 0; i < n; ++i)
        result.append(QStringLiteral("id-%1").arg(i));
    return result;
}

// The operations of a batch, finished by the test when it chooses.
struct Pending {
    QHash<QString, Deferred<void>> byId;
    int running() const {
        int n = 0;
        for (const auto& d : byId)
            n += d.isResolved() ? 0 : 1;
        return n;
    }
    BatchRun::Operation operation() {
        return [this](const QString& id) {
            Deferred<void> d;
            byId.insert(id, d);
            return d.future();
        };
    }
};

} // namespace

void TstBatchRun::runsAtMostNAtATime() {
    Pending pending;
    auto* batch = new BatchRun(ids(7), pending.operation(), nullptr, 3);
    QSignalSpy finished(batch, &BatchRun::finished);
    batch->start();
    QCOMPARE(pending.byId.size(), 3);
    int maxRunning = pending.running();
    while (finished.isEmpty()) {
        // Finish the oldest unfinished one; the next starts in its place.
        for (auto it = pending.byId.begin(); it != pending.byId.end(); ++it) {
            if (!it.value().isResolved()) {
                it.value().resolve({});
                break;
            }
        }
        QTRY_VERIFY(pending.running() > 0 || pending.byId.size() == 7 || !finished.isEmpty());
        QCoreApplication::processEvents();
        maxRunning = std::max(maxRunning, pending.running());
    }
    QCOMPARE(maxRunning, 3);
    QCOMPARE(pending.byId.size(), 7);
    QCOMPARE(finished.at(0).at(0).value<QList<BatchRun::Outcome>>().size(), 7);
}

void TstBatchRun::reportsEveryOutcome() {
    Pending pending;
    auto* batch = new BatchRun(ids(2), pending.operation(), nullptr);
    QSignalSpy finished(batch, &BatchRun::finished);
    QSignalSpy progress(batch, &BatchRun::progress);
    batch->start();
    QCOMPARE(pending.byId.size(), 2);
    pending.byId[QStringLiteral("id-1")].resolve(makeError(ErrorCode::Io, QStringLiteral("disk")));
    QTRY_COMPARE(progress.count(), 1);
    pending.byId[QStringLiteral("id-0")].resolve({});
    QTRY_COMPARE(finished.count(), 1);
    const auto outcomes = finished.at(0).at(0).value<QList<BatchRun::Outcome>>();
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0).id, QStringLiteral("id-1"));
    QVERIFY(!outcomes.at(0).status);
    QCOMPARE(outcomes.at(0).status.error().message, QStringLiteral("disk"));
    QCOMPARE(outcomes.at(1).id, QStringLiteral("id-0"));
    QVERIFY(outcomes.at(1).status);
    QCOMPARE(progress.last().at(0).toInt(), 2);
}

void TstBatchRun::cancelSkipsWhatHasNotStarted() {
    Pending pending;
    auto* batch = new BatchRun(ids(5), pending.operation(), nullptr, 2);
    QSignalSpy finished(batch, &BatchRun::finished);
    batch->start();
    QCOMPARE(pending.byId.size(), 2);
    batch->cancel();
    QVERIFY(batch->isCancelled());
    QCOMPARE(batch->finishedCount(), 3); // the three never started
    QVERIFY(finished.isEmpty());         // the two under way still count
    for (auto& d : pending.byId)
        d.resolve({});
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(pending.byId.size(), 2); // nothing else was started
    const auto outcomes = finished.at(0).at(0).value<QList<BatchRun::Outcome>>();
    int cancelled = 0;
    for (const auto& outcome : outcomes)
        cancelled += (!outcome.status && outcome.status.error().code == ErrorCode::Cancelled);
    QCOMPARE(cancelled, 3);
}

void TstBatchRun::emptyBatchFinishesAtOnce() {
    Pending pending;
    auto* batch = new BatchRun({}, pending.operation(), nullptr);
    QSignalSpy finished(batch, &BatchRun::finished);
    batch->start();
    QCOMPARE(finished.count(), 1);
    QVERIFY(pending.byId.isEmpty());
}

QTEST_MAIN(TstBatchRun)
#include "tst_batchrun.moc"
