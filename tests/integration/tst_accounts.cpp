// Named Sprites accounts beside the local backend (issue 9): two Sprites-compatible servers,
// each with its own token, as two accounts of one engine. Sandboxes land on the account they
// were created on, an account added or changed at run time is usable at once, removing an
// account that still has sandboxes is refused and names them, and tokens stay in the secret
// store (never the accounts file, the database or anything else in the data directory).
#include "AccountsRig.h"
#include "sprites/SpritesBackend.h"
#include "tools/SandboxTools.h"

#include <QSignalSpy>

using namespace hangar;
using namespace hangar::test;

class TstAccounts : public QObject, public AccountsRig {
    Q_OBJECT

    Sandbox provision(const QString& chat, const QString& key) {
        auto s = await(lifecycle().provision(chat, QStringLiteral("t"), key), 60'000);
        if (!s) {
            qWarning().noquote() << s.error().describe();
            return {};
        }
        return s.value();
    }

    QString output(const QString& id, const QString& command) {
        auto run = await(m_engine->tools().exec(id, command), 60'000);
        return run ? QString::fromUtf8(run.value().stdoutData) : run.error().describe();
    }

private slots:
    void initTestCase() {
        startServers();
        startEngine();
    }

    void onlyLocalAtFirst() {
        const QList<AccountInfo> all = accounts().accounts();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].key, QStringLiteral("local"));
        QVERIFY(all[0].isDefault);
    }

    void badAccountsAreRefusedAndNothingIsWritten() {
        const int calls = m_secrets.callCount();
        SpritesAccount bad = account(QStringLiteral("Alpha!"), m_alpha);
        auto r = await(accounts().add(bad, m_alpha.token));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(r.error().message.contains(QStringLiteral("Alpha!")));
        bad = account(QStringLiteral("alpha"), m_alpha);
        bad.baseUrl = QStringLiteral("ftp://example.com");
        r = await(accounts().add(bad, m_alpha.token));
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QStringLiteral("ftp://example.com")));
        r = await(accounts().add(account(QStringLiteral("alpha"), m_alpha), QStringLiteral(" ")));
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QStringLiteral("token")));
        QCOMPARE(m_secrets.callCount(), calls); // the store was not even asked
        QVERIFY(!QFile::exists(accounts().file()));
        QCOMPARE(accounts().accounts().size(), 1);
    }

    void accountsAddedAtRunTimeAreUsableAtOnce() {
        QSignalSpy changed(&accounts(), &AccountManager::accountsChanged);
        auto alpha =
            await(accounts().add(account(QStringLiteral("alpha"), m_alpha), m_alpha.token));
        HANGAR_VERIFY_OK(alpha);
        QCOMPARE(alpha.value().key, QStringLiteral("sprites:alpha"));
        QVERIFY(alpha.value().available);
        auto beta = await(accounts().add(account(QStringLiteral("beta"), m_beta), m_beta.token));
        HANGAR_VERIFY_OK(beta);
        QCOMPARE(changed.size(), 2);
        auto again = await(accounts().add(account(QStringLiteral("beta"), m_alpha), m_alpha.token));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);

        QVERIFY(lifecycle().backend(QStringLiteral("sprites:alpha")));
        QVERIFY(lifecycle().backend(QStringLiteral("sprites:beta")));
        auto token = await(m_secrets.read(accounts::tokenSecretKey(QStringLiteral("beta"))));
        HANGAR_VERIFY_OK(token);
        QCOMPARE(token.value(), m_beta.token);
    }

    void sandboxesLandOnTheirAccount() {
        const Sandbox a = provision(QStringLiteral("a1"), QStringLiteral("sprites:alpha"));
        const Sandbox b = provision(QStringLiteral("b1"), QStringLiteral("sprites:beta"));
        const Sandbox l = provision(QStringLiteral("l1"), QStringLiteral("local"));
        QVERIFY(a.isValid() && b.isValid() && l.isValid());
        QCOMPARE(a.backend, QStringLiteral("sprites:alpha"));
        QCOMPARE(b.backend, QStringLiteral("sprites:beta"));
        QCOMPARE(l.backend, QStringLiteral("local"));
        QCOMPARE(a.state, SandboxState::Active);
        QCOMPARE(b.state, SandboxState::Active);
        // Each server holds exactly its own account's machine.
        QVERIFY(m_alpha.names().contains(a.name));
        QVERIFY(!m_alpha.names().contains(b.name));
        QVERIFY(m_beta.names().contains(b.name));
        QVERIFY(!m_beta.names().contains(a.name));
        // Tool calls go to the right server: a file written in one is not in the other.
        HANGAR_VERIFY_OK(await(m_engine->tools().writeFile(a.id, QStringLiteral("where"),
                                                           QByteArrayLiteral("alpha"))));
        QCOMPARE(output(a.id, QStringLiteral("cat where")), QStringLiteral("alpha"));
        QVERIFY(!await(m_engine->tools().readFile(b.id, QStringLiteral("where"))));
    }

    void anExistingNameOnAnotherAccountIsNotReturnedSilently() {
        auto s = await(lifecycle().provision(QStringLiteral("a1"), QStringLiteral("t"),
                                             QStringLiteral("sprites:beta")));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Conflict);
        QVERIFY2(s.error().message.contains(QStringLiteral("sprites:alpha")),
                 qPrintable(s.error().message));
    }

    void switchingTheDefaultTakesEffectAtOnce() {
        QVERIFY(!accounts().setDefaultAccount(QStringLiteral("sprites:nope")));
        HANGAR_VERIFY_OK(accounts().setDefaultAccount(QStringLiteral("sprites:beta")));
        const Sandbox d = provision(QStringLiteral("d1"), {});
        QCOMPARE(d.backend, QStringLiteral("sprites:beta"));
        QVERIFY(m_beta.names().contains(d.name));
        HANGAR_VERIFY_OK(await(lifecycle().destroy(d.id), 60'000));
    }

    void editingAnAccountReconnectsIt() {
        // Beta's token on alpha's server is refused: the backend uses what was just stored.
        SpritesAccount beta = account(QStringLiteral("beta"), m_beta);
        beta.name = QStringLiteral("Beta, renamed");
        auto renamed = await(accounts().update(beta));
        HANGAR_VERIFY_OK(renamed);
        QCOMPARE(renamed.value().name, QStringLiteral("Beta, renamed"));
        auto wrong = await(accounts().update(beta, m_alpha.token));
        HANGAR_VERIFY_OK(wrong);
        QVERIFY(!await(lifecycle().backend(QStringLiteral("sprites:beta"))->checkConnection()));
        HANGAR_VERIFY_OK(await(accounts().update(beta, m_beta.token)));
        HANGAR_VERIFY_OK(
            await(lifecycle().backend(QStringLiteral("sprites:beta"))->checkConnection()));
        auto missing = await(accounts().update(account(QStringLiteral("gamma"), m_beta)));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void accountsComeBackAfterARestart() {
        startEngine();
        const auto alpha = accounts().account(QStringLiteral("sprites:alpha"));
        QVERIFY(alpha);
        QVERIFY(alpha->available);
        QCOMPARE(alpha->organization, QStringLiteral("org-alpha"));
        QCOMPARE(accounts().account(QStringLiteral("sprites:beta"))->name,
                 QStringLiteral("Beta, renamed"));
        QCOMPARE(accounts().defaultAccount(), QStringLiteral("sprites:beta"));
        auto a = lifecycle().sandboxes();
        HANGAR_VERIFY_OK(a);
        for (const Sandbox& s : a.value()) {
            if (s.chatId == QLatin1String("a1"))
                QCOMPARE(output(s.id, QStringLiteral("cat where")), QStringLiteral("alpha"));
        }
    }

    void anAccountWithoutATokenIsListedUnavailable() {
        HANGAR_VERIFY_OK(await(m_secrets.remove(accounts::tokenSecretKey(QStringLiteral("beta")))));
        auto config = Config::load(m_env);
        HANGAR_VERIFY_OK(config);
        auto secrets = EngineSecrets::resolve(config.value(), m_env, m_secrets);
        HANGAR_VERIFY_OK(secrets);
        QVERIFY(secrets.value().warnings.join(QString()).contains(QStringLiteral("Beta, renamed")));
        m_engine.reset();
        auto engine = Engine::create(config.value(), nullptr, secrets.value());
        HANGAR_VERIFY_OK(engine);
        m_engine = std::move(engine).value();
        const auto beta = accounts().account(QStringLiteral("sprites:beta"));
        QVERIFY(beta && !beta->available && !beta->problem.isEmpty());
        // The default it named is not there: new sandboxes go to the configuration's default.
        QCOMPARE(accounts().defaultAccount(), QStringLiteral("local"));
        // Giving it a token brings it back without a restart.
        SpritesAccount b = account(QStringLiteral("beta"), m_beta);
        HANGAR_VERIFY_OK(await(accounts().update(b, m_beta.token)));
        QVERIFY(accounts().account(QStringLiteral("sprites:beta"))->available);
    }

    void removingAnAccountWithSandboxesIsRefusedAndNamesThem() {
        auto refused = await(accounts().remove(QStringLiteral("alpha")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(QStringLiteral("zuko-a1-t")),
                 qPrintable(refused.error().message));
        QVERIFY(lifecycle().backend(QStringLiteral("sprites:alpha")));

        auto all = lifecycle().sandboxes();
        HANGAR_VERIFY_OK(all);
        for (const Sandbox& s : all.value()) {
            if (s.backend == QLatin1String("sprites:alpha"))
                HANGAR_VERIFY_OK(await(lifecycle().destroy(s.id), 60'000));
        }
        QSignalSpy changed(&accounts(), &AccountManager::accountsChanged);
        HANGAR_VERIFY_OK(await(accounts().remove(QStringLiteral("alpha"))));
        QCOMPARE(changed.size(), 1);
        QVERIFY(!accounts().account(QStringLiteral("sprites:alpha")));
        QVERIFY(!lifecycle().backend(QStringLiteral("sprites:alpha")));
        auto gone = await(m_secrets.read(accounts::tokenSecretKey(QStringLiteral("alpha"))));
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        auto nowhere = await(lifecycle().provision(QStringLiteral("a2"), QStringLiteral("t"),
                                                   QStringLiteral("sprites:alpha")));
        QVERIFY(!nowhere);
        QVERIFY(nowhere.error().message.contains(QStringLiteral("sprites:alpha")));
    }

    void tokensAreNeverInTheDataDirectory() {
        QVERIFY(QFile::exists(accounts().file()));
        QVERIFY(!filesContaining(m_data.path(), QStringLiteral("org-beta")).isEmpty()); // can fail
        for (const QString& token : {m_alpha.token, m_beta.token}) {
            QCOMPARE(filesContaining(m_data.path(), token), QStringList());
            QCOMPARE(filesContaining(m_data.path(), token.section(QLatin1Char('/'), 2)),
                     QStringList());
        }
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TstAccounts)
#include "tst_accounts.moc"
