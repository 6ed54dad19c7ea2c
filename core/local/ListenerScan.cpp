#include "ListenerScan.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace hangar::local {

namespace {

// "0100007F:1F90" of /proc/net/tcp -> ("127.0.0.1", 8080); tcp6 addresses are 4 words.
std::pair<QString, quint16> parseAddress(const QByteArray& field, bool v6) {
    const QList<QByteArray> parts = field.split(':');
    if (parts.size() != 2)
        return {};
    const quint16 port = static_cast<quint16>(parts[1].toUInt(nullptr, 16));
    const QByteArray hex = parts[0];
    QString address;
    if (!v6) {
        const quint32 raw = hex.toUInt(nullptr, 16); // little-endian bytes
        address = QStringLiteral("%1.%2.%3.%4")
                      .arg(raw & 0xff)
                      .arg((raw >> 8) & 0xff)
                      .arg((raw >> 16) & 0xff)
                      .arg((raw >> 24) & 0xff);
        if (address == QLatin1String("0.0.0.0"))
            address = QStringLiteral("127.0.0.1");
    } else {
        // Four 32-bit words, each in host (little-endian) byte order.
        Q_IPV6ADDR bytes{};
        for (int word = 0; word < 4 && hex.size() == 32; ++word) {
            const quint32 raw = hex.mid(word * 8, 8).toUInt(nullptr, 16);
            for (int b = 0; b < 4; ++b)
                bytes[word * 4 + b] = static_cast<quint8>((raw >> (8 * b)) & 0xff);
        }
        QHostAddress host(bytes);
        bool mapped = false;
        const quint32 v4 = host.toIPv4Address(&mapped);
        if (mapped)
            host = QHostAddress(v4);
        address = host.isNull() || host == QHostAddress::AnyIPv6 ? QStringLiteral("::1")
                  : host == QHostAddress::AnyIPv4                ? QStringLiteral("127.0.0.1")
                                                                 : host.toString();
    }
    return {address, port};
}

QByteArray readProc(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// LISTEN sockets by inode.
QHash<QByteArray, std::pair<QString, quint16>> listeningSockets() {
    QHash<QByteArray, std::pair<QString, quint16>> byInode;
    for (const bool v6 : {false, true}) {
        const QList<QByteArray> lines =
            readProc(v6 ? QStringLiteral("/proc/net/tcp6") : QStringLiteral("/proc/net/tcp"))
                .split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].simplified().split(' ');
            if (f.size() < 10 || f[3] != "0A") // 0A: LISTEN
                continue;
            byInode.insert(f[9], parseAddress(f[1], v6));
        }
    }
    return byInode;
}

// Every process with its parent.
QHash<int, int> processParents() {
    QHash<int, int> parent;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& pid : pids) {
        bool numeric = false;
        const int n = pid.toInt(&numeric);
        if (!numeric)
            continue;
        const QByteArray stat = readProc(QStringLiteral("/proc/%1/stat").arg(n));
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> rest = stat.mid(close + 2).split(' ');
        parent.insert(n, rest.size() > 1 ? rest[1].toInt() : 0);
    }
    return parent;
}

// The listeners of the processes for which `here` holds, or for one of their ancestors.
QList<OpenPort> listenersWhere(const std::function<bool(int pid)>& here) {
    const auto byInode = listeningSockets();
    if (byInode.isEmpty())
        return {};
    const QHash<int, int> parent = processParents();
    QHash<int, bool> inside;
    std::function<bool(int, int)> isInside = [&](int pid, int depth) -> bool {
        if (pid <= 1 || depth > 64)
            return false;
        if (auto it = inside.constFind(pid); it != inside.constEnd())
            return *it;
        const bool result = here(pid) || isInside(parent.value(pid), depth + 1);
        inside.insert(pid, result);
        return result;
    };
    QMap<quint16, OpenPort> out;
    for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
        if (!isInside(it.key(), 0))
            continue;
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(it.key());
        for (const QString& fd : QDir(fdDir).entryList(QDir::Files | QDir::System)) {
            const QString target = QFile::symLinkTarget(fdDir + QLatin1Char('/') + fd);
            if (!target.contains(QLatin1String("socket:[")))
                continue;
            const QByteArray inode = target.section(QLatin1Char('['), 1).chopped(1).toLatin1();
            if (auto found = byInode.constFind(inode); found != byInode.constEnd())
                out.insert(found->second, OpenPort{found->second, found->first, it.key()});
        }
    }
    return out.values();
}

} // namespace

QList<OpenPort> scanListeners(const QString& hostRoot) {
    if (hostRoot.isEmpty())
        return {};
    const QByteArray marker = '\0' + hostRoot.toUtf8() + '\0';
    return listenersWhere([&](int pid) {
        const QByteArray cmdline = '\0' + readProc(QStringLiteral("/proc/%1/cmdline").arg(pid));
        const QString cwd = QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid));
        return cmdline.contains(marker) || cwd == hostRoot ||
               cwd.startsWith(hostRoot + QLatin1Char('/'));
    });
}

QList<OpenPort> scanListenersOf(qint64 rootPid) {
    if (rootPid <= 1)
        return {};
    return listenersWhere([rootPid](int pid) { return pid == rootPid; });
}

ListenerPoller::ListenerPoller(Scan scan, int intervalMs, bool scanNow, QObject* parent)
    : QObject(parent)
    , m_scanner(std::move(scan)) {
    connect(&m_scan, &QFutureWatcher<QList<OpenPort>>::finished, this,
            [this] { emit scanned(m_scan.result()); });
    connect(&m_timer, &QTimer::timeout, this, &ListenerPoller::tick);
    m_timer.start(intervalMs);
    if (scanNow)
        tick();
}

void ListenerPoller::tick() {
    if (m_scan.isRunning())
        return;
    m_scan.setFuture(QtConcurrent::run(m_scanner));
}

} // namespace hangar::local
