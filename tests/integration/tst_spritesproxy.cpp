// SpritesClient against the Sprites emulator: a local port forwarded to an HTTP server running
// inside a sprite, the ports watch that sees that server start listening, the filesystem watch
// and the sprite watch.
#include "SpritesRig.h"

#include <QDir>
#include <QStandardPaths>

using hangar::sprites::FsWatchEvent;
using hangar::sprites::PortEvent;
using hangar::sprites::SpriteWatchEvent;

namespace {

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class SpritesProxyTest : public QObject, protected SpritesRig {
    Q_OBJECT

private slots:
    void initTestCase() {
        qRegisterMetaType<PortEvent>();
        qRegisterMetaType<QList<PortEvent>>();
        qRegisterMetaType<FsWatchEvent>();
        qRegisterMetaType<SpriteWatchEvent>();
        qRegisterMetaType<Error>();
        startEmulator();
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 is needed inside the sprite (the sandbox binds the host's /usr)");
    }
    void init() { m_api->faults().clear(); }

    void httpThroughAForwardedPort() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("site/hello.txt"),
                                                   "hello through the tunnel\n")));
        auto* ports = m_client->watchPorts(box);
        QSignalSpy listed(ports, &sprites::PortWatch::portList);
        QSignalSpy changed(ports, &sprites::PortWatch::portChanged);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 10'000);

        const quint16 port = freePort();
        auto* server = m_client->exec(
            box,
            command({QStringLiteral("python3"), QStringLiteral("-m"), QStringLiteral("http.server"),
                     QString::number(port), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--directory"), QStringLiteral("/home/sprite/site")}));
        auto serverRun = watch(server);
        // The ports watch reports the listener once python has bound it.
        auto opened = [&changed, port] {
            for (const auto& args : changed) {
                const auto e = args.first().value<PortEvent>();
                if (e.type == QLatin1String("port_opened") && e.port == port)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(opened() || serverRun->done(), 15'000);
        QVERIFY2(!serverRun->done(), serverRun->err.constData());
        const auto event = [&] {
            for (const auto& args : changed) {
                const auto e = args.first().value<PortEvent>();
                if (e.port == port)
                    return e;
            }
            return PortEvent{};
        }();
        QCOMPARE(event.address, QStringLiteral("127.0.0.1"));
        QVERIFY(event.pid > 0);

        auto forward = m_client->forwardPort(box, port);
        HANGAR_VERIFY_OK(forward);
        QSignalSpy tunnels(forward.value(), &sprites::PortForward::tunnelOpened);
        QSignalSpy tunnelErrors(forward.value(), &sprites::PortForward::tunnelFailed);
        QNetworkRequest request(QUrl(
            QStringLiteral("http://127.0.0.1:%1/hello.txt").arg(forward.value()->localPort())));
        QNetworkReply* reply = m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QVERIFY2(tunnelErrors.isEmpty(),
                 tunnelErrors.isEmpty()
                     ? ""
                     : qPrintable(tunnelErrors.first().first().value<Error>().describe()));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("hello through the tunnel\n"));
        QCOMPARE(tunnels.size(), 1);
        reply->deleteLater();

        // A second connection gets a tunnel of its own.
        QNetworkRequest missing(
            QUrl(QStringLiteral("http://127.0.0.1:%1/absent").arg(forward.value()->localPort())));
        missing.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply* notFound = m_network.get(missing);
        QSignalSpy finished404(notFound, &QNetworkReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished404.size(), 1, 15'000);
        QVERIFY2(tunnelErrors.isEmpty(),
                 tunnelErrors.isEmpty()
                     ? ""
                     : qPrintable(tunnelErrors.first().first().value<Error>().describe()));
        QVERIFY2(notFound->error() == QNetworkReply::ContentNotFoundError,
                 qPrintable(notFound->errorString()));
        QCOMPARE(notFound->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        notFound->deleteLater();

        server->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(serverRun->done(), 10'000);
        auto closed = [&changed, port] {
            for (const auto& args : changed) {
                const auto e = args.first().value<PortEvent>();
                if (e.type == QLatin1String("port_closed") && e.port == port)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(closed(), 10'000);
        forward.value()->deleteLater();
        ports->close();
    }

    void unreachableTargetFailsTheTunnel() {
        auto forward = m_client->forwardPort(QStringLiteral("box"), freePort());
        HANGAR_VERIFY_OK(forward);
        QSignalSpy failed(forward.value(), &sprites::PortForward::tunnelFailed);
        QTcpSocket local;
        QSignalSpy disconnected(&local, &QTcpSocket::disconnected);
        local.connectToHost(QHostAddress::LocalHost, forward.value()->localPort());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10'000);
        QVERIFY2(failed.first().first().value<Error>().message.contains(QLatin1String("refused")),
                 qPrintable(failed.first().first().value<Error>().message));
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5'000);
        delete forward.value();
    }

    // §3.5: the exec socket of a command that starts listening says so (port_opened), and again
    // when it stops (port_closed) while the command still runs.
    void execSocketReportsItsPorts() {
        const quint16 port = freePort();
        const QString script = QStringLiteral("import socket, sys\n"
                                              "s = socket.socket()\n"
                                              "s.bind(('127.0.0.1', %1))\n"
                                              "s.listen()\n"
                                              "print('listening', flush=True)\n"
                                              "sys.stdin.readline()\n"
                                              "s.close()\n"
                                              "print('closed', flush=True)\n"
                                              "sys.stdin.readline()\n")
                                   .arg(port);
        auto* session =
            m_client->exec(QStringLiteral("box"),
                           command({QStringLiteral("python3"), QStringLiteral("-c"), script}));
        QSignalSpy changed(session, &SpritesExecSession::portChanged);
        auto run = watch(session);
        auto seen = [&changed, port](const char* type) {
            for (const auto& args : changed) {
                const auto e = args.first().value<PortEvent>();
                if (e.type == QLatin1String(type) && e.port == port)
                    return e;
            }
            return PortEvent{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen("port_opened").port == port || run->done(), 15'000);
        QVERIFY2(!run->done(), run->err.constData());
        const PortEvent opened = seen("port_opened");
        QCOMPARE(opened.address, QStringLiteral("127.0.0.1"));
        QVERIFY(opened.pid > 0);
        QVERIFY(run->out.contains("listening"));
        session->write("\n");
        QTRY_VERIFY_WITH_TIMEOUT(seen("port_closed").port == port || run->done(), 15'000);
        QVERIFY2(!run->done(), run->err.constData());
        session->write("\n");
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 15'000);
        QCOMPARE(run->exitCode.value_or(-1), 0);
        // Nothing but the two notices.
        QCOMPARE(changed.size(), 2);
    }

    void fileWatchReportsChanges() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("watched/old.txt"), "x")));
        auto* files = m_client->watchFiles(box, {QStringLiteral("watched")}, true);
        QSignalSpy subscribed(files, &sprites::FileWatch::subscribed);
        QSignalSpy changed(files, &sprites::FileWatch::changed);
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 1, 10'000);
        QCOMPARE(subscribed.first().first().toStringList(),
                 QStringList{QStringLiteral("/home/sprite/watched")});

        HANGAR_VERIFY_OK(
            await(m_client->writeFile(box, QStringLiteral("watched/sub/new.txt"), "12345")));
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("watched/old.txt"))));
        auto seen = [&changed](const QString& path, const QString& what) {
            for (const auto& args : changed) {
                const auto e = args.first().value<FsWatchEvent>();
                if (e.path == path && e.event == what)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            seen(QStringLiteral("/home/sprite/watched/sub/new.txt"), QStringLiteral("create")),
            10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            seen(QStringLiteral("/home/sprite/watched/old.txt"), QStringLiteral("remove")), 10'000);
        // A rename: `rename` at the old path, `create` at the new one, no `remove`.
        HANGAR_VERIFY_OK(await(m_client->rename(box, QStringLiteral("watched/sub/new.txt"),
                                                QStringLiteral("watched/moved.txt"))));
        QTRY_VERIFY_WITH_TIMEOUT(
            seen(QStringLiteral("/home/sprite/watched/moved.txt"), QStringLiteral("create")),
            10'000);
        QVERIFY(seen(QStringLiteral("/home/sprite/watched/sub/new.txt"), QStringLiteral("rename")));
        QVERIFY(
            !seen(QStringLiteral("/home/sprite/watched/sub/new.txt"), QStringLiteral("remove")));
        for (const auto& args : changed) {
            const auto e = args.first().value<FsWatchEvent>();
            if (e.path.endsWith(QLatin1String("new.txt")) && e.event == QLatin1String("create")) {
                QVERIFY(!e.isDir);
                QVERIFY(e.timestamp.isValid());
            }
        }
        files->close();

        // A path that does not exist: an error message, and the socket stays usable.
        auto* missing = m_client->watchFiles(box, {QStringLiteral("no/such/dir")}, false);
        QSignalSpy errors(missing, &sprites::FileWatch::watchError);
        QSignalSpy closedSpy(missing, &sprites::SocketWatch::closed);
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 10'000);
        QVERIFY(missing->isOpen());
        QCOMPARE(closedSpy.size(), 0);
        missing->close();
    }

    void spriteWatchSeesStatusChanges() {
        auto* stream = m_client->watchSprites(QStringLiteral("watched-"));
        QSignalSpy events(stream, &sprites::SpriteWatch::event);
        createSprite(QStringLiteral("watched-one"));
        auto statusSeen = [&events](const QString& status) {
            for (const auto& args : events) {
                const auto e = args.first().value<SpriteWatchEvent>();
                if (e.name == QLatin1String("watched-one") && e.status == status)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(statusSeen(QStringLiteral("cold")), 10'000);
        const auto first = events.first().first().value<SpriteWatchEvent>();
        QCOMPARE(first.org.runningLimit > 0, true);
        auto* exec = m_client->exec(QStringLiteral("watched-one"),
                                    command({QStringLiteral("sleep"), QStringLiteral("3")}));
        auto run = watch(exec);
        QTRY_VERIFY_WITH_TIMEOUT(statusSeen(QStringLiteral("running")), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 10'000);
        stream->close();
        HANGAR_VERIFY_OK(await(m_client->deleteSprite(QStringLiteral("watched-one"))));
    }

    void watchOfAnUnknownSpriteFails() {
        auto* ports = m_client->watchPorts(QStringLiteral("nobody"));
        QSignalSpy failed(ports, &sprites::SocketWatch::failed);
        QSignalSpy opened(ports, &sprites::SocketWatch::opened);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10'000);
        QCOMPARE(opened.size(), 0);
    }
};

QTEST_GUILESS_MAIN(SpritesProxyTest)
#include "tst_spritesproxy.moc"
