// SpritesClient against the Sprites emulator: the filesystem API, checkpoints, network
// policy and the NDJSON streams they use.
#include "SpritesRig.h"

class SpritesOpsTest : public QObject, protected SpritesRig {
    Q_OBJECT

private slots:
    void initTestCase() { startEmulator(); }
    void init() { m_api->faults().clear(); }

    // --- filesystem -------------------------------------------------------------------------

    void filesystem() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(
            await(m_client->writeFile(box, QStringLiteral("fs/a.txt"), "alpha", 0600)));
        auto read = await(m_client->readFile(box, QStringLiteral("/home/sprite/fs/a.txt")));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), QByteArray("alpha"));

        auto listing = await(m_client->listDir(box, QStringLiteral("fs")));
        HANGAR_VERIFY_OK(listing);
        QCOMPARE(listing.value().path, QStringLiteral("/home/sprite/fs"));
        QVERIFY(!listing.value().isFile);
        QCOMPARE(listing.value().entries.size(), 1);
        QCOMPARE(listing.value().entries.first().name, QStringLiteral("a.txt"));
        QCOMPARE(listing.value().entries.first().mode, 0600u);
        QCOMPARE(listing.value().entries.first().size, 5);

        auto file = await(m_client->listDir(box, QStringLiteral("fs/a.txt")));
        HANGAR_VERIFY_OK(file);
        QVERIFY(file.value().isFile);

        HANGAR_VERIFY_OK(
            await(m_client->rename(box, QStringLiteral("fs/a.txt"), QStringLiteral("fs/b.txt"))));
        HANGAR_VERIFY_OK(
            await(m_client->copy(box, QStringLiteral("fs"), QStringLiteral("fs2"), true)));
        HANGAR_VERIFY_OK(await(m_client->chmod(box, QStringLiteral("fs2/b.txt"), 0755)));
        auto copied = await(m_client->listDir(box, QStringLiteral("fs2")));
        HANGAR_VERIFY_OK(copied);
        QCOMPARE(copied.value().entries.size(), 1);
        QCOMPARE(copied.value().entries.first().name, QStringLiteral("b.txt"));
        QCOMPARE(copied.value().entries.first().mode, 0755u);
        QCOMPARE(await(m_client->readFile(box, QStringLiteral("fs2/b.txt"))).value(),
                 QByteArray("alpha"));

        auto notEmpty = await(m_client->remove(box, QStringLiteral("fs2")));
        QVERIFY(!notEmpty.ok());
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("fs2"), true)));
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("fs/b.txt"))));

        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto missing = await(m_client->readFile(box, QStringLiteral("fs/b.txt")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(missing.error().path, QStringLiteral("/home/sprite/fs/b.txt"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().first().value<ApiError>().code, QStringLiteral("ENOENT"));

        auto escape = await(m_client->readFile(box, QStringLiteral("../../../etc/passwd")));
        QVERIFY(!escape.ok());
        QCOMPARE(escape.error().code, ErrorCode::PermissionDenied);

        const RawReply body = raw(
            "GET", QStringLiteral("/v1/sprites/box/fs/list?path=nothing&workingDir=/home/sprite"));
        QCOMPARE(body.status, 404);
        QCOMPARE(body.json().value(QStringLiteral("code")).toString(), QStringLiteral("ENOENT"));
        QCOMPARE(body.json().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/home/sprite/nothing"));
        QVERIFY(body.json().value(QStringLiteral("error")).isString());
    }

    void checkpointsCreateListRestore() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("cp.txt"), "one")));
        QList<QJsonObject> progress;
        auto created = await(m_client->createCheckpoint(
            box, QStringLiteral("first"), [&progress](const QJsonObject& e) { progress << e; }));
        HANGAR_VERIFY_OK(created);
        QVERIFY2(created.value().startsWith(QLatin1String("Checkpoint v")),
                 qPrintable(created.value()));
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.first().value(QStringLiteral("type")).toString(), QStringLiteral("info"));
        const QString id = created.value().section(QLatin1Char(' '), 1, 1);

        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("cp.txt"), "two")));
        auto list = await(m_client->listCheckpoints(box));
        HANGAR_VERIFY_OK(list);
        QVERIFY(!list.value().isEmpty());
        QCOMPARE(list.value().first().id, id); // newest first
        QCOMPARE(list.value().first().comment, QStringLiteral("first"));
        QVERIFY(list.value().first().createTime.isValid());
        auto got = await(m_client->getCheckpoint(box, id));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().comment, QStringLiteral("first"));

        auto restored = await(m_client->restoreCheckpoint(box, id));
        HANGAR_VERIFY_OK(restored);
        QCOMPARE(restored.value(), QStringLiteral("Restored to %1").arg(id));
        QCOMPARE(await(m_client->readFile(box, QStringLiteral("cp.txt"))).value(),
                 QByteArray("one"));

        auto unknown = await(m_client->restoreCheckpoint(box, QStringLiteral("v999")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->deleteCheckpoint(box, id)));
        auto gone = await(m_client->getCheckpoint(box, id));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void networkPolicyRoundTrip() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->networkPolicy(box)));
        NetworkPolicy policy{
            {NetworkRule{QStringLiteral("api.github.com"), QStringLiteral("allow"), {}},
             NetworkRule{{}, {}, QStringLiteral("defaults")},
             NetworkRule{QStringLiteral("*"), QStringLiteral("deny"), {}}}};
        HANGAR_VERIFY_OK(await(m_client->setNetworkPolicy(box, policy)));
        auto got = await(m_client->networkPolicy(box));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().rules.size(), 3);
        QCOMPARE(got.value().rules.at(0).domain, QStringLiteral("api.github.com"));
        QCOMPARE(got.value().rules.at(1).include, QStringLiteral("defaults"));
        QCOMPARE(got.value().rules.at(2).action, QStringLiteral("deny"));

        const RawReply set =
            raw("POST", QStringLiteral("/v1/sprites/box/policy/network"), R"({"rules":[]})");
        QCOMPARE(set.status, 204); // exactly (§7.1)
        for (const QByteArray& bad :
             {QByteArray(R"({})"), QByteArray(R"({"rules":[{"domain":"a.com"}]})"),
              QByteArray(R"({"rules":[{"domain":"a.com","action":"allow","x":1}]})"),
              QByteArray(R"({"rules":[{"include":"others"}]})"),
              QByteArray(
                  R"({"rules":[{"domain":"a.com","include":"defaults","action":"deny"}]})")}) {
            const RawReply refused =
                raw("POST", QStringLiteral("/v1/sprites/box/policy/network"), bad);
            QVERIFY2(refused.status == 400, bad.constData());
        }
        auto invalid = await(m_client->setNetworkPolicy(
            box, NetworkPolicy{{NetworkRule{QStringLiteral("*"), QStringLiteral("maybe"), {}}}}));
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().code, ErrorCode::InvalidArgument);
    }

    void fsStatAndMkdir() {
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made"))));
        auto dir = await(m_client->stat(box, QStringLiteral("made")));
        HANGAR_VERIFY_OK(dir);
        QVERIFY(dir.value().isDir);
        QCOMPARE(dir.value().path, QStringLiteral("/home/sprite/made"));
        auto empty = await(m_client->listDir(box, QStringLiteral("made")));
        HANGAR_VERIFY_OK(empty);
        QVERIFY(empty.value().entries.isEmpty()); // the .keep marker is gone
        auto twice = await(m_client->makeDir(box, QStringLiteral("made")));
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, ErrorCode::AlreadyExists);
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made"), true)));
        auto orphan = await(m_client->makeDir(box, QStringLiteral("no/such/dir")));
        QVERIFY(!orphan.ok());
        QCOMPARE(orphan.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->makeDir(box, QStringLiteral("made/a/b"), true)));
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("made/a/f"), "xyz", 0640)));
        auto file = await(m_client->stat(box, QStringLiteral("/home/sprite/made/a/f")));
        HANGAR_VERIFY_OK(file);
        QVERIFY(!file.value().isDir);
        QCOMPARE(file.value().size, 3);
        QCOMPARE(file.value().mode, 0640u);
        auto missing = await(m_client->stat(box, QStringLiteral("made/nothing")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        HANGAR_VERIFY_OK(await(m_client->remove(box, QStringLiteral("made"), true)));
    }

    // NDJSON streams from a hand-written server: a final line without its newline is fine, a
    // malformed line or a body cut short is a clear error (sprites-api.md §5.6).
    void ndjsonStreams_data() {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("complete"); // empty: an error is expected
        QTest::addColumn<QString>("errorText");
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                                "Connection: close\r\n";
        auto sized = [head](const QByteArray& body, qsizetype announced = -1) -> QByteArray {
            return head + "Content-Length: " +
                   QByteArray::number(announced < 0 ? body.size() : announced) + "\r\n\r\n" + body;
        };
        QTest::newRow("unterminated last line")
            << sized("{\"type\":\"info\",\"data\":\"a\"}\n\n  \n{\"type\":\"complete\",\"data\":"
                     "\"Checkpoint v7 created\"}")
            << QStringLiteral("Checkpoint v7 created") << QString();
        QTest::newRow("chunked") << QByteArray(head + "Transfer-Encoding: chunked\r\n\r\n"
                                                      "5\r\n{\"typ\r\n"
                                                      "20\r\ne\":\"complete\",\"data\":\"done\"}\n"
                                                      "{}\n\r\n0\r\n\r\n")
                                 << QStringLiteral("done") << QString();
        QTest::newRow("malformed line")
            << sized("{\"type\":\"info\"}\nnot json\n{\"type\":\"complete\",\"data\":\"x\"}\n")
            << QString() << QStringLiteral("line 2");
        QTest::newRow("array line") << sized("[1,2]\n") << QString() << QStringLiteral("line 1");
        QTest::newRow("truncated body") << sized("{\"type\":\"info\"}\n{\"type\":\"comp", 500)
                                        << QString() << QStringLiteral("cut short");
        QTest::newRow("truncated last line") << sized("{\"type\":\"info\"}\n{\"type\":\"comp")
                                             << QString() << QStringLiteral("not a JSON object");
        QTest::newRow("no complete") << sized("{\"type\":\"info\"}\n") << QString()
                                     << QStringLiteral("without a `complete`");
        QTest::newRow("error event")
            << sized("{\"type\":\"error\",\"error\":\"disk full\"}\n{\"type\":\"complete\"}\n")
            << QString() << QStringLiteral("disk full");
    }

    void ndjsonStreams() {
        QFETCH(QByteArray, response);
        QFETCH(QString, complete);
        QFETCH(QString, errorText);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&server, response] {
            QTcpSocket* socket = server.nextPendingConnection();
            auto request = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, request, response] {
                request->append(socket->readAll());
                const qsizetype end = request->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                // Answer once the whole request (with its body) is in.
                const qsizetype lengthAt = request->toLower().indexOf("content-length:");
                const qsizetype length =
                    lengthAt < 0
                        ? 0
                        : request
                              ->mid(lengthAt + 15, request->indexOf('\r', lengthAt) - lengthAt - 15)
                              .trimmed()
                              .toLongLong();
                if (request->size() < end + 4 + length)
                    return;
                socket->write(response);
                socket->disconnectFromHost();
            });
        });
        ClientOptions options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        options.token = Token;
        SpritesClient client(options);
        int events = 0;
        auto result = await(client.createCheckpoint(QStringLiteral("box"), QStringLiteral("c"),
                                                    [&events](const QJsonObject&) { ++events; }));
        if (!complete.isEmpty()) {
            HANGAR_VERIFY_OK(result);
            QCOMPARE(result.value(), complete);
            QVERIFY(events >= 1);
        } else {
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.contains(errorText),
                     qPrintable(result.error().message));
        }
    }

    void ndjsonReaderPieces() {
        // Byte by byte: objects complete only at their newline; the rest waits.
        sprites::NdjsonReader reader;
        const QByteArray body = "{\"a\":1}\r\n\n{\"b\":\"x\\ny\"}\n{\"c\":3}";
        QList<QJsonObject> objects;
        for (char c : body) {
            auto got = reader.feed(QByteArray(1, c));
            HANGAR_VERIFY_OK(got);
            objects += got.value();
        }
        QCOMPARE(objects.size(), 2);
        auto last = reader.finish();
        HANGAR_VERIFY_OK(last);
        QCOMPARE(last.value().size(), 1);
        QCOMPARE(objects.at(1).value(QStringLiteral("b")).toString(), QStringLiteral("x\ny"));

        sprites::NdjsonReader small(16);
        auto tooLong = small.feed(QByteArray(40, 'x'));
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.error().code, ErrorCode::TooLarge);
    }
};

QTEST_GUILESS_MAIN(SpritesOpsTest)
#include "tst_spritesops.moc"
