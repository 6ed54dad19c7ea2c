// SpritesClient exec against the Sprites emulator: non-TTY and TTY sessions, attach,
// dropped and misbehaving servers, session list and kill.
#include "ProcessProbe.h"
#include "SpritesRig.h"

#include <QElapsedTimer>
#include <QTcpSocket>

class SpritesExecTest : public QObject, protected SpritesRig {
    Q_OBJECT

    // The complete binary messages at the front of `buffer` (server frames: unmasked, maybe
    // fragmented; `partial` carries a message across calls). Control frames are skipped.
    static QList<QByteArray> takeBinaryMessages(QByteArray& buffer, QByteArray& partial) {
        QList<QByteArray> messages;
        const auto byte = [&buffer](qsizetype i) { return quint8(buffer.at(i)); };
        while (buffer.size() >= 2) {
            qsizetype offset = 2;
            quint64 length = byte(1) & 0x7f;
            const int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (buffer.size() < offset + extra)
                break;
            if (extra > 0) {
                length = 0;
                for (int i = 0; i < extra; ++i)
                    length = (length << 8) | byte(offset + i);
                offset += extra;
            }
            if (quint64(buffer.size() - offset) < length)
                break;
            const bool fin = byte(0) & 0x80;
            const int opcode = byte(0) & 0x0f;
            const bool data = opcode == 0x0 || opcode == 0x2;
            if (data)
                partial += buffer.mid(offset, qsizetype(length));
            buffer.remove(0, offset + qsizetype(length));
            if (data && fin)
                messages.append(std::exchange(partial, {}));
        }
        return messages;
    }

private slots:
    void initTestCase() { startEmulator(); }
    void init() { m_api->faults().clear(); }

    // --- exec -----------------------------------------------------------------------------

    void execNonTty() {
        auto run = runToEnd(m_client->exec(
            QStringLiteral("box"), command({QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("echo out; echo err >&2; exit 3")})));
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY(run->started);
        QCOMPARE(run->out, QByteArray("out\n"));
        QCOMPARE(run->err, QByteArray("err\n"));
        QCOMPARE(run->exitCode, std::optional<int>(3));
    }

    void execStdinAndEof() {
        SpritesExecSession* session =
            m_client->exec(QStringLiteral("box"), command({QStringLiteral("cat")}));
        session->write("hello ");
        session->write(QByteArray("stdin"));
        session->closeStdin();
        auto run = runToEnd(session);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out, QByteArray("hello stdin"));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    void execEnvAndDir() {
        HANGAR_VERIFY_OK(await(m_client->writeFile(QStringLiteral("box"),
                                                   QStringLiteral("/home/sprite/sub dir/f"), "x")));
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("printf '%s|' \"$GREETING\"; pwd")});
        options.env.insert(QStringLiteral("GREETING"), QStringLiteral("a b&c=d+e"));
        options.dir = QStringLiteral("/home/sprite/sub dir");
        auto run = runToEnd(m_client->exec(QStringLiteral("box"), options));
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out, QByteArray("a b&c=d+e|/home/sprite/sub dir\n"));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    void execStreamsLargeOutput() {
        const qint64 size = 8 * 1024 * 1024;
        auto run =
            runToEnd(m_client->exec(QStringLiteral("box"),
                                    command({QStringLiteral("head"), QStringLiteral("-c"),
                                             QString::number(size), QStringLiteral("/dev/zero")})),
                     60'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QCOMPARE(run->out.size(), size);
        QVERIFY2(run->chunks > 10, qPrintable(QString::number(run->chunks)));
        QCOMPARE(run->exitCode, std::optional<int>(0));
    }

    // A client that stops reading: the command waits in its pipe write instead of the server
    // queueing its output in memory; once the client reads again every byte and the exit
    // arrive. (A raw socket, because our own client always reads.)
    void slowReaderHoldsTheCommand() {
        const qint64 size = 64 * 1024 * 1024 + 11; // also tells the process apart
        const QUrl base(m_base);
        QTcpSocket socket;
        socket.setReadBufferSize(64 * 1024); // stop reading when full: TCP pushes back
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForConnected(10'000));
        socket.write("GET /v1/sprites/box/exec?cmd=head&cmd=-c&cmd=" + QByteArray::number(size) +
                     "&cmd=/dev/zero HTTP/1.1\r\nHost: " + base.authority().toUtf8() +
                     "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
                     Token.toUtf8() + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(hangar::test::headBlockedOnPipe(size), 20'000);
        // Given time to run on, it stays held: what it wrote is a few MiB queued for the
        // client, not the whole output in the server's memory.
        QTest::qWait(2000);
        const std::optional<qint64> written = hangar::test::headBytesWritten(size);
        QVERIFY2(written && *written < 32 * 1024 * 1024,
                 written ? qPrintable(QString::number(*written)) : "head is gone");
        QVERIFY(hangar::test::headBlockedOnPipe(size));

        // Read again: every byte and the exit arrive.
        socket.setReadBufferSize(0);
        QByteArray buffer;
        QByteArray partial;
        qint64 stdoutBytes = 0;
        std::optional<int> exitCode;
        bool upgraded = false;
        QDeadlineTimer deadline(60'000);
        while (!exitCode && !deadline.hasExpired()) {
            // The server runs in this thread: wait in the event loop, not in the socket.
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                            20);
            buffer += socket.readAll();
            if (!upgraded) {
                const qsizetype end = buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                QVERIFY2(buffer.startsWith("HTTP/1.1 101"), buffer.left(200).constData());
                buffer.remove(0, end + 4);
                upgraded = true;
            }
            for (const QByteArray& message : takeBinaryMessages(buffer, partial)) {
                if (message.startsWith('\x01'))
                    stdoutBytes += message.size() - 1;
                else if (message.startsWith('\x03') && message.size() >= 2)
                    exitCode = quint8(message.at(1));
            }
        }
        QCOMPARE(stdoutBytes, size);
        QCOMPARE(exitCode, std::optional<int>(0));
    }

    void execTtyResize() {
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("stty size; read x; stty size; exit 4")});
        options.tty = true;
        options.cols = 80;
        options.rows = 24;
        SpritesExecSession* session = m_client->exec(QStringLiteral("box"), options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("24 80"), 20'000);
        QVERIFY(run->err.isEmpty()); // a pty merges the streams
        session->resize(100, 40);
        session->write("\r");
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY2(run->out.contains("40 100"), run->out.constData());
        QCOMPARE(run->exitCode, std::optional<int>(4)); // from {"type":"exit"}
        QVERIFY(session->info().tty);
    }

    // A signal over the socket reaches the command as asked: USR1 is trapped and the command
    // goes on; TERM ends it.
    void signalOverTheSocket() {
        SpritesExecSession* session = m_client->exec(
            QStringLiteral("box"), command({QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("trap 'echo got-usr1' USR1; echo ready; "
                                                           "while :; do sleep 0.05; done")}));
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("ready"), 20'000);
        session->sendSignal(QStringLiteral("SIGUSR1"));
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("got-usr1"), 20'000);
        QVERIFY(!run->done());
        session->sendSignal(QStringLiteral("TERM"));
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY(run->exitCode && *run->exitCode != 0);
    }

    void terminateEndsWhatIgnoresTerm() {
        // An interactive shell ignores TERM; terminate() still ends it (KILL after the grace).
        SpritesExecSession* session = m_client->exec(
            QStringLiteral("box"),
            command({QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("trap '' TERM; echo ready; while :; do sleep 0.05; done")}));
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("ready"), 20'000);
        session->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QVERIFY2(!run->error, run->error ? qPrintable(run->error->describe()) : "");
        QVERIFY(run->exitCode && *run->exitCode != 0);
    }

    void attachWithScrollback() {
        ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("echo ready; read x; echo got-$x")});
        options.tty = true;
        SpritesExecSession* owner = m_client->exec(QStringLiteral("box"), options);
        auto ownerRun = watch(owner);
        QTRY_VERIFY_WITH_TIMEOUT(ownerRun->out.contains("ready"), 20'000);
        const QString id = owner->info().id;
        QVERIFY(!id.isEmpty()); // from session_info

        SpritesExecSession* attached = m_client->attach(QStringLiteral("box"), id);
        auto attachedRun = watch(attached);
        QTRY_VERIFY_WITH_TIMEOUT(attachedRun->started, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(attachedRun->out.contains("ready"), 10'000); // the scrollback
        QVERIFY(attached->info().tty);
        QCOMPARE(attached->info().id, id);
        attached->write("hi\r");
        QTRY_VERIFY_WITH_TIMEOUT(ownerRun->done() && attachedRun->done(), 20'000);
        QVERIFY(ownerRun->out.contains("got-hi"));
        QVERIFY(attachedRun->out.contains("got-hi"));
        QCOMPARE(attachedRun->exitCode, std::optional<int>(0));

        auto unknown = runToEnd(m_client->attach(QStringLiteral("box"), QStringLiteral("nope")));
        QVERIFY(unknown->error.has_value());
        QVERIFY(!unknown->exitCode.has_value());
    }

    void droppedSocketFails() {
        m_api->faults().drop(QStringLiteral("WS"), QStringLiteral("/v1/sprites/box/exec"),
                             64 * 1024);
        auto run = runToEnd(
            m_client->exec(QStringLiteral("box"),
                           command({QStringLiteral("head"), QStringLiteral("-c"),
                                    QStringLiteral("10000000"), QStringLiteral("/dev/zero")})));
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
        QCOMPARE(run->error->code, ErrorCode::Unavailable);
        QVERIFY2(run->error->message.contains(QStringLiteral("closed before")),
                 qPrintable(run->error->message));
    }

    void execBadRequests() {
        auto noSprite = runToEnd(
            m_client->exec(QStringLiteral("no-such-sprite"), command({QStringLiteral("true")})));
        QVERIFY(noSprite->error.has_value());
        auto badName =
            runToEnd(m_client->exec(QStringLiteral("a;b"), command({QStringLiteral("true")})));
        QVERIFY(badName->error.has_value());
        QCOMPARE(badName->error->code, ErrorCode::InvalidArgument);
        auto badDir = runToEnd(m_client->exec(QStringLiteral("box"), [this] {
            ExecOptions o = command({QStringLiteral("true")});
            o.dir = QStringLiteral("/home/sprite/missing");
            return o;
        }()));
        QVERIFY(badDir->error.has_value());
        QVERIFY(!badDir->exitCode.has_value());
    }

    // A misbehaving server (a bare QWebSocketServer): bad frames end the session with a clear
    // error, never a crash, a hang or an exit code.
    void malformedFramesFail_data() {
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown stream id")
            << true << QByteArray("\x09zz") << QStringLiteral("unknown stream id 0x09");
        QTest::newRow("empty frame") << true << QByteArray() << QStringLiteral("empty exec frame");
        QTest::newRow("malformed json")
            << false << QByteArray("{\"type\": ") << QStringLiteral("malformed JSON");
        QTest::newRow("exit without code")
            << false << QByteArray(R"({"type":"exit"})") << QStringLiteral("without an exit_code");
    }

    void malformedFramesFail() {
        QFETCH(bool, binary);
        QFETCH(QByteArray, message);
        QFETCH(QString, expected);
        QWebSocketServer server(QStringLiteral("bad"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QWebSocketServer::newConnection, &server, [&server, binary, message] {
            QWebSocket* socket = server.nextPendingConnection();
            socket->setParent(&server); // the caller owns it: go with the server
            if (binary)
                socket->sendBinaryMessage(message);
            else
                socket->sendTextMessage(QString::fromUtf8(message));
        });
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        options.token = Token;
        SpritesClient client(options);
        auto run = runToEnd(client.exec(QStringLiteral("box"), command({QStringLiteral("true")})));
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
        QVERIFY2(run->error->message.contains(expected), qPrintable(run->error->message));
    }

    void deadConnectionTimesOut() {
        // A server that accepts the TCP connection and never answers the handshake.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        options.token = Token;
        options.keepaliveMs = 50;
        options.deadConnectionMs = 300;
        SpritesClient client(options);
        auto run = runToEnd(client.exec(QStringLiteral("box"), command({QStringLiteral("true")})));
        QVERIFY(run->error.has_value());
        QCOMPARE(run->error->code, ErrorCode::Timeout);
        QVERIFY(!run->exitCode.has_value());
    }

    // --- sessions, checkpoints, policy, fs helpers (§4, §5, §7, §8.5) ------------------------

    void sessionListAndKill() {
        const QString box = QStringLiteral("box");
        ExecOptions options = command({QStringLiteral("sleep"), QStringLiteral("1000")});
        options.detachable = true;
        SpritesExecSession* session = m_client->exec(box, options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(!session->id().isEmpty() || run->done(), 10'000);
        QVERIFY(!run->done());
        const QString id = session->id();

        auto listed = await(m_client->listSessions(box));
        HANGAR_VERIFY_OK(listed);
        bool found = false;
        for (const auto& s : listed.value()) {
            if (s.id == id) {
                found = true;
                QCOMPARE(s.command, QStringLiteral("sleep 1000"));
                QVERIFY(s.created.isValid());
                QVERIFY(!s.tty);
            }
        }
        QVERIFY(found);

        QList<QJsonObject> events;
        auto killed =
            await(m_client->killSession(box, id, QStringLiteral("TERM"), QStringLiteral("2s"),
                                        [&events](const QJsonObject& e) { events << e; }));
        HANGAR_VERIFY_OK(killed);
        QVERIFY(!killed.value().alreadyExited);
        QVERIFY(killed.value().exitCode.has_value());
        QCOMPARE(events.size(), killed.value().events.size());
        QCOMPARE(events.first().value(QStringLiteral("type")).toString(), QStringLiteral("signal"));
        QCOMPARE(events.first().value(QStringLiteral("signal")).toString(),
                 QStringLiteral("SIGTERM"));
        QCOMPARE(events.last().value(QStringLiteral("type")).toString(),
                 QStringLiteral("complete"));
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 10'000);
        QVERIFY(run->exitCode.has_value());
        QVERIFY(*run->exitCode != 0);

        // Gone (410 = success, like Go) or forgotten (404), never a hang.
        auto again = await(m_client->killSession(box, id));
        QVERIFY(again.ok() ? again.value().alreadyExited
                           : again.error().code == ErrorCode::NotFound);
        auto unknown = await(m_client->killSession(box, QStringLiteral("no-such")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        auto missing = await(m_client->listSessions(QStringLiteral("no-such-sprite")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // §14.3.3: the kill's signal is the one asked for, and `timeout` escalates to SIGKILL.
    void sessionKillSignalAndTimeout() {
        const QString box = QStringLiteral("box");
        auto start = [this, box](const QString& script) {
            ExecOptions options = command({QStringLiteral("sh"), QStringLiteral("-c"), script});
            options.detachable = true;
            return m_client->exec(box, options);
        };
        auto types = [](const QList<QJsonObject>& events) {
            QStringList out;
            for (const QJsonObject& e : events)
                out << e.value(QStringLiteral("type")).toString();
            return out;
        };

        // Ignores SIGTERM: after the 1 s timeout, SIGKILL.
        SpritesExecSession* stubborn =
            start(QStringLiteral("trap '' TERM; echo ready; while :; do sleep 1; done"));
        auto stubbornRun = watch(stubborn);
        QTRY_VERIFY_WITH_TIMEOUT(stubbornRun->out.contains("ready") || stubbornRun->done(), 10'000);
        QVERIFY(!stubbornRun->done());
        QElapsedTimer clock;
        clock.start();
        auto killed = await(m_client->killSession(box, stubborn->id(), QStringLiteral("TERM"),
                                                  QStringLiteral("1s")));
        HANGAR_VERIFY_OK(killed);
        QCOMPARE(types(killed.value().events),
                 (QStringList{QStringLiteral("signal"), QStringLiteral("timeout"),
                              QStringLiteral("killed"), QStringLiteral("complete")}));
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY(killed.value().events.first().value(QStringLiteral("pid")).toInteger() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(stubbornRun->done(), 10'000);

        // Ends on SIGINT with its own exit code: no escalation ("0s", Go's zero duration,
        // is the default timeout, not an immediate SIGKILL).
        SpritesExecSession* polite =
            start(QStringLiteral("trap 'exit 7' INT; echo ready; while :; do sleep 1; done"));
        auto politeRun = watch(polite);
        QTRY_VERIFY_WITH_TIMEOUT(politeRun->out.contains("ready") || politeRun->done(), 10'000);
        QVERIFY(!politeRun->done());
        const QString politeId = polite->id();
        auto ended = await(
            m_client->killSession(box, politeId, QStringLiteral("SIGINT"), QStringLiteral("0s")));
        HANGAR_VERIFY_OK(ended);
        QCOMPARE(types(ended.value().events),
                 (QStringList{QStringLiteral("signal"), QStringLiteral("exited"),
                              QStringLiteral("complete")}));
        QCOMPARE(ended.value().events.first().value(QStringLiteral("signal")).toString(),
                 QStringLiteral("SIGINT"));
        QCOMPARE(ended.value().exitCode, std::optional<int>(7));
        QTRY_VERIFY_WITH_TIMEOUT(politeRun->done(), 10'000);

        auto bad = await(m_client->killSession(box, politeId, QStringLiteral("SIGUSR1")));
        QVERIFY(!bad.ok());
    }
};

QTEST_GUILESS_MAIN(SpritesExecTest)
#include "tst_spritesexec.moc"
