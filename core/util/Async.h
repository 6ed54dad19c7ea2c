#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QPromise>

#include <memory>

namespace hangar {

// A promise that copies cheaply into lambdas and resolves at most once.
template <typename T> class Deferred {
public:
    Deferred()
        : m_promise(std::make_shared<QPromise<Result<T>>>()) {
        m_promise->start();
    }

    Task<T> future() const { return m_promise->future(); }
    bool isResolved() const { return m_promise->future().isFinished(); }

    void resolve(Result<T> result) const {
        if (isResolved())
            return;
        m_promise->addResult(std::move(result));
        m_promise->finish();
    }

private:
    std::shared_ptr<QPromise<Result<T>>> m_promise;
};

// When `task` finishes, runs `next(result)` in `context`'s thread; the returned task finishes
// with the result of the task that `next` returns.
template <typename U, typename T, typename F>
Task<U> chain(Task<T> task, QObject* context, F next) {
    Deferred<U> done;
    task.then(context, [done, context, next = std::move(next)](Result<T> result) mutable {
        Task<U> following = next(std::move(result));
        following.then(context, [done](Result<U> r) { done.resolve(std::move(r)); });
    });
    return done.future();
}

// Maps a finished task's result in `context`'s thread.
template <typename U, typename T, typename F>
Task<U> mapResult(Task<T> task, QObject* context, F map) {
    Deferred<U> done;
    task.then(context, [done, map = std::move(map)](Result<T> result) mutable {
        done.resolve(map(std::move(result)));
    });
    return done.future();
}

// Runs `handle(result)` in the main thread when `task` finishes, unless `receiver` has been
// destroyed by then. Use it instead of task.then(receiver, ...) when the receiver may die
// first (a dialog the user closes): Qt 6.4 asserts that a continuation's context is alive.
template <typename T, typename F> void whenReady(Task<T> task, QObject* receiver, F handle) {
    task.then(QCoreApplication::instance(), [receiver = QPointer<QObject>(receiver),
                                             handle = std::move(handle)](Result<T> result) mutable {
        if (receiver)
            handle(std::move(result));
    });
}

// Drops the value, keeps the error.
template <typename T> Task<void> discardValue(Task<T> task, QObject* context) {
    return mapResult<void>(task, context, [](Result<T> r) -> Result<void> {
        if (!r)
            return r.error();
        return {};
    });
}

} // namespace hangar
