// Port forwarding and open-port notices through the Backend interface, on both backends: the
// local one (a direct relay; bubblewrap) and Sprites through the Sprites-compatible emulator
// (the TCP proxy and ports/watch over real WebSockets). An HTTP server started inside the
// sandbox is noticed when it listens, a forwarded port carries a request to it, the counters
// grow, stop closes the local port, and the server's end is noticed. Bad ports are refused,
// a taken local port and a port nobody listens on are reported, a deny-all local sandbox
// refuses forwarding, and the URL settings are read and changed where there are some.
#include "TestSupport.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesBackend.h"
#include "spritesapi/SpritesApi.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWait = 20'000;
const QString kToken = QStringLiteral("ports-test-token");

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One HTTP/1.0 GET over a plain socket: the whole reply, once the server closed.
QByteArray httpGet(quint16 port, const QByteArray& path) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kWait))
        return "(no connection: " + socket.errorString().toUtf8() + ")";
    socket.write("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n");
    QByteArray reply;
    QDeadlineTimer deadline(kWait);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        socket.waitForReadyRead(50);
        reply += socket.readAll();
    }
    return reply + socket.readAll();
}

bool hasPort(const QSignalSpy& spy, quint16 port) {
    for (const auto& args : spy) {
        if (args.last().value<OpenPort>().port == port)
            return true;
    }
    return false;
}

} // namespace

class TstPortForward : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalBackend> m_local;
    std::unique_ptr<spritesapi::SpritesApi> m_emulator;
    std::unique_ptr<sprites::SpritesBackend> m_sprites;
    QString m_kind;
    const QString m_name = QStringLiteral("ports");

    Backend& backend() const {
        return m_sprites ? static_cast<Backend&>(*m_sprites) : static_cast<Backend&>(*m_local);
    }
    QString workingDir() const {
        return m_sprites ? sprites::SpritesClient::DefaultWorkingDir : QStringLiteral("/workspace");
    }

    bool open(const QString& kind) {
        m_kind = kind;
        LocalBackend::Options options;
        options.dataDir = m_dir.filePath(kind);
        options.workingDir = kind == QLatin1String("sprites")
                                 ? sprites::SpritesClient::DefaultWorkingDir
                                 : QStringLiteral("/workspace");
        options.killGraceMs = 1000;
        m_local = std::make_unique<LocalBackend>(options);
        if (kind == QLatin1String("sprites")) {
            spritesapi::SpritesApi::Options apiOptions;
            apiOptions.token = kToken;
            m_emulator = std::make_unique<spritesapi::SpritesApi>(*m_local, apiOptions);
            const auto bound = m_emulator->listen(QStringLiteral("127.0.0.1:0"));
            if (!bound)
                return false;
            sprites::SpritesBackend::Options spritesOptions;
            spritesOptions.client.baseUrl = QUrl(QStringLiteral("http://") + bound.value());
            spritesOptions.client.token = kToken;
            spritesOptions.client.requestTimeoutMs = 15'000;
            m_sprites = std::make_unique<sprites::SpritesBackend>(spritesOptions);
        }
        return await(backend().create(m_name), 60'000).ok();
    }

    void close() {
        m_sprites.reset();
        m_emulator.reset();
        m_local.reset();
    }

    // Starts python's HTTP server on `port` inside the sandbox, serving <workingDir>/site.
    ExecSession* startServer(quint16 port) {
        ExecRequest request;
        request.argv = {QStringLiteral("python3"),     QStringLiteral("-m"),
                        QStringLiteral("http.server"), QString::number(port),
                        QStringLiteral("--bind"),      QStringLiteral("127.0.0.1"),
                        QStringLiteral("--directory"), workingDir() + QStringLiteral("/site")};
        request.cwd = workingDir();
        return backend().startExec(m_name, request);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("qt.httpserver.warning=false"));
        qRegisterMetaType<OpenPort>();
        qRegisterMetaType<QList<OpenPort>>();
        qRegisterMetaType<Error>();
        if (QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")})
                .isEmpty())
            QSKIP("python3 in /usr/bin is needed inside the sandbox (it binds the host's /usr)");
    }

    void cleanup() { close(); }

    void portInput() {
        // What a person types, checked before anything is started.
        QCOMPARE(parsePort(QStringLiteral("8080")).value(), quint16(8080));
        QCOMPARE(parsePort(QStringLiteral(" 65535 ")).value(), quint16(65535));
        QCOMPARE(parsePort(QStringLiteral("0"), true).value(), quint16(0));
        for (const char* bad :
             {"0", "70000", "65536", "abc", "80a", "-1", "", "8.0", "99999999999999999999"}) {
            const auto parsed = parsePort(QString::fromUtf8(bad));
            QVERIFY2(!parsed, bad);
            QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
            QVERIFY(!parsed.error().message.isEmpty());
        }
        QVERIFY(!parsePort(QStringLiteral("70000"), true));
        QVERIFY(validateUrlAuth(QStringLiteral("public")));
        QVERIFY(validateUrlAuth(QStringLiteral("sprite")));
        QCOMPARE(validateUrlAuth(QStringLiteral("everyone")).error().code,
                 ErrorCode::InvalidArgument);
    }

    void forwardCarriesHttp_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("local") << QStringLiteral("local");
        QTest::newRow("sprites") << QStringLiteral("sprites");
    }
    void forwardCarriesHttp() {
        QFETCH(QString, kind);
        QVERIFY(open(kind));
        HANGAR_VERIFY_OK(await(
            backend().writeFile(m_name, workingDir() + QStringLiteral("/site/hello.txt"),
                                "hello through the forward\n", WriteOptions{true, std::nullopt})));

        std::unique_ptr<OpenPortWatch> watch(backend().watchPorts(m_name));
        QSignalSpy ready(watch.get(), &OpenPortWatch::ready);
        QSignalSpy opened(watch.get(), &OpenPortWatch::portOpened);
        QSignalSpy closed(watch.get(), &OpenPortWatch::portClosed);
        QSignalSpy watchFailed(watch.get(), &OpenPortWatch::failed);
        QTRY_VERIFY_WITH_TIMEOUT(watch->isReady() || watch->isFailed(), kWait);
        QVERIFY2(!watch->isFailed(), qPrintable(watch->error().message));
        QCOMPARE(ready.size(), 1);

        const quint16 port = freePort();
        QPointer<ExecSession> server = startServer(port);
        QVERIFY(server);
        QSignalSpy serverFailed(server.data(), &ExecSession::failed);
        // Noticed once python has bound it.
        QTRY_VERIFY_WITH_TIMEOUT(hasPort(opened, port) || !serverFailed.isEmpty(), kWait);
        QVERIFY(serverFailed.isEmpty());
        const OpenPort noticed = [&] {
            for (const auto& args : opened) {
                if (args.first().value<OpenPort>().port == port)
                    return args.first().value<OpenPort>();
            }
            return OpenPort{};
        }();
        QCOMPARE(noticed.address, QStringLiteral("127.0.0.1"));
        QVERIFY(noticed.pid > 0);
        const QList<OpenPort> listed = watch->ports();
        QVERIFY(std::any_of(listed.cbegin(), listed.cend(),
                            [port](const OpenPort& p) { return p.port == port; }));

        std::unique_ptr<PortForward> forward(backend().forwardPort(m_name, port));
        QSignalSpy listening(forward.get(), &PortForward::listening);
        QSignalSpy failed(forward.get(), &PortForward::failed);
        QSignalSpy stopped(forward.get(), &PortForward::stopped);
        QCOMPARE(forward->state(), PortForward::State::Starting);
        QTRY_VERIFY_WITH_TIMEOUT(!listening.isEmpty() || !failed.isEmpty(), kWait);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Error>().message));
        QCOMPARE(forward->state(), PortForward::State::Listening);
        QVERIFY(forward->localPort() != 0);
        QCOMPARE(listening.first().first().value<quint16>(), forward->localPort());
        QCOMPARE(forward->remotePort(), port);
        QCOMPARE(forward->bytesToSandbox(), 0);

        const QByteArray reply = httpGet(forward->localPort(), "/hello.txt");
        QVERIFY2(reply.startsWith("HTTP/1.0 200"), reply.constData());
        QVERIFY2(reply.endsWith("hello through the forward\n"), reply.constData());
        QTRY_COMPARE_WITH_TIMEOUT(forward->openConnections(), 0, kWait);
        QCOMPARE(forward->totalConnections(), 1);
        QVERIFY(forward->bytesToSandbox() >= qint64(sizeof("GET /hello.txt HTTP/1.0\r\n")));
        QCOMPARE(forward->bytesFromSandbox(), reply.size());

        // A second request: the counters keep growing.
        const qint64 before = forward->bytesFromSandbox();
        QVERIFY(httpGet(forward->localPort(), "/hello.txt").endsWith("forward\n"));
        QTRY_COMPARE_WITH_TIMEOUT(forward->totalConnections(), 2, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(forward->bytesFromSandbox(), 2 * before, kWait);

        // Stop closes the local port.
        const quint16 local = forward->localPort();
        forward->stop();
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(forward->state(), PortForward::State::Stopped);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, local);
        QVERIFY(!probe.waitForConnected(2000));
        QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);

        // The server's end is noticed.
        server->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(hasPort(closed, port), kWait);
        QVERIFY(watchFailed.isEmpty());
    }

    void refusedForwards_data() { forwardCarriesHttp_data(); }
    void refusedForwards() {
        QFETCH(QString, kind);
        QVERIFY(open(kind));
        for (const auto& [remote, local] : {std::pair{0, 0}, {70000, 0}, {-1, 0}, {80, 70000}}) {
            std::unique_ptr<PortForward> forward(backend().forwardPort(m_name, remote, local));
            QSignalSpy failed(forward.get(), &PortForward::failed);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
            const Error error = failed.first().first().value<Error>();
            QCOMPARE(error.code, ErrorCode::InvalidArgument);
            QVERIFY2(error.message.contains(QStringLiteral("not a port")),
                     qPrintable(error.message));
            QCOMPARE(forward->state(), PortForward::State::Failed);
        }

        // A local port that is taken.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        std::unique_ptr<PortForward> busy(backend().forwardPort(m_name, 8000, taken.serverPort()));
        QSignalSpy busyFailed(busy.get(), &PortForward::failed);
        QTRY_COMPARE_WITH_TIMEOUT(busyFailed.size(), 1, kWait);
        QVERIFY2(busyFailed.first().first().value<Error>().message.contains(
                     QString::number(taken.serverPort())),
                 qPrintable(busyFailed.first().first().value<Error>().message));

        // Nothing listens on the sandbox's port: the connection fails, the forward goes on.
        std::unique_ptr<PortForward> idle(backend().forwardPort(m_name, freePort()));
        QSignalSpy connectionFailed(idle.get(), &PortForward::connectionFailed);
        QTRY_COMPARE_WITH_TIMEOUT(idle->state(), PortForward::State::Listening, kWait);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, idle->localPort());
        QVERIFY(socket.waitForConnected(kWait));
        QTRY_COMPARE_WITH_TIMEOUT(connectionFailed.size(), 1, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, kWait);
        QVERIFY(!connectionFailed.first().first().value<Error>().message.isEmpty());
        QCOMPARE(idle->state(), PortForward::State::Listening);
        QTRY_COMPARE_WITH_TIMEOUT(idle->openConnections(), 0, kWait);
    }

    void denyAllLocalSandbox() {
        QVERIFY(open(QStringLiteral("local")));
        if (!m_local->isIsolated(m_name))
            QSKIP("without bubblewrap a deny-all policy is not enforced, so forwarding works");
        HANGAR_VERIFY_OK(await(m_local->setNetworkPolicy(m_name, NetworkPolicy::denyAll())));
        std::unique_ptr<PortForward> forward(m_local->forwardPort(m_name, 8000));
        QSignalSpy failed(forward.get(), &PortForward::failed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
        const Error error = failed.first().first().value<Error>();
        QCOMPARE(error.code, ErrorCode::Unavailable);
        QVERIFY2(error.message.contains(QStringLiteral("not available for this sandbox under its "
                                                       "current network policy")),
                 qPrintable(error.message));
        std::unique_ptr<OpenPortWatch> watch(m_local->watchPorts(m_name));
        QSignalSpy watchFailed(watch.get(), &OpenPortWatch::failed);
        QTRY_COMPARE_WITH_TIMEOUT(watchFailed.size(), 1, kWait);
        QCOMPARE(watch->error().code, ErrorCode::Unavailable);

        // Allowed again: forwarding works.
        HANGAR_VERIFY_OK(await(m_local->setNetworkPolicy(m_name, NetworkPolicy::allowAll())));
        std::unique_ptr<PortForward> again(m_local->forwardPort(m_name, 8000));
        QTRY_COMPARE_WITH_TIMEOUT(again->state(), PortForward::State::Listening, kWait);
    }

    void urlSettings() {
        QVERIFY(open(QStringLiteral("local")));
        auto none = await(m_local->urlSettings(m_name));
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::Unavailable);
        QVERIFY2(none.error().message.contains(QStringLiteral("no public URL")),
                 qPrintable(none.error().message));
        QCOMPARE(await(m_local->setUrlAuth(m_name, url_auth::Public)).error().code,
                 ErrorCode::Unavailable);
        close();

        QVERIFY(open(QStringLiteral("sprites")));
        auto read = await(m_sprites->urlSettings(m_name));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value().auth, url_auth::Sprite);
        QVERIFY(read.value().url.contains(m_name));
        auto changed = await(m_sprites->setUrlAuth(m_name, url_auth::Public));
        HANGAR_VERIFY_OK(changed);
        QCOMPARE(changed.value().auth, url_auth::Public);
        QCOMPARE(await(m_sprites->urlSettings(m_name)).value().auth, url_auth::Public);
        auto bad = await(m_sprites->setUrlAuth(m_name, QStringLiteral("everyone")));
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(await(m_sprites->urlSettings(m_name)).value().auth, url_auth::Public);
        HANGAR_VERIFY_OK(await(m_sprites->setUrlAuth(m_name, url_auth::Sprite)));
        QCOMPARE(await(m_sprites->urlSettings(m_name)).value().auth, url_auth::Sprite);
    }
};

QTEST_GUILESS_MAIN(TstPortForward)
#include "tst_portforward.moc"
