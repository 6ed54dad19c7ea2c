#pragma once

#include "util/Result.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace hangar::http {

// "host:port" as HANGAR_API_LISTEN and --sprites-api take it ("localhost" means 127.0.0.1,
// port 0 picks a free one).
struct ListenAddress {
    QHostAddress address;
    quint16 port = 0;

    static Result<ListenAddress> parse(const QString& hostPort);
    // "127.0.0.1:8377" or "[::1]:8377" for the port actually bound.
    QString display(quint16 boundPort) const;
};

// Parses `hostPort` and makes `server` listen there; returns the address as displayed.
Result<QString> listenOn(QAbstractHttpServer& server, const ListenAddress& where);

} // namespace hangar::http
