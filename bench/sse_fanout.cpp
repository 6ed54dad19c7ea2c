// SSE fan-out: how long a committed transition takes to reach 1 000 connected browsers, and
// what each connection costs hangard in memory.
//
//   bench_sse_fanout [clients=1000] [transitions=40]
//
// Starts hangard on a private data dir and a free port, opens the clients as raw sockets
// (QNetworkAccessManager would cap them at six per host), provisions one sandbox, then
// hibernates and resumes it over the API. Every event carries its commit time ("at"); the
// delay is the time it was read by a client minus that. Same machine, same clock.
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

qint64 rssKiB(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

struct Client {
    std::unique_ptr<QTcpSocket> socket;
    QByteArray buffer;
    int events = 0;
};

double percentile(std::vector<qint64>& v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return double(v[i]);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int transitions = argc > 2 ? std::atoi(argv[2]) : 40;
    const QByteArray token = "bench-token-0123456789abcdef";

    QTemporaryDir dir;
    QProcess daemon;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HANGAR_DATA_DIR"), dir.path());
    env.insert(QStringLiteral("HANGAR_API_LISTEN"), QStringLiteral("127.0.0.1:0"));
    env.insert(QStringLiteral("HANGAR_API_TOKEN"), QString::fromLatin1(token));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("hangar.lifecycle.info=false"));
    daemon.setProcessEnvironment(env);
    daemon.setProcessChannelMode(QProcess::MergedChannels);
    QByteArray log;
    QObject::connect(&daemon, &QProcess::readyRead, &daemon, [&] { log += daemon.readAll(); });
    daemon.start(QStringLiteral(HANGARD_PATH), {});
    if (!QTest::qWaitFor([&] { return log.contains("ready:"); }, 30'000)) {
        std::fprintf(stderr, "hangard did not start:\n%s\n", log.constData());
        return 1;
    }
    const auto m = QRegularExpression(QStringLiteral("http://([0-9.]+):(\\d+)/api/"))
                       .match(QString::fromLatin1(log));
    const QString host = m.captured(1);
    const quint16 port = quint16(m.captured(2).toUInt());
    const QString base = QStringLiteral("http://%1:%2").arg(host).arg(port);

    QNetworkAccessManager net;
    auto call = [&](const QByteArray& method, const QString& path, const QByteArray& body = {}) {
        QNetworkRequest r{QUrl(base + path)};
        r.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply* reply = net.sendCustomRequest(r, method, body);
        [[maybe_unused]] const bool done =
            QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000);
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return o;
    };
    const QString id =
        call("POST", QStringLiteral("/api/sandboxes"), R"({"chatId":"bench","threadId":"sse"})")
            .value(QStringLiteral("id"))
            .toString();
    if (id.isEmpty()) {
        std::fprintf(stderr, "could not create a sandbox\n");
        return 1;
    }

    const qint64 rssBefore = rssKiB(daemon.processId());
    std::vector<Client> pool(static_cast<size_t>(clients));
    std::vector<qint64> delays;
    delays.reserve(size_t(clients) * size_t(transitions) * 2);
    const QByteArray request = "GET /api/events HTTP/1.1\r\nHost: " + host.toLatin1() +
                               "\r\nAuthorization: Bearer " + token +
                               "\r\nAccept: text/event-stream\r\n\r\n";
    int connected = 0;
    for (Client& c : pool) {
        c.socket = std::make_unique<QTcpSocket>();
        QTcpSocket* s = c.socket.get();
        Client* client = &c;
        QObject::connect(s, &QTcpSocket::connected, s, [s, &request, &connected] {
            s->write(request);
            ++connected;
        });
        QObject::connect(s, &QTcpSocket::readyRead, s, [s, client, &delays] {
            client->buffer += s->readAll();
            qsizetype end;
            while ((end = client->buffer.indexOf("\n\n")) >= 0) {
                const QByteArray block = client->buffer.left(end);
                client->buffer.remove(0, end + 2);
                const qsizetype data = block.indexOf("data: ");
                if (data < 0 || !block.contains("event: state"))
                    continue;
                const QJsonObject e = QJsonDocument::fromJson(block.mid(data + 6)).object();
                const QDateTime at = QDateTime::fromString(e.value(QStringLiteral("at")).toString(),
                                                           Qt::ISODateWithMs);
                ++client->events;
                if (client->events > 1) // the first is the snapshot, not a live transition
                    delays.push_back(QDateTime::currentMSecsSinceEpoch() - at.toMSecsSinceEpoch());
            }
        });
        s->connectToHost(host, port);
    }
    if (!QTest::qWaitFor(
            [&] {
                return std::all_of(pool.begin(), pool.end(),
                                   [](const Client& c) { return c.events >= 1; });
            },
            120'000)) {
        std::fprintf(stderr, "only %d clients connected\n", connected);
        return 1;
    }
    QTest::qWait(500);
    const qint64 rssAfter = rssKiB(daemon.processId());

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < transitions / 4; ++i) {
        call("POST", QStringLiteral("/api/sandboxes/%1/hibernate").arg(id));
        call("POST", QStringLiteral("/api/sandboxes/%1/resume").arg(id));
    }
    const int expected = 1 + (transitions / 4) * 4;
    const bool all = QTest::qWaitFor(
        [&] {
            return std::all_of(pool.begin(), pool.end(),
                               [&](const Client& c) { return c.events >= expected; });
        },
        120'000);
    const int complete = int(std::count_if(pool.begin(), pool.end(),
                                           [&](const Client& c) { return c.events >= expected; }));

    std::printf("SSE fan-out: %d clients, %d transitions each\n", clients, expected - 1);
    std::printf("  every client got every transition: %s (%d of %d complete)\n", all ? "yes" : "NO",
                complete, clients);
    std::printf(
        "  commit -> delivery delay: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%zu deliveries)\n",
        percentile(delays, 0.50), percentile(delays, 0.99), percentile(delays, 1.0), delays.size());
    std::printf("  hangard RSS: %lld KiB before, %lld KiB with the clients: %.1f KiB per client\n",
                rssBefore, rssAfter, double(rssAfter - rssBefore) / clients);
    daemon.terminate();
    daemon.waitForFinished(10'000);
    return all ? 0 : 1;
}
