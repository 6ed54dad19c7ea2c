#pragma once

// Checks on Result values for the contract suite: on failure they say what the error was.
#include "util/Result.h"

#include <QTest>

namespace hangar::testing {

template <typename T> QByteArray why(const Result<T>& result) {
    return result.ok() ? QByteArray() : result.error().describe().toUtf8();
}

#define CHECK_OK(expr)                                                                             \
    do {                                                                                           \
        const auto checked_ = (expr);                                                              \
        QVERIFY2(checked_.ok(), why(checked_).constData());                                        \
    } while (false)

#define CHECK_ERROR(expr, errorCode)                                                               \
    do {                                                                                           \
        const auto checked_ = (expr);                                                              \
        QVERIFY2(!checked_.ok(), "expected an error");                                             \
        QCOMPARE(checked_.error().code, errorCode);                                                \
    } while (false)

} // namespace hangar::testing
