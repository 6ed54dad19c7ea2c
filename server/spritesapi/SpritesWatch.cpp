// The Sprites emulator's watch sockets (sprites-api.md §14.3.4, §14.7): ports/watch reports the
// TCP listeners of the sprite's processes, fs/watch changes under subscribed paths. Both poll:
// the local sandbox offers no notification of either, and a poll sees every kind of change the
// same way (a process found through /proc, a file through its size, time and mode).
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "local/LocalBackend.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace hangar::spritesapi {

namespace {

constexpr int PortPollMs = 250;
constexpr int FsPollMs = 200;
constexpr qsizetype MaxWatchedEntries = 20'000;

QString text(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// --- ports -------------------------------------------------------------------------------

struct Listener {
    QString address; // usable as a proxy host
    int pid = 0;
};

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

// The TCP listeners of the processes running under `hostRoot` (their bwrap's --bind names it,
// or, unisolated, their working directory is in it), by port.
QMap<quint16, Listener> scanListeners(const QString& hostRoot) {
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
    QMap<quint16, Listener> out;
    if (byInode.isEmpty())
        return out;
    // Every process with its parent; "in the sprite" is inherited down the tree.
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
    const QByteArray marker = '\0' + hostRoot.toUtf8() + '\0';
    QHash<int, bool> inside;
    std::function<bool(int, int)> isInside = [&](int pid, int depth) -> bool {
        if (pid <= 1 || depth > 64)
            return false;
        if (auto it = inside.constFind(pid); it != inside.constEnd())
            return *it;
        const QByteArray cmdline = '\0' + readProc(QStringLiteral("/proc/%1/cmdline").arg(pid));
        const QString cwd = QFile::symLinkTarget(QStringLiteral("/proc/%1/cwd").arg(pid));
        const bool here = cmdline.contains(marker) || cwd == hostRoot ||
                          cwd.startsWith(hostRoot + QLatin1Char('/')) ||
                          isInside(parent.value(pid), depth + 1);
        inside.insert(pid, here);
        return here;
    };
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
                out.insert(found->second, Listener{found->first, it.key()});
        }
    }
    return out;
}

QJsonObject portJson(const QString& type, quint16 port, const Listener& l) {
    return {{QStringLiteral("type"), type},
            {QStringLiteral("port"), port},
            {QStringLiteral("address"), l.address},
            {QStringLiteral("pid"), l.pid}};
}

class PortWatch : public QObject {
public:
    PortWatch(std::unique_ptr<QWebSocket> socket, QString hostRoot, QObject* parent)
        : QObject(parent)
        , m_socket(socket.release())
        , m_hostRoot(std::move(hostRoot)) {
        m_socket->setParent(this);
        connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
        m_known = scan();
        QJsonArray ports;
        for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
            ports.append(portJson(QStringLiteral("port_opened"), it.key(), it.value()));
        m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("port_list")},
                                        {QStringLiteral("ports"), ports}}));
        connect(&m_timer, &QTimer::timeout, this, &PortWatch::poll);
        m_timer.start(PortPollMs);
    }

private:
    QMap<quint16, Listener> scan() const {
        return m_hostRoot.isEmpty() ? QMap<quint16, Listener>{} : scanListeners(m_hostRoot);
    }

    void poll() {
        const QMap<quint16, Listener> now = scan();
        for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
            if (!now.contains(it.key()))
                m_socket->sendTextMessage(
                    text(portJson(QStringLiteral("port_closed"), it.key(), it.value())));
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (!m_known.contains(it.key()))
                m_socket->sendTextMessage(
                    text(portJson(QStringLiteral("port_opened"), it.key(), it.value())));
        }
        m_known = now;
    }

    QWebSocket* m_socket;
    QString m_hostRoot;
    QMap<quint16, Listener> m_known;
    QTimer m_timer;
};

// --- files -------------------------------------------------------------------------------

struct Seen {
    qint64 size = 0;
    qint64 mtime = 0;
    uint mode = 0;
    bool isDir = false;
    bool operator==(const Seen&) const = default;
};

class FsWatch : public QObject {
public:
    FsWatch(std::unique_ptr<QWebSocket> socket, QString hostRoot, QString workingDir,
            QObject* parent)
        : QObject(parent)
        , m_socket(socket.release())
        , m_hostRoot(std::move(hostRoot))
        , m_workingDir(std::move(workingDir)) {
        m_socket->setParent(this);
        connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QWebSocket::textMessageReceived, this, &FsWatch::onText);
        connect(&m_timer, &QTimer::timeout, this, &FsWatch::poll);
    }

private:
    void error(const QString& message) {
        m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("error")},
                                        {QStringLiteral("message"), message}}));
    }

    // The sprite path -> the host path; empty when it is outside the sprite's own tree.
    QString hostPath(const QString& inside) const {
        if (m_hostRoot.isEmpty())
            return {};
        if (inside == m_workingDir)
            return m_hostRoot;
        if (inside.startsWith(m_workingDir + QLatin1Char('/')))
            return m_hostRoot + inside.mid(m_workingDir.size());
        return {};
    }

    void onText(const QString& message) {
        const QJsonObject sub = QJsonDocument::fromJson(message.toUtf8()).object();
        if (sub.value(QStringLiteral("type")).toString() != QLatin1String("subscribe") ||
            !sub.value(QStringLiteral("paths")).isArray())
            return error(QStringLiteral("expected {\"type\":\"subscribe\",\"paths\":[…]}"));
        const QString base = sub.value(QStringLiteral("workingDir")).toString(m_workingDir);
        QStringList added;
        QList<std::pair<QString, QString>> roots; // (inside, host)
        for (const auto& value : sub.value(QStringLiteral("paths")).toArray()) {
            QString path = value.toString();
            if (!path.startsWith(QLatin1Char('/')))
                path = base + QLatin1Char('/') + path;
            path = QDir::cleanPath(path);
            const QString host = hostPath(path);
            if (host.isEmpty())
                return error(QStringLiteral("%1: only paths under %2 can be watched")
                                 .arg(path, m_workingDir));
            if (!QFileInfo::exists(host))
                return error(QStringLiteral("%1: no such file or directory").arg(path));
            roots.append({path, host});
            added.append(path);
        }
        const bool recursive = sub.value(QStringLiteral("recursive")).toBool();
        for (const auto& root : roots)
            m_roots.append({root.first, root.second, recursive});
        m_seen = snapshot();
        m_socket->sendTextMessage(
            text({{QStringLiteral("type"), QStringLiteral("subscribed")},
                  {QStringLiteral("paths"), QJsonArray::fromStringList(added)}}));
        m_timer.start(FsPollMs);
    }

    QMap<QString, Seen> snapshot() const {
        QMap<QString, Seen> out;
        for (const Root& root : m_roots) {
            auto add = [&](const QFileInfo& info, const QString& inside) {
                out.insert(inside, Seen{info.isDir() ? 0 : info.size(),
                                        info.lastModified().toMSecsSinceEpoch(),
                                        static_cast<uint>(info.permissions()), info.isDir()});
            };
            const QFileInfo top(root.host);
            if (!top.isDir()) {
                if (top.exists())
                    add(top, root.inside);
                continue;
            }
            QDirIterator it(root.host, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                            root.recursive ? QDirIterator::Subdirectories
                                           : QDirIterator::NoIteratorFlags);
            while (it.hasNext() && out.size() < MaxWatchedEntries) {
                it.next();
                add(it.fileInfo(), root.inside + it.filePath().mid(root.host.size()));
            }
        }
        return out;
    }

    void send(const QString& path, const QString& event, const Seen& seen) {
        m_socket->sendTextMessage(
            text({{QStringLiteral("type"), QStringLiteral("event")},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("event"), event},
                  {QStringLiteral("timestamp"), timeValue(QDateTime::currentDateTimeUtc())},
                  {QStringLiteral("size"), seen.size},
                  {QStringLiteral("isDir"), seen.isDir}}));
    }

    void poll() {
        const QMap<QString, Seen> now = snapshot();
        for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
            if (!now.contains(it.key()))
                send(it.key(), QStringLiteral("remove"), it.value());
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            const auto old = m_seen.constFind(it.key());
            if (old == m_seen.cend())
                send(it.key(), QStringLiteral("create"), it.value());
            else if (!it.value().isDir &&
                     (old->size != it.value().size || old->mtime != it.value().mtime))
                send(it.key(), QStringLiteral("write"), it.value());
            else if (old->mode != it.value().mode)
                send(it.key(), QStringLiteral("chmod"), it.value());
        }
        m_seen = now;
    }

    struct Root {
        QString inside;
        QString host;
        bool recursive = false;
    };
    QWebSocket* m_socket;
    QString m_hostRoot;
    QString m_workingDir;
    QList<Root> m_roots;
    QMap<QString, Seen> m_seen;
    QTimer m_timer;
};

} // namespace

void SpritesApi::addWatchRoutes() {
    auto check = [this](const http::Request& r, SpritesReply reply) {
        checkSprite(r.param(QStringLiteral("name")), reply);
    };
    // Only the local backend can say where a sprite's processes and files are.
    auto local = [this]() { return qobject_cast<LocalBackend*>(&m_backend); };
    m_server->socketRoute(
        QStringLiteral("/v1/sprites/:name/ports/watch"), check,
        [this, local](const SocketRequest& r, std::unique_ptr<QWebSocket> socket) {
            LocalBackend* backend = local();
            new PortWatch(std::move(socket),
                          backend ? backend->hostRoot(r.param(QStringLiteral("name"))) : QString(),
                          this);
        });
    m_server->socketRoute(
        QStringLiteral("/v1/sprites/:name/fs/watch"), check,
        [this, local](const SocketRequest& r, std::unique_ptr<QWebSocket> socket) {
            LocalBackend* backend = local();
            new FsWatch(std::move(socket),
                        backend ? backend->hostRoot(r.param(QStringLiteral("name"))) : QString(),
                        backend ? backend->options().workingDir : QString(), this);
        });
}

} // namespace hangar::spritesapi
