// SpritesClient against the Sprites emulator: the @fly/sprites 0.1.0 calls — sprite restart,
// check and upgrade, HTTP exec, the privileges and resources policies, and fs chown.
#include "ProcessProbe.h"
#include "SpritesRig.h"

using hangar::sprites::HttpExecOptions;
using hangar::sprites::PrivilegesPolicy;
using hangar::sprites::ResourcesPolicy;

class SpritesAdminTest : public QObject, protected SpritesRig {
    Q_OBJECT

private slots:
    void initTestCase() { startEmulator(); }
    void init() { m_api->faults().clear(); }

    void httpExec() {
        HttpExecOptions options;
        options.argv = {QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("echo out; echo err >&2; exit 3")};
        auto run = await(m_client->execHttp(QStringLiteral("box"), options));
        HANGAR_VERIFY_OK(run);
        QCOMPARE(run.value().stdoutData, QByteArray("out\n"));
        QCOMPARE(run.value().stderrData, QByteArray("err\n"));
        QCOMPARE(run.value().exitCode, 3);

        options.argv = {QStringLiteral("cat")};
        options.input = QByteArray("abc\0def", 7);
        auto cat = await(m_client->execHttp(QStringLiteral("box"), options));
        HANGAR_VERIFY_OK(cat);
        QCOMPARE(cat.value().stdoutData, QByteArray("abc\0def", 7));
        QCOMPARE(cat.value().exitCode, 0);

        // More than one record's worth: reassembled from many chunks.
        options.input.reset();
        options.argv = {QStringLiteral("head"), QStringLiteral("-c"), QStringLiteral("100000"),
                        QStringLiteral("/dev/urandom")};
        auto big = await(m_client->execHttp(QStringLiteral("box"), options));
        HANGAR_VERIFY_OK(big);
        QCOMPARE(big.value().stdoutData.size(), 100000);

        HANGAR_VERIFY_OK(
            await(m_client->writeFile(QStringLiteral("box"), QStringLiteral("here/x"), "x")));
        options.argv = {QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("pwd; echo \"$A\"")};
        options.dir = QStringLiteral("/home/sprite/here");
        options.env = {{QStringLiteral("A"), QStringLiteral("b c&d=e")}};
        auto pwd = await(m_client->execHttp(QStringLiteral("box"), options));
        HANGAR_VERIFY_OK(pwd);
        QCOMPARE(pwd.value().stdoutData, QByteArray("/home/sprite/here\nb c&d=e\n"));

        // Errors: an unknown sprite (gateway JSON), a command that cannot start, tty.
        QSignalSpy apiErrors(m_client.get(), &SpritesClient::apiError);
        options = {};
        options.argv = {QStringLiteral("true")};
        auto unknown = await(m_client->execHttp(QStringLiteral("nobody"), options));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QCOMPARE(apiErrors.size(), 1);
        options.argv = {QStringLiteral("/no/such/program")};
        auto cannot = await(m_client->execHttp(QStringLiteral("box"), options));
        // Under bubblewrap the sandbox starts and its exec fails: a non-zero exit, not a hang.
        QVERIFY(!cannot.ok() || cannot.value().exitCode != 0);
        const RawReply tty = raw("POST", QStringLiteral("/v1/sprites/box/exec?cmd=true&tty=true"));
        QCOMPARE(tty.status, 400);
    }

    // HTTP exec paces its records (§14.3.2); a command that writes faster than that pace waits
    // in its pipe write instead of its output piling up in the server's memory.
    void httpExecHoldsAFastCommand() {
        const qint64 size = 16 * 1024 * 1024 + 13; // also tells the process apart
        QNetworkRequest request(QUrl(m_base + QStringLiteral("/v1/sprites/box/exec?cmd=head&cmd=-c"
                                                             "&cmd=%1&cmd=/dev/zero")
                                                  .arg(size)));
        request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
        QNetworkReply* reply = m_network.post(request, QByteArray());
        QByteArray received;
        connect(reply, &QIODevice::readyRead, this,
                [&received, reply] { received += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(hangar::test::headBlockedOnPipe(size), 20'000);
        QTest::qWait(2000);
        const std::optional<qint64> written = hangar::test::headBytesWritten(size);
        QVERIFY2(written && *written < 8 * 1024 * 1024,
                 written ? qPrintable(QString::number(*written)) : "head is gone");
        QVERIFY(!received.isEmpty()); // the records flow meanwhile
        // The client goes away: so does the command.
        reply->abort();
        reply->deleteLater();
        QTRY_VERIFY_WITH_TIMEOUT(hangar::test::headProcess(size).isEmpty(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(await(m_client->getSprite(QStringLiteral("box"))).value().status,
                                  QStringLiteral("warm"), 20'000); // its session has ended too
    }
    void restartCheckUpgrade() {
        const QString box = QStringLiteral("box");
        auto sprite = await(m_client->getSprite(box));
        HANGAR_VERIFY_OK(sprite);
        auto check = await(m_client->checkSprite(box));
        HANGAR_VERIFY_OK(check);
        QCOMPARE(check.value().spriteName, box);
        QCOMPARE(check.value().spriteId, sprite.value().id);
        QCOMPARE(check.value().status, QStringLiteral("healthy"));
        QVERIFY(check.value().checkedAt.isValid());
        QCOMPARE(await(m_client->getSprite(box)).value().status, sprite.value().status);

        HANGAR_VERIFY_OK(await(m_client->upgradeSprite(box)));

        // A restart ends what runs and keeps the files.
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("kept.txt"), "kept")));
        auto* sleeper =
            m_client->exec(box, command({QStringLiteral("sleep"), QStringLiteral("60")}));
        auto run = watch(sleeper);
        QTRY_VERIFY_WITH_TIMEOUT(run->started, 10'000);
        auto restarted = await(m_client->restartSprite(box));
        HANGAR_VERIFY_OK(restarted);
        QCOMPARE(restarted.value().spriteName, box);
        QVERIFY(!restarted.value().machineId.isEmpty());
        QVERIFY(!restarted.value().message.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(run->done(), 10'000);
        QVERIFY(run->exitCode.has_value());
        QVERIFY(*run->exitCode != 0);
        QCOMPARE(await(m_client->readFile(box, QStringLiteral("kept.txt"))).value(),
                 QByteArray("kept"));

        auto missing = await(m_client->checkSprite(QStringLiteral("nobody")));
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void privilegesPolicy() {
        const QString box = QStringLiteral("box");
        auto fresh = await(m_client->privilegesPolicy(box));
        HANGAR_VERIFY_OK(fresh);
        QVERIFY(!fresh.value().profile.has_value());
        PrivilegesPolicy policy;
        policy.profile = QStringLiteral("minimal");
        policy.devices = QStringList{QStringLiteral("/dev/fuse")};
        policy.noNewPrivileges = true;
        HANGAR_VERIFY_OK(await(m_client->setPrivilegesPolicy(box, policy)));
        auto read = await(m_client->privilegesPolicy(box));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value().profile, std::optional<QString>(QStringLiteral("minimal")));
        QCOMPARE(read.value().devices,
                 std::optional<QStringList>(QStringList{QStringLiteral("/dev/fuse")}));
        QCOMPARE(read.value().noNewPrivileges, std::optional<bool>(true));
        const RawReply wire = raw("GET", QStringLiteral("/v1/sprites/box/policy/privileges"));
        QVERIFY(wire.json().contains(QStringLiteral("noNewPrivileges"))); // camelCase (§14.6)

        policy.profile = QStringLiteral("bogus");
        auto bad = await(m_client->setPrivilegesPolicy(box, policy));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QLatin1String("400")));
        HANGAR_VERIFY_OK(await(m_client->deletePrivilegesPolicy(box)));
        QVERIFY(!await(m_client->privilegesPolicy(box)).value().profile.has_value());
    }

    void resourcesPolicy() {
        const QString box = QStringLiteral("box");
        ResourcesPolicy policy;
        policy.memoryLimitMb = 1024;
        policy.memoryAutoscale = true;
        HANGAR_VERIFY_OK(await(m_client->setResourcesPolicy(box, policy)));
        auto read = await(m_client->resourcesPolicy(box));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value().memoryLimitMb, std::optional<int>(1024));
        QCOMPARE(read.value().memoryAutoscale, std::optional<bool>(true));
        policy.memoryLimitMb = -5;
        QVERIFY(!await(m_client->setResourcesPolicy(box, policy)).ok());
        HANGAR_VERIFY_OK(await(m_client->setResourcesPolicy(box, ResourcesPolicy{})));
        HANGAR_VERIFY_OK(await(m_client->deleteResourcesPolicy(box)));
        QVERIFY(!await(m_client->resourcesPolicy(box)).value().memoryLimitMb.has_value());
    }

    void chown() {
        if (!m_backend->isIsolated(QStringLiteral("box")))
            QSKIP("chown runs inside the sprite's sandbox only");
        const QString box = QStringLiteral("box");
        HANGAR_VERIFY_OK(await(m_client->writeFile(box, QStringLiteral("owned/f.txt"), "f")));
        HttpExecOptions id;
        id.argv = {QStringLiteral("id"), QStringLiteral("-u")};
        auto uid = await(m_client->execHttp(box, id));
        HANGAR_VERIFY_OK(uid);
        const QString me = QString::fromUtf8(uid.value().stdoutData).trimmed();
        HANGAR_VERIFY_OK(await(m_client->chown(box, QStringLiteral("owned"), me, me, true)));

        auto root = await(m_client->chown(box, QStringLiteral("owned/f.txt"), QStringLiteral("0")));
        QVERIFY(!root.ok());
        QCOMPARE(root.error().code, ErrorCode::PermissionDenied);
        // On the wire a refused change of owner is chown(2)'s EPERM (§14.7), with 403.
        const RawReply refused =
            raw("POST", QStringLiteral("/v1/sprites/box/fs/chown"),
                R"({"path":"owned/f.txt","workingDir":"/home/sprite","uid":0})");
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value(QStringLiteral("code")).toString(), QStringLiteral("EPERM"));
        auto absent = await(m_client->chown(box, QStringLiteral("owned/none"), me));
        QCOMPARE(absent.error().code, ErrorCode::NotFound);
        QCOMPARE(await(m_client->chown(box, QStringLiteral("owned"), {})).error().code,
                 ErrorCode::InvalidArgument);
        const RawReply neither = raw("POST", QStringLiteral("/v1/sprites/box/fs/chown"),
                                     R"({"path":"owned","workingDir":"/home/sprite"})");
        QCOMPARE(neither.status, 400);
        QCOMPARE(neither.json().value(QStringLiteral("code")).toString(), QStringLiteral("EINVAL"));
    }
};

QTEST_GUILESS_MAIN(SpritesAdminTest)
#include "tst_spritesadmin.moc"
