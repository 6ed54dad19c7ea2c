#pragma once

#include "backend/BackendTypes.h"
#include "lifecycle/Sandbox.h"

#include <QJsonObject>

namespace hangar::api {

// The console API's JSON shapes (camelCase; times as RFC 3339 UTC).
QJsonObject toJson(const Sandbox& sandbox);
QJsonObject toJson(const LifecycleEvent& event);
QJsonObject toJson(const FsEntry& entry);

} // namespace hangar::api
