#pragma once

#include "util/Result.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTest>

// Verifies that a Result is ok, printing its error otherwise.
#define HANGAR_VERIFY_OK(expr)                                                                     \
    do {                                                                                           \
        const auto& hangarResult_ = (expr);                                                        \
        QVERIFY2(hangarResult_.ok(),                                                               \
                 hangarResult_.ok() ? "" : qPrintable(hangarResult_.error().describe()));          \
    } while (false)

namespace hangar::test {

// Spins the event loop until the task finishes (or the timeout passes) and returns its
// result; a task that did not finish in time yields a Timeout error.
template <typename T> Result<T> await(Task<T> task, int timeoutMs = 30'000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!task.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    if (!task.isFinished())
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("the task did not finish within %1 ms").arg(timeoutMs));
    if (task.isCanceled() || task.resultCount() == 0)
        return makeError(ErrorCode::Cancelled,
                         QStringLiteral("the task finished without a result"));
    return task.result();
}

} // namespace hangar::test
