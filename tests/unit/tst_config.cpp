#include "config/Config.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsMatchTheArchitecture() {
        QProcessEnvironment env;
        env.insert(env::dataDir, QStringLiteral("/tmp/hangar-config-test"));
        auto c = Config::load(env);
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
        QCOMPARE(c.value().spritesEnabled, false);
        QCOMPARE(c.value().defaultBackend(), QStringLiteral("local"));
        QCOMPARE(c.value().spritesApiBaseUrl, QStringLiteral("https://api.sprites.dev"));
        QCOMPARE(c.value().workingDir, QStringLiteral("/workspace"));
        QCOMPARE(c.value().inactivityTimeoutMs, 1'800'000);
        QCOMPARE(c.value().sweepIntervalMs, 60'000);
        QCOMPARE(c.value().healthProbeIntervalMs, 300'000);
        QCOMPARE(c.value().namePrefix, QStringLiteral("zuko"));
        QCOMPARE(c.value().pinnedSandbox, QString());
        QCOMPARE(c.value().apiListen, QStringLiteral("127.0.0.1:8377"));
        QCOMPARE(c.value().dbUrl, QStringLiteral("sqlite:///tmp/hangar-config-test/hangar.db"));
        QCOMPARE(c.value().sourceOf(env::dataDir), Config::Source::Environment);
        QCOMPARE(c.value().sourceOf(env::namePrefix), Config::Source::Default);
    }

    void environmentOverridesSettings() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("hangar.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("config/SANDBOX_NAME_PREFIX"),
                          QStringLiteral("fromsettings"));
        settings.setValue(QStringLiteral("config/SANDBOX_SWEEP_INTERVAL_MS"),
                          QStringLiteral("5000"));
        QProcessEnvironment env;
        env.insert(env::namePrefix, QStringLiteral("fromenv"));
        env.insert(env::spritesEnabled, QStringLiteral("true"));
        env.insert(env::spritesApiBaseUrl, QStringLiteral("http://127.0.0.1:9000/"));
        env.insert(env::inactivityTimeoutMs, QStringLiteral("1000"));
        env.insert(env::pinnedSandbox, QStringLiteral("e2e-box"));
        env.insert(env::healthProbeIntervalMs, QStringLiteral("90000"));
        auto c = Config::load(env, &settings);
        QVERIFY(c.ok());
        QCOMPARE(c.value().namePrefix, QStringLiteral("fromenv"));
        QCOMPARE(c.value().sourceOf(env::namePrefix), Config::Source::Environment);
        QCOMPARE(c.value().sweepIntervalMs, 5000);
        QCOMPARE(c.value().sourceOf(env::sweepIntervalMs), Config::Source::Settings);
        QCOMPARE(c.value().spritesEnabled, true);
        QCOMPARE(c.value().defaultBackend(), QStringLiteral("sprites"));
        QCOMPARE(c.value().spritesApiBaseUrl, QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(c.value().inactivityTimeoutMs, 1000);
        QCOMPARE(c.value().pinnedSandbox, QStringLiteral("e2e-box"));
        QCOMPARE(c.value().healthProbeIntervalMs, 90'000);
    }

    void corsOriginsAreAList() {
        QProcessEnvironment env;
        env.insert(env::apiCorsOrigins,
                   QStringLiteral("http://localhost:5173, https://ops.example"));
        auto c = Config::load(env);
        QVERIFY(c.ok());
        QCOMPARE(c.value().apiCorsOrigins, (QStringList{QStringLiteral("http://localhost:5173"),
                                                        QStringLiteral("https://ops.example")}));
    }

    void malformedValuesAreClearErrors_data() {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("timeout text") << env::inactivityTimeoutMs << QStringLiteral("soon");
        QTest::newRow("timeout negative") << env::inactivityTimeoutMs << QStringLiteral("-5");
        QTest::newRow("sweep zero") << env::sweepIntervalMs << QStringLiteral("0");
        QTest::newRow("probe text") << env::healthProbeIntervalMs << QStringLiteral("5m");
        QTest::newRow("enabled maybe") << env::spritesEnabled << QStringLiteral("maybe");
        QTest::newRow("base url") << env::spritesApiBaseUrl << QStringLiteral("ftp://x");
        QTest::newRow("working dir relative") << env::workingDir << QStringLiteral("workspace");
        QTest::newRow("working dir dotdot")
            << env::workingDir << QStringLiteral("/workspace/../etc");
        QTest::newRow("prefix upper") << env::namePrefix << QStringLiteral("Zuko");
        QTest::newRow("prefix shell") << env::namePrefix << QStringLiteral("a;rm");
        QTest::newRow("listen") << env::apiListen << QStringLiteral("localhost");
        QTest::newRow("listen port") << env::apiListen << QStringLiteral("127.0.0.1:99999");
        QTest::newRow("cors path")
            << env::apiCorsOrigins << QStringLiteral("https://a.example/app");
        QTest::newRow("cors scheme") << env::apiCorsOrigins << QStringLiteral("file://x");
    }

    void malformedValuesAreClearErrors() {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QProcessEnvironment env;
        env.insert(variable, value);
        auto c = Config::load(env);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(c.error().message.contains(variable), qPrintable(c.error().message));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
