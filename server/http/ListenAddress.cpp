#include "ListenAddress.h"

#include <QRegularExpression>

namespace hangar::http {

Result<ListenAddress> ListenAddress::parse(const QString& hostPort) {
    static const QRegularExpression pattern(QStringLiteral("^\\[?([^\\]]+)\\]?:(\\d{1,5})$"));
    const auto m = pattern.match(hostPort);
    if (!m.hasMatch() || m.captured(2).toUInt() > 65535) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("expected host:port, got \"%1\"").arg(hostPort));
    }
    QString host = m.captured(1);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    const QHostAddress address(host);
    if (address.isNull()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not an IP address").arg(host));
    }
    return ListenAddress{address, static_cast<quint16>(m.captured(2).toUInt())};
}

QString ListenAddress::display(quint16 boundPort) const {
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(boundPort)
               : QStringLiteral("%1:%2").arg(address.toString()).arg(boundPort);
}

Result<QString> listenOn(QAbstractHttpServer& server, const ListenAddress& where) {
    const quint16 port = server.listen(where.address, where.port);
    if (port == 0) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot listen on %1 (in use, or not allowed)")
                             .arg(where.display(where.port)));
    }
    return where.display(port);
}

} // namespace hangar::http
