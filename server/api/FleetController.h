#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class FleetHealth;
}

namespace hangar::api {

// /api/fleet/health: what the store and the providers disagree about (ghosts, orphans, drift)
// and the degraded sandboxes; POST .../fix applies one finding's fix.
class FleetController : public QObject {
    Q_OBJECT
public:
    FleetController(FleetHealth& fleet, QObject* parent = nullptr);

    void addRoutes(http::Router& router);

private:
    void health(const http::Request& request, http::HttpReply reply);
    void fix(const http::Request& request, http::HttpReply reply);

    FleetHealth& m_fleet;
};

} // namespace hangar::api
