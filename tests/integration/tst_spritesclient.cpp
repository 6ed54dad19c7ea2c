// SpritesClient against the Sprites emulator: the gateway calls, structured errors,
// retries and injected faults.
#include "SpritesRig.h"

class SpritesGatewayTest : public QObject, protected SpritesRig {
    Q_OBJECT

private slots:
    void initTestCase() { startEmulator(); }
    void init() { m_api->faults().clear(); }

    // --- gateway ----------------------------------------------------------------------

    void createGetUpdateDelete() {
        auto created = await(
            m_client->createSprite(QStringLiteral("life-1"), {QString(), {QStringLiteral("a")}}));
        HANGAR_VERIFY_OK(created);
        QCOMPARE(created.value().name, QStringLiteral("life-1"));
        QVERIFY(!created.value().id.isEmpty());
        QCOMPARE(created.value().status, QStringLiteral("cold")); // a new sprite is cold
        QCOMPARE(created.value().urlAuth, QStringLiteral("sprite"));
        QCOMPARE(created.value().labels, QStringList{QStringLiteral("a")});
        QVERIFY(created.value().createdAt.isValid());

        auto got = await(m_client->getSprite(QStringLiteral("life-1")));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(got.value().id, created.value().id);
        QCOMPARE(got.value().state(), ProviderState::Cold);

        auto duplicate = await(m_client->createSprite(QStringLiteral("life-1")));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code, ErrorCode::InvalidArgument);

        sprites::UpdateOptions update;
        update.urlAuth = QStringLiteral("public");
        update.labels = QStringList{QStringLiteral("x"), QStringLiteral("y")};
        auto updated = await(m_client->updateSprite(QStringLiteral("life-1"), update));
        HANGAR_VERIFY_OK(updated);
        QCOMPARE(updated.value().urlAuth, QStringLiteral("public"));
        QCOMPARE(updated.value().labels, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
        const RawReply put = raw("PUT", QStringLiteral("/v1/sprites/life-1"), R"({"labels":[]})");
        QCOMPARE(put.status, 200);
        QVERIFY(!put.json().contains(QStringLiteral("labels")));
        QCOMPARE(put.json().value(QStringLiteral("name")).toString(), QStringLiteral("life-1"));

        HANGAR_VERIFY_OK(await(m_client->deleteSprite(QStringLiteral("life-1"))));
        auto gone = await(m_client->getSprite(QStringLiteral("life-1")));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QCOMPARE(raw("DELETE", QStringLiteral("/v1/sprites/life-1")).status, 404);
    }

    void statusFollowsTheSandbox() {
        createSprite(QStringLiteral("status-1"));
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("cold"));
        ExecOptions options = command(
            {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo up; read x")});
        SpritesExecSession* session = m_client->exec(QStringLiteral("status-1"), options);
        auto run = watch(session);
        QTRY_VERIFY_WITH_TIMEOUT(run->out.contains("up"), 20'000);
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("running"));
        session->write("\n");
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 20'000);
        QCOMPARE(run->exitCode, std::optional<int>(0));
        QTRY_COMPARE_WITH_TIMEOUT(
            await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
            QStringLiteral("warm"), 10'000);
        HANGAR_VERIFY_OK(await(m_backend->hibernate(QStringLiteral("status-1"))));
        QCOMPARE(await(m_client->getSprite(QStringLiteral("status-1"))).value().status,
                 QStringLiteral("cold"));
    }

    void listPaginatesWithPrefix() {
        for (const char* name : {"page-c", "page-a", "page-e", "page-b", "page-d", "other-1"})
            createSprite(QString::fromLatin1(name));
        QStringList seen;
        QString token;
        int pages = 0;
        do {
            auto page = await(m_client->listSprites({QStringLiteral("page-"), 2, token}));
            HANGAR_VERIFY_OK(page);
            QVERIFY(page.value().sprites.size() <= 2);
            for (const auto& sprite : page.value().sprites)
                seen.append(sprite.name);
            QCOMPARE(page.value().org.cold + page.value().org.warm + page.value().org.running,
                     page.value().sprites.size());
            token = page.value().hasMore ? page.value().nextContinuationToken : QString();
            QVERIFY(++pages <= 5);
        } while (!token.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen, (QStringList{QStringLiteral("page-a"), QStringLiteral("page-b"),
                                    QStringLiteral("page-c"), QStringLiteral("page-d"),
                                    QStringLiteral("page-e")}));
        auto all = await(m_client->listAllSprites(QStringLiteral("page-")));
        HANGAR_VERIFY_OK(all);
        QCOMPARE(all.value().size(), 5);

        // The JS SDK's bare "?" and the counters in both places (sprites-api.md §2.4).
        const RawReply list = raw("GET", QStringLiteral("/v1/sprites?"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.reply->rawHeader("Sprite-Version"), QByteArray("v0.0.1-rc48"));
        const QJsonObject body = list.json();
        QVERIFY(body.value(QStringLiteral("sprites")).isArray());
        QCOMPARE(body.value(QStringLiteral("has_more")).toBool(), false);
        QVERIFY(body.value(QStringLiteral("next_continuation_token")).isNull());
        for (const char* key : {"name", "running", "warm", "cold", "running_limit", "warm_limit"}) {
            QVERIFY2(body.contains(QLatin1String(key)), key);
            QVERIFY2(body.value(QStringLiteral("org")).toObject().contains(QLatin1String(key)),
                     key);
        }
        QCOMPARE(raw("GET", QStringLiteral("/v1/sprites?max_results=zero")).status, 400);
    }

    // --- errors -------------------------------------------------------------------------

    void notFoundIsStructured() {
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto missing = await(m_client->getSprite(QStringLiteral("no-such-sprite")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.contains(QStringLiteral("HTTP 404")),
                 qPrintable(missing.error().message));
        QCOMPARE(errors.size(), 1);
        const auto error = errors.first().first().value<ApiError>();
        QCOMPARE(error.status, 404);
        QCOMPARE(error.code, QStringLiteral("sprite not found"));

        const RawReply reply = raw("GET", QStringLiteral("/v1/sprites/no-such-sprite"));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.reply->rawHeader("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("sprite not found"));
        QVERIFY(reply.json().value(QStringLiteral("message")).isString());
        QCOMPARE(reply.reply->rawHeader("Sprite-Version"), QByteArray("v0.0.1-rc48"));
    }

    void wrongTokenIs401() {
        auto intruder = makeClient(QStringLiteral("wrong"));
        auto denied = await(intruder->getSprite(QStringLiteral("box")));
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code, ErrorCode::PermissionDenied);
        QVERIFY(!denied.error().message.contains(QStringLiteral("wrong")));
        const RawReply reply = raw("GET", QStringLiteral("/v1/sprites"), {}, QStringLiteral("x"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json(),
                 (QJsonObject{{QStringLiteral("error"), QStringLiteral("unauthorized")},
                              {QStringLiteral("message"),
                               QStringLiteral("Missing or invalid authentication")}}));
        // An exec upgrade with a bad token is refused too, and reported as a failure.
        SpritesExecSession* session =
            intruder->exec(QStringLiteral("box"), command({QStringLiteral("true")}));
        auto run = runToEnd(session);
        QVERIFY(run->error.has_value());
        QVERIFY(!run->exitCode.has_value());
    }

    void badNamesAre400_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("semicolon") << QStringLiteral("a;rm -rf /");
        QTest::newRow("dollar") << QStringLiteral("$(id)");
        QTest::newRow("backtick") << QStringLiteral("a`b`");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("upper") << QStringLiteral("Box");
        QTest::newRow("leading dash") << QStringLiteral("-box");
        QTest::newRow("empty") << QString();
        QTest::newRow("long") << QString(64, QLatin1Char('a'));
    }

    void badNamesAre400() {
        QFETCH(QString, name);
        auto local = await(m_client->createSprite(name));
        QVERIFY(!local.ok());
        QCOMPARE(local.error().code, ErrorCode::InvalidArgument);
        const QJsonObject body{{QStringLiteral("name"), name}};
        const RawReply created = raw("POST", QStringLiteral("/v1/sprites"),
                                     QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(created.status, 400);
        QCOMPARE(created.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_name"));
        if (!name.isEmpty() && name != QLatin1String("..")) {
            const RawReply got = raw("GET", QStringLiteral("/v1/sprites/") +
                                                QString::fromLatin1(QUrl::toPercentEncoding(name)));
            QCOMPARE(got.status, 400);
        }
    }

    // --- retries and faults ----------------------------------------------------------------

    void idempotentGetRetries429() {
        const QString path = QStringLiteral("/v1/sprites/box");
        m_api->faults().respond(QStringLiteral("GET"), path, 429, 1);
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto got = await(m_client->getSprite(QStringLiteral("box")));
        HANGAR_VERIFY_OK(got);
        QCOMPARE(m_api->faults().requestCount(QStringLiteral("GET"), path), 2);
        QCOMPARE(errors.size(), 0);
    }

    void postDoesNotRetry() {
        m_api->faults().respond(QStringLiteral("POST"), QStringLiteral("/v1/sprites"), 429, 1);
        QSignalSpy errors(m_client.get(), &SpritesClient::apiError);
        auto created = await(m_client->createSprite(QStringLiteral("never-made")));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Unavailable);
        QVERIFY2(created.error().message.contains(QStringLiteral("retry after: 1s")),
                 qPrintable(created.error().message));
        QCOMPARE(
            m_api->faults().requestCount(QStringLiteral("POST"), QStringLiteral("/v1/sprites")), 1);
        QCOMPARE(errors.size(), 1);
        const auto error = errors.first().first().value<ApiError>();
        QCOMPARE(error.status, 429);
        QCOMPARE(error.code, QStringLiteral("rate_limited"));
        QCOMPARE(error.retryAfterHeader, std::optional<int>(1));
        QCOMPARE(error.rateLimitRemaining, std::optional<qint64>(0));
        QCOMPARE(error.limit, 10);
    }

    void serverErrorIsClear() {
        m_api->faults().respond(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 500);
        auto got = await(m_client->getSprite(QStringLiteral("box")));
        QVERIFY(!got.ok());
        QCOMPARE(got.error().code, ErrorCode::Internal);
        QVERIFY2(got.error().message.startsWith(QStringLiteral("HTTP 500")),
                 qPrintable(got.error().message));
        QCOMPARE(
            m_api->faults().requestCount(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box")),
            1);
    }

    void slowResponses() {
        m_api->faults().delay(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 300);
        HANGAR_VERIFY_OK(await(m_client->getSprite(QStringLiteral("box"))));
        auto impatient = makeClient(Token, 100);
        m_api->faults().delay(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box"), 2000);
        auto late = await(impatient->getSprite(QStringLiteral("box")));
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, ErrorCode::Timeout);
    }

    void droppedHttpBody() {
        HANGAR_VERIFY_OK(await(m_client->writeFile(
            QStringLiteral("box"), QStringLiteral("drop.bin"), QByteArray(100'000, 'x'))));
        m_api->faults().drop(QStringLiteral("GET"), QStringLiteral("/v1/sprites/box/fs/read"));
        auto read = await(m_client->readFile(QStringLiteral("box"), QStringLiteral("drop.bin")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::Unavailable);
    }
};

QTEST_GUILESS_MAIN(SpritesGatewayTest)
#include "tst_spritesclient.moc"
