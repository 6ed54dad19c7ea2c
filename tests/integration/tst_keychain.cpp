// KeychainSecretStore against a real Secret Service, and hangard reading its Sprites token from
// it. Runs under tests/support/with-keyring.sh: a private session bus with an unlocked
// gnome-keyring, so nothing here touches the user's keyring.
#include "Engine.h"
#include "TestSupport.h"
#include "config/Config.h"
#include "config/KeychainSecretStore.h"
#include "config/TokenSource.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;
using hangar::test::await;

namespace {

const QString kSpritesKey = QLatin1String(secret_keys::kSpritesToken);

QString uniqueService(const char* name) {
    return QStringLiteral("hangar-test-%1-%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QLatin1String(name));
}

QString hangardPath() {
    return qEnvironmentVariable("HANGAR_TEST_BINARY_DIR") + QStringLiteral("/app/hangard");
}

// A hangard child with its combined log; killed when it goes out of scope.
class Daemon {
public:
    explicit Daemon(QProcessEnvironment env) {
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                         [this] { m_log += m_process.readAll(); });
        m_process.start(hangardPath(), {});
    }
    ~Daemon() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QProcess& process() { return m_process; }
    bool finished() const { return m_process.state() == QProcess::NotRunning; }
    const QByteArray& log() const { return m_log; }

private:
    QProcess m_process;
    QByteArray m_log;
};

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The wrapper provides the bus; without it these tests would measure nothing.
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/support/with-keyring.sh (ctest does)");
    }

    void writeReadOverwriteRemove() {
        KeychainSecretStore store(uniqueService("basic"));
        QCOMPARE(store.description(), QStringLiteral("the system keychain"));
        HANGAR_VERIFY_OK(await(store.write(kSpritesKey, QStringLiteral("first"))));
        auto read = await(store.read(kSpritesKey));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), QStringLiteral("first"));

        HANGAR_VERIFY_OK(await(store.write(kSpritesKey, QStringLiteral("second"))));
        read = await(store.read(kSpritesKey));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), QStringLiteral("second"));

        HANGAR_VERIFY_OK(await(store.remove(kSpritesKey)));
        read = await(store.read(kSpritesKey));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::NotFound);
    }

    void missingKeyIsNotFoundAndRemovingItSucceeds() {
        KeychainSecretStore store(uniqueService("missing"));
        const auto read = await(store.read(QStringLiteral("never-written")));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::NotFound);
        QVERIFY2(read.error().message.contains(QStringLiteral("never-written")),
                 qPrintable(read.error().message));
        HANGAR_VERIFY_OK(await(store.remove(QStringLiteral("never-written"))));
    }

    void valuesRoundTrip_data() {
        QTest::addColumn<QString>("value");
        QTest::newRow("unicode") << QStringLiteral("tökén-日本語-🚀");
        QTest::newRow("newlines") << QStringLiteral("line one\nline two\r\nline three\n");
        QTest::newRow("spaces and tabs") << QStringLiteral("  lead\ttab trail  ");
        QTest::newRow("long") << QString(4096, QLatin1Char('x'));
    }
    void valuesRoundTrip() {
        QFETCH(QString, value);
        KeychainSecretStore store(uniqueService("values"));
        HANGAR_VERIFY_OK(await(store.write(QStringLiteral("value"), value)));
        const auto read = await(store.read(QStringLiteral("value")));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), value);
        HANGAR_VERIFY_OK(await(store.remove(QStringLiteral("value"))));
    }

    void servicesDoNotSeeEachOthersKeys() {
        KeychainSecretStore a(uniqueService("a"));
        KeychainSecretStore b(uniqueService("b"));
        HANGAR_VERIFY_OK(await(a.write(kSpritesKey, QStringLiteral("for-a"))));
        QCOMPARE(await(b.read(kSpritesKey)).error().code, ErrorCode::NotFound);

        HANGAR_VERIFY_OK(await(b.write(kSpritesKey, QStringLiteral("for-b"))));
        QCOMPARE(await(a.read(kSpritesKey)).value(), QStringLiteral("for-a"));
        QCOMPARE(await(b.read(kSpritesKey)).value(), QStringLiteral("for-b"));

        HANGAR_VERIFY_OK(await(a.remove(kSpritesKey)));
        QCOMPARE(await(a.read(kSpritesKey)).error().code, ErrorCode::NotFound);
        QCOMPARE(await(b.read(kSpritesKey)).value(), QStringLiteral("for-b"));
        HANGAR_VERIFY_OK(await(b.remove(kSpritesKey)));
    }

    // The command the README gives operators to store a token without the GUI.
    void entryStoredWithSecretToolIsRead() {
        const QString service = uniqueService("secret-tool");
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"),
                   {QStringLiteral("store"), QStringLiteral("--label=Hangar Sprites token"),
                    QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain"),
                    QStringLiteral("user"), kSpritesKey, QStringLiteral("server"), service,
                    QStringLiteral("type"), QStringLiteral("plaintext")});
        QVERIFY2(tool.waitForStarted(10'000), "secret-tool (libsecret-tools) is missing");
        tool.write("from-secret-tool");
        tool.closeWriteChannel();
        QVERIFY(tool.waitForFinished(30'000));
        QVERIFY2(tool.exitCode() == 0, tool.readAllStandardError().constData());

        KeychainSecretStore store(service);
        const auto read = await(store.read(kSpritesKey));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), QStringLiteral("from-secret-tool"));
        HANGAR_VERIFY_OK(await(store.remove(kSpritesKey)));
    }

    void spritesTokenIsResolvedFromTheKeychain() {
        KeychainSecretStore store(uniqueService("resolve"));
        HANGAR_VERIFY_OK(await(store.write(kSpritesKey, QStringLiteral("keychain-token"))));
        Config config;
        config.spritesEnabled = true;
        const auto token = await(resolveSpritesToken(config, QProcessEnvironment(), &store));
        HANGAR_VERIFY_OK(token);
        QCOMPARE(token.value().value, QStringLiteral("keychain-token"));
        QCOMPARE(token.value().origin, SpritesToken::Origin::SecretStore);

        // And the blocking form main() uses builds an engine with the Sprites backend.
        QTemporaryDir dir;
        config.dataDir = dir.path();
        config.dbUrl = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("h.db"));
        config.spritesApiBaseUrl = QStringLiteral("http://127.0.0.1:9");
        const auto secrets = EngineSecrets::resolve(config, QProcessEnvironment(), store);
        HANGAR_VERIFY_OK(secrets);
        QCOMPARE(secrets.value().spritesToken, QStringLiteral("keychain-token"));
        QVERIFY(secrets.value().warnings.isEmpty());
        auto engine = Engine::create(config, nullptr, secrets.value());
        HANGAR_VERIFY_OK(engine);
        QVERIFY(engine.value()->spritesBackend());
        HANGAR_VERIFY_OK(await(store.remove(kSpritesKey)));
    }

    // hangard end to end: the token in the keychain (service "hangar") is enough for
    // SPRITES_ENABLED=true, and is never logged.
    void hangardReadsTheSpritesTokenFromTheKeychain() {
        KeychainSecretStore store; // the service hangard uses
        HANGAR_VERIFY_OK(await(store.write(kSpritesKey, QStringLiteral("kc-secret-4711"))));
        QTemporaryDir dir;
        Daemon d(hangardEnvironment(dir.path(), true));
        QTRY_VERIFY2_WITH_TIMEOUT(d.log().contains("ready:") || d.finished(), d.log().constData(),
                                  30'000);
        QVERIFY2(!d.finished(), d.log().constData());
        QVERIFY2(!d.log().contains("kc-secret-4711"), d.log().constData());
        HANGAR_VERIFY_OK(await(store.remove(kSpritesKey)));
    }

    void hangardWithoutAnyTokenNamesBothWays() {
        KeychainSecretStore store;
        HANGAR_VERIFY_OK(await(store.remove(kSpritesKey)));
        QTemporaryDir dir;
        Daemon d(hangardEnvironment(dir.path(), true));
        QTRY_VERIFY_WITH_TIMEOUT(d.finished(), 30'000);
        QCOMPARE(d.process().exitCode(), 1);
        QVERIFY2(d.log().contains("SPRITES_TOKEN"), d.log().constData());
        QVERIFY2(d.log().contains("keychain"), d.log().constData());
    }

    // No reachable keychain: an error naming both ways when Sprites is required, a warning
    // (and a running daemon) when it is not.
    void hangardWithoutAKeychain_data() {
        QTest::addColumn<bool>("spritesEnabled");
        QTest::newRow("sprites optional") << false;
        QTest::newRow("sprites required") << true;
    }
    void hangardWithoutAKeychain() {
        QFETCH(bool, spritesEnabled);
        QTemporaryDir dir;
        QProcessEnvironment env = hangardEnvironment(dir.path(), spritesEnabled);
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-bus")));
        Daemon d(env);
        if (spritesEnabled) {
            QTRY_VERIFY_WITH_TIMEOUT(d.finished(), 30'000);
            QCOMPARE(d.process().exitCode(), 1);
            QVERIFY2(d.log().contains("SPRITES_TOKEN"), d.log().constData());
            QVERIFY2(d.log().contains("could not be read"), d.log().constData());
        } else {
            QTRY_VERIFY2_WITH_TIMEOUT(d.log().contains("ready:") || d.finished(),
                                      d.log().constData(), 30'000);
            QVERIFY2(!d.finished(), d.log().constData());
            QVERIFY2(d.log().contains("No Sprites backend"), d.log().constData());
            QVERIFY2(d.log().contains("could not be reached"), d.log().constData());
        }
    }

private:
    static QProcessEnvironment hangardEnvironment(const QString& dataDir, bool spritesEnabled) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(env::spritesToken);
        env.insert(env::dataDir, dataDir);
        env.insert(env::dbUrl, QStringLiteral("sqlite://") + dataDir + QStringLiteral("/h.db"));
        env.insert(env::apiListen, QStringLiteral("127.0.0.1:0"));
        env.insert(env::apiToken, QStringLiteral("test-api-token"));
        env.insert(env::spritesApiBaseUrl, QStringLiteral("http://127.0.0.1:9"));
        env.insert(env::spritesEnabled,
                   spritesEnabled ? QStringLiteral("true") : QStringLiteral("false"));
        return env;
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
