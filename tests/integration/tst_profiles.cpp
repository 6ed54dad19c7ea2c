// Profiles applied to real sandboxes, on the local backend and on Sprites (through the
// emulator): variables and secrets in `env` (exec and terminals), files byte for byte with
// hostile content, generated SSH keys with mode 0600, setup output in the timeline, a failing
// setup command failing the provisioning with its output, files and keys written again after a
// restore, and the secret's value nowhere in the database file or the log.
#include "SpritesRig.h"
#include "TestDatabases.h"
#include "TestSupport.h"
#include "config/MemorySecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "profiles/ProfileProvisioner.h"
#include "profiles/ProfileStore.h"
#include "sprites/SpritesBackend.h"
#include "store/Store.h"
#include "terminal/TerminalHub.h"
#include "terminal/TerminalSession.h"
#include "terminal/TranscriptStore.h"
#include "tools/SandboxAdmin.h"
#include "tools/SandboxTools.h"
#include "util/Clock.h"

#include <QDirIterator>
#include <QMutex>

using hangar::sprites::SpritesBackend;

namespace {

const QString SecretValue = QStringLiteral("s3cr3t-Value-7f1c9e");
const QByteArray Hostile = "it's \"quoted\" $(touch /tmp/pwned-by-profile) `id` ; rm -rf ~ &&\n"
                           "second line with \\ backslash and \t tab\n$HOME stays literal\n";

QByteArray allBytes() {
    QByteArray out;
    for (int i = 0; i < 256; ++i)
        out.append(static_cast<char>(i));
    return out + QByteArray("\0\r\n\xff", 4);
}

// Every message Qt logs while a test runs, to look for secrets in.
QMutex logMutex;
QStringList* capturedLog = nullptr;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&logMutex);
        if (capturedLog)
            capturedLog->append(message);
    }
    previousHandler(type, context, message);
}

} // namespace

class TestProfiles : public QObject, public SpritesRig {
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<test::TempDatabase> m_db;
    ManualClock m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LocalBackend> m_local;
    std::unique_ptr<SpritesBackend> m_sprites;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<LifecycleService> m_service;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ProfileProvisioner> m_provisioner;
    std::unique_ptr<SandboxTools> m_tools;
    QStringList m_log;

    Profile sampleProfile(const QString& name) {
        Profile p;
        p.name = name;
        p.variables.insert(QStringLiteral("GREETING"), QStringLiteral("hello profile"));
        p.secrets << QStringLiteral("API_TOKEN");
        p.files << ProfileFile{QStringLiteral("~/conf/hostile.txt"), Hostile, 0640}
                << ProfileFile{QStringLiteral("~/bin.dat"), allBytes(), 0600};
        ProfileKey key;
        key.name = QStringLiteral("id_ed25519");
        p.keys << key;
        p.setup << QStringLiteral("echo \"setup sees $GREETING\"; echo \"token=$API_TOKEN\"")
                << QStringLiteral("echo done > \"$HOME/setup-marker\"");
        return p;
    }

    Profile createProfile(const Profile& p) {
        auto created = m_profiles->create(p);
        if (!created)
            qWarning("%s", qPrintable(created.error().describe()));
        return created ? created.value() : Profile();
    }

    QString text(const QString& id, const QString& command) {
        auto r = test::await(m_tools->exec(id, command));
        if (!r)
            return QStringLiteral("ERROR: ") + r.error().describe();
        return QString::fromUtf8(r.value().stdoutData);
    }

private slots:
    void initTestCase() {
        startEmulator();
        previousHandler = qInstallMessageHandler(captureMessage);
        QLoggingCategory::setFilterRules(QStringLiteral("hangar.*.debug=true\n"
                                                        "qt.httpserver.warning=false"));
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void init() {
        {
            QMutexLocker lock(&logMutex);
            m_log.clear();
            capturedLog = &m_log;
        }
        m_db = std::make_unique<test::TempDatabase>(test::TempDatabase::Kind::Sqlite);
        QVERIFY(m_db->isValid());
        auto store = Store::open(m_db->url());
        HANGAR_VERIFY_OK(store);
        m_store = std::move(store).value();
        LocalBackend::Options local;
        local.dataDir = m_data.filePath(QStringLiteral("local"));
        m_local = std::make_unique<LocalBackend>(local);
        SpritesBackend::Options options;
        options.client.baseUrl = QUrl(m_base);
        options.client.token = Token;
        m_sprites = std::make_unique<SpritesBackend>(options);
        m_service = std::make_unique<LifecycleService>(*m_store, m_clock, LifecycleOptions{});
        m_service->addBackend(m_local.get());
        m_service->addBackend(m_sprites.get());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_profiles = std::make_unique<ProfileStore>(*m_store, *m_secrets);
        HANGAR_VERIFY_OK(m_profiles->ensureDefault());
        m_provisioner = std::make_unique<ProfileProvisioner>(*m_service, *m_profiles);
        m_service->setPreparer(m_provisioner.get());
        m_tools = std::make_unique<SandboxTools>(*m_service);
    }

    void cleanup() {
        {
            QMutexLocker lock(&logMutex);
            capturedLog = nullptr;
        }
        if (m_service) {
            if (auto all = m_service->sandboxes()) {
                for (const Sandbox& s : all.value())
                    (void)test::await(m_service->destroy(s.id));
            }
        }
        m_tools.reset();
        m_service.reset();
        m_provisioner.reset();
        m_profiles.reset();
        m_secrets.reset();
        m_sprites.reset();
        m_local.reset();
        m_store.reset();
        m_db.reset();
    }

    void profileIsApplied_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("local") << QStringLiteral("local");
        QTest::newRow("sprites") << QStringLiteral("sprites");
    }

    void profileIsApplied() {
        QFETCH(QString, backend);
        const Profile profile = createProfile(sampleProfile(QStringLiteral("dev")));
        QVERIFY(!profile.id.isEmpty());
        HANGAR_VERIFY_OK(test::await(
            m_profiles->setSecret(profile.id, QStringLiteral("API_TOKEN"), SecretValue)));

        auto sandbox = test::await(m_service->provision(QStringLiteral("prof"), QStringLiteral("a"),
                                                        backend, ProvisionOptions{profile.id}),
                                   60'000);
        HANGAR_VERIFY_OK(sandbox);
        QCOMPARE(sandbox.value().state, SandboxState::Active);
        const QString id = sandbox.value().id;
        QCOMPARE(m_profiles->profileOf(id).value().id, profile.id);

        // Variables and secrets in exec's environment.
        const QString env = text(id, QStringLiteral("env"));
        QVERIFY2(env.contains(QStringLiteral("GREETING=hello profile\n")), qPrintable(env));
        QVERIFY2(env.contains(QStringLiteral("API_TOKEN=") + SecretValue), qPrintable(env));

        // Files byte for byte, with their modes; the hostile content ran nothing.
        const QString home = text(id, QStringLiteral("printf %s \"$HOME\""));
        auto hostile =
            test::await(m_tools->readFile(id, home + QStringLiteral("/conf/hostile.txt")));
        HANGAR_VERIFY_OK(hostile);
        QCOMPARE(hostile.value(), Hostile);
        auto binary = test::await(m_tools->readFile(id, home + QStringLiteral("/bin.dat")));
        HANGAR_VERIFY_OK(binary);
        QCOMPARE(binary.value(), allBytes());
        QCOMPARE(
            test::await(m_tools->stat(id, home + QStringLiteral("/conf/hostile.txt"))).value().mode,
            quint32(0640));
        QVERIFY(text(id, QStringLiteral("ls /tmp")).indexOf(QStringLiteral("pwned")) < 0);

        // The generated key: private 0600, public beside it, ~/.ssh 0700, a real key pair.
        const QString keyPath = home + QStringLiteral("/.ssh/id_ed25519");
        auto key = test::await(m_tools->stat(id, keyPath));
        HANGAR_VERIFY_OK(key);
        QCOMPARE(key.value().mode, quint32(0600));
        QCOMPARE(test::await(m_tools->stat(id, home + QStringLiteral("/.ssh"))).value().mode,
                 quint32(0700));
        auto privateKey = test::await(m_tools->readFile(id, keyPath));
        HANGAR_VERIFY_OK(privateKey);
        QVERIFY(privateKey.value().startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        auto publicKey = test::await(m_tools->readFile(id, keyPath + QStringLiteral(".pub")));
        HANGAR_VERIFY_OK(publicKey);
        QVERIFY(publicKey.value().startsWith("ssh-ed25519 "));

        // The setup ran once, its output in the timeline with the secret replaced.
        QCOMPARE(text(id, QStringLiteral("cat \"$HOME/setup-marker\"")), QStringLiteral("done\n"));
        auto events = m_service->events(id);
        HANGAR_VERIFY_OK(events);
        QStringList notes;
        for (const LifecycleEvent& e : events.value()) {
            QVERIFY(!e.detail.contains(SecretValue));
            QVERIFY(!e.reason.contains(SecretValue));
            if (e.isNote())
                notes << e.reason + QLatin1Char('|') + e.detail;
        }
        QCOMPARE(notes.size(), 2);
        QVERIFY2(notes.at(0).contains(QStringLiteral("setup sees hello profile")),
                 qPrintable(notes.at(0)));
        QVERIFY2(notes.at(0).contains(QStringLiteral("token=[secret API_TOKEN]")),
                 qPrintable(notes.at(0)));

        // A terminal's shell has them too; its transcript never keeps the secret's value.
        QTemporaryDir transcriptDir;
        TranscriptStore transcripts(transcriptDir.path());
        TerminalHub hub(*m_service);
        hub.setTranscripts(&transcripts);
        auto session = test::await(hub.open(id, QStringLiteral("main")));
        HANGAR_VERIFY_OK(session);
        QByteArray screen;
        connect(session.value(), &TerminalSession::output, this,
                [&screen](const QByteArray& data) { screen += data; });
        session.value()->write("echo \"[$GREETING/${#API_TOKEN}]\"; echo \"<$API_TOKEN>\"\n");
        QTRY_VERIFY_WITH_TIMEOUT(screen.contains("[hello profile/19]"), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            screen.contains(QByteArray(QByteArray("<") + SecretValue.toUtf8() + '>')), 15'000);
        session.value()->write("exit\n");
        QTRY_VERIFY_WITH_TIMEOUT(!transcripts.list(id).value().isEmpty() &&
                                     !transcripts.list(id).value().constFirst().isOpen(),
                                 15'000);
        const QByteArray kept =
            transcripts.read(transcripts.list(id).value().constFirst().id).value();
        QVERIFY2(kept.contains("<[secret API_TOKEN]>"), kept.constData());
        QVERIFY(!kept.contains(SecretValue.toUtf8()));

        // After a restore the files and keys are back, the key unchanged; setup does not rerun.
        HANGAR_VERIFY_OK(
            test::await(m_tools->remove(id, home + QStringLiteral("/conf/hostile.txt"), false)));
        HANGAR_VERIFY_OK(test::await(m_tools->remove(id, keyPath, false)));
        HANGAR_VERIFY_OK(test::await(
            m_tools->writeFile(id, home + QStringLiteral("/setup-marker"), QByteArray("kept\n"))));
        HANGAR_VERIFY_OK(test::await(m_service->hibernate(id), 60'000));
        HANGAR_VERIFY_OK(test::await(m_service->resume(id), 60'000));
        QCOMPARE(
            test::await(m_tools->readFile(id, home + QStringLiteral("/conf/hostile.txt"))).value(),
            Hostile);
        QCOMPARE(test::await(m_tools->readFile(id, keyPath)).value(), privateKey.value());
        QCOMPARE(test::await(m_tools->stat(id, keyPath)).value().mode, quint32(0600));
        QCOMPARE(text(id, QStringLiteral("cat \"$HOME/setup-marker\"")), QStringLiteral("kept\n"));

        // A checkpoint restore brings back the checkpoint's files; the profile's are written
        // again on top (this checkpoint was taken without them).
        HANGAR_VERIFY_OK(
            test::await(m_tools->remove(id, home + QStringLiteral("/conf/hostile.txt"), false)));
        SandboxAdmin admin(*m_service);
        auto bare = test::await(admin.createCheckpoint(id, QStringLiteral("bare"), {}), 60'000);
        HANGAR_VERIFY_OK(bare);
        RestoreOptions noSafety;
        noSafety.safetyCheckpoint = false;
        HANGAR_VERIFY_OK(
            test::await(admin.restoreCheckpoint(id, bare.value().id, noSafety), 60'000));
        QCOMPARE(
            test::await(m_tools->readFile(id, home + QStringLiteral("/conf/hostile.txt"))).value(),
            Hostile);
        QCOMPARE(test::await(m_tools->stat(id, keyPath)).value().mode, quint32(0600));

        // The secret is in no database file and no log line.
        const QString dbDir = QFileInfo(m_store->url().path).absolutePath();
        m_tools.reset();
        QDirIterator files(dbDir, QDir::Files);
        int checked = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(SecretValue.toUtf8()), qPrintable(file.fileName()));
            ++checked;
        }
        QVERIFY(checked > 0);
        QMutexLocker lock(&logMutex);
        QVERIFY(!m_log.isEmpty());
        for (const QString& line : std::as_const(m_log))
            QVERIFY2(!line.contains(SecretValue), qPrintable(line));
        m_tools = std::make_unique<SandboxTools>(*m_service);
    }

    void failingSetupFailsProvisioning_data() { profileIsApplied_data(); }

    void failingSetupFailsProvisioning() {
        QFETCH(QString, backend);
        Profile p;
        p.name = QStringLiteral("broken");
        p.secrets << QStringLiteral("PASSWORD");
        p.setup << QStringLiteral("echo first ok")
                << QStringLiteral("echo \"about to fail with $PASSWORD\"; "
                                  "echo no such package >&2; exit 7")
                << QStringLiteral("echo never runs > \"$HOME/never\"");
        const Profile profile = createProfile(p);
        QVERIFY(!profile.id.isEmpty());
        HANGAR_VERIFY_OK(test::await(
            m_profiles->setSecret(profile.id, QStringLiteral("PASSWORD"), SecretValue)));

        auto sandbox = test::await(m_service->provision(QStringLiteral("prof"), QStringLiteral("b"),
                                                        backend, ProvisionOptions{profile.id}),
                                   60'000);
        QVERIFY(!sandbox.ok());
        const QString message = sandbox.error().message;
        QVERIFY2(message.contains(QStringLiteral("exit code 7")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("no such package")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("[secret PASSWORD]")), qPrintable(message));
        QVERIFY(!message.contains(SecretValue));

        auto all = m_service->sandboxes();
        HANGAR_VERIFY_OK(all);
        QCOMPARE(all.value().size(), 1);
        const Sandbox failed = all.value().first();
        QCOMPARE(failed.state, SandboxState::Failed);
        QVERIFY2(failed.error.contains(QStringLiteral("no such package")),
                 qPrintable(failed.error));
        auto events = m_service->events(failed.id);
        HANGAR_VERIFY_OK(events);
        int notes = 0;
        for (const LifecycleEvent& e : events.value()) {
            if (!e.isNote())
                continue;
            ++notes;
            QVERIFY(!e.detail.contains(SecretValue));
        }
        QCOMPARE(notes, 2); // the third command never ran
    }

    void unknownProfileIsRefused() {
        auto sandbox =
            test::await(m_service->provision(QStringLiteral("prof"), QStringLiteral("c"), {},
                                             ProvisionOptions{QStringLiteral("no-such-profile")}));
        QVERIFY(!sandbox.ok());
        QCOMPARE(sandbox.error().code, ErrorCode::InvalidArgument);
        QVERIFY(m_service->sandboxes().value().isEmpty());
    }

    void unsetSecretFailsClearly() {
        Profile p;
        p.name = QStringLiteral("unset");
        p.secrets << QStringLiteral("MISSING");
        p.setup << QStringLiteral("true");
        const Profile profile = createProfile(p);
        auto sandbox = test::await(m_service->provision(QStringLiteral("prof"), QStringLiteral("d"),
                                                        {}, ProvisionOptions{profile.id}));
        QVERIFY(!sandbox.ok());
        QVERIFY2(sandbox.error().message.contains(QStringLiteral("MISSING")),
                 qPrintable(sandbox.error().message));
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
