#pragma once

#include "lifecycle/Sandbox.h"

#include <QJsonObject>

namespace hangar::api {

// The console API's JSON shapes (camelCase; times as RFC 3339 UTC).
QJsonObject toJson(const Sandbox& sandbox);
QJsonObject toJson(const LifecycleEvent& event);

} // namespace hangar::api
