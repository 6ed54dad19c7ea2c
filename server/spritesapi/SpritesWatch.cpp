// The Sprites emulator's watch sockets (sprites-api.md §14.3.4, §14.7): ports/watch reports the
// TCP listeners of the sprite's processes, fs/watch changes under subscribed paths. Both poll:
// the local sandbox offers no notification of either, and a poll sees every kind of change the
// same way (a process found through /proc, a file through its size, time and mode).
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "local/ListenerScan.h"
#include "local/LocalBackend.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

#include <sys/stat.h>

namespace hangar::spritesapi {

namespace {

constexpr int PortPollMs = 250;
constexpr int FsPollMs = 200;
constexpr qsizetype MaxWatchedEntries = 20'000;

QString text(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// --- ports -------------------------------------------------------------------------------

QJsonObject portJson(const QString& type, const OpenPort& port) {
    return {{QStringLiteral("type"), type},
            {QStringLiteral("port"), port.port},
            {QStringLiteral("address"), port.address},
            {QStringLiteral("pid"), port.pid}};
}

// Scans /proc on a worker thread (local/ListenerScan.h): the first scan gives the port_list,
// each later one the ports opened and closed since.
class PortWatch : public QObject {
public:
    PortWatch(std::unique_ptr<QWebSocket> socket, const QString& hostRoot, QObject* parent)
        : QObject(parent)
        , m_socket(socket.release()) {
        m_socket->setParent(this);
        connect(m_socket, &QWebSocket::disconnected, this, &QObject::deleteLater);
        auto* poller = new local::ListenerPoller(
            [hostRoot] { return local::scanListeners(hostRoot); }, PortPollMs, true, this);
        connect(poller, &local::ListenerPoller::scanned, this, &PortWatch::onScan);
    }

private:
    void onScan(const QList<OpenPort>& ports) {
        QMap<quint16, OpenPort> now;
        for (const OpenPort& port : ports)
            now.insert(port.port, port);
        if (!m_listed) {
            m_listed = true;
            QJsonArray list;
            for (const OpenPort& port : std::as_const(now))
                list.append(portJson(QStringLiteral("port_opened"), port));
            m_socket->sendTextMessage(text({{QStringLiteral("type"), QStringLiteral("port_list")},
                                            {QStringLiteral("ports"), list}}));
        } else {
            for (const OpenPort& port : std::as_const(m_known)) {
                if (!now.contains(port.port))
                    m_socket->sendTextMessage(text(portJson(QStringLiteral("port_closed"), port)));
            }
            for (const OpenPort& port : std::as_const(now)) {
                if (!m_known.contains(port.port))
                    m_socket->sendTextMessage(text(portJson(QStringLiteral("port_opened"), port)));
            }
        }
        m_known = now;
    }

    QWebSocket* m_socket;
    QMap<quint16, OpenPort> m_known;
    bool m_listed = false;
};

// --- files -------------------------------------------------------------------------------

struct Seen {
    qint64 size = 0;
    qint64 mtime = 0;
    uint mode = 0;
    bool isDir = false;
    // The file itself (device, inode): a path that goes while another comes with the same
    // file was renamed.
    std::pair<quint64, quint64> file{0, 0};
    bool operator==(const Seen&) const = default;
};

std::pair<quint64, quint64> fileId(const QString& hostPath) {
    struct stat st {};
    if (::lstat(QFile::encodeName(hostPath).constData(), &st) != 0)
        return {0, 0};
    return {static_cast<quint64>(st.st_dev), static_cast<quint64>(st.st_ino)};
}

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
                                        static_cast<uint>(info.permissions()), info.isDir(),
                                        fileId(info.filePath())});
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
        // A file that left its path and reappears under a new one, unchanged, was renamed: the
        // old path reports `rename` and the new one `create` (fsnotify's order). Comparing
        // more than the inode keeps a freed inode that a new file reuses from counting.
        QHash<std::pair<quint64, quint64>, Seen> arrived;
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (!m_seen.contains(it.key()) && it.value().file.second != 0)
                arrived.insert(it.value().file, it.value());
        }
        auto renamedTo = [&arrived](const Seen& gone) {
            const auto found = arrived.constFind(gone.file);
            return found != arrived.cend() && *found == gone;
        };
        for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it) {
            if (!now.contains(it.key()))
                send(it.key(),
                     renamedTo(it.value()) ? QStringLiteral("rename") : QStringLiteral("remove"),
                     it.value());
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
