#pragma once

#include "util/Result.h"

#include <QString>

namespace hangar::http {

// The bearer token of the console API: HANGAR_API_TOKEN when set, otherwise one generated on
// first start and kept in <dataDir>/api-token, readable by the owner only. Never logged.
struct ApiToken {
    QString value;
    QString file; // where it is kept; empty when it came from the environment

    static Result<ApiToken> resolve(const QString& fromEnvironment, const QString& dataDir);
    static QString generate();
};

// Compares in time independent of where the strings differ.
bool tokensEqual(const QByteArray& a, const QByteArray& b);

} // namespace hangar::http
