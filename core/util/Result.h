#pragma once

#include "Error.h"

#include <QFuture>
#include <QPromise>

#include <type_traits>
#include <utility>
#include <variant>

namespace hangar {

// A value or an Error. Every fallible core call returns one (usually inside a QFuture), so a
// failure is always something the caller sees and handles.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::move(value)) {}
    Result(Error error)
        : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    // By value: `for (x : f().value())` must not dangle.
    T value() && { return std::get<T>(std::move(m_data)); }
    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

// The async idiom of the core: QFuture<Result<T>>, continued with .then(context, ...).
template <typename T> using Task = QFuture<Result<T>>;

template <typename T> Task<T> readyTask(Result<T> result) {
    QPromise<Result<T>> promise;
    promise.start();
    promise.addResult(std::move(result));
    promise.finish();
    return promise.future();
}

inline Task<void> readyTask() {
    return readyTask(Result<void>{});
}

template <typename T> Task<T> failedTask(Error error) {
    return readyTask(Result<T>(std::move(error)));
}

} // namespace hangar
