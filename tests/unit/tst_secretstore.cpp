#include "config/Config.h"
#include "config/MemorySecretStore.h"
#include "config/TokenSource.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace hangar;

namespace {

const QString kKey = QLatin1String(secret_keys::kSpritesToken);

// Collects a task's result once it finishes, for QTRY_VERIFY. Shared, so a continuation that
// runs after a failed test function returned writes into live memory.
template <typename T> class Outcome {
public:
    Outcome(Task<T> task, QObject* context)
        : m_result(std::make_shared<std::optional<Result<T>>>()) {
        task.then(context, [slot = m_result](Result<T> r) { slot->emplace(std::move(r)); });
    }
    bool done() const { return m_result->has_value(); }
    const Result<T>& result() const { return **m_result; }

private:
    std::shared_ptr<std::optional<Result<T>>> m_result;
};

Config configWith(bool spritesEnabled) {
    Config config;
    config.spritesEnabled = spritesEnabled;
    return config;
}

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
private slots:
    void memoryRoundTrip() {
        MemorySecretStore store;
        Outcome<void> written(store.write(kKey, QStringLiteral("tok\nen ü")), this);
        // Answers come on a later turn of the event loop, as the keychain's do.
        QVERIFY(!written.done());
        QTRY_VERIFY(written.done());
        QVERIFY(written.result().ok());

        Outcome<QString> read(store.read(kKey), this);
        QTRY_VERIFY(read.done());
        QVERIFY(read.result().ok());
        QCOMPARE(read.result().value(), QStringLiteral("tok\nen ü"));

        Outcome<void> overwritten(store.write(kKey, QStringLiteral("second")), this);
        QTRY_VERIFY(overwritten.done());
        Outcome<QString> again(store.read(kKey), this);
        QTRY_VERIFY(again.done());
        QCOMPARE(again.result().value(), QStringLiteral("second"));

        Outcome<void> removed(store.remove(kKey), this);
        QTRY_VERIFY(removed.done());
        QVERIFY(removed.result().ok());
        Outcome<QString> gone(store.read(kKey), this);
        QTRY_VERIFY(gone.done());
        QVERIFY(!gone.result().ok());
        QCOMPARE(gone.result().error().code, ErrorCode::NotFound);
        QCOMPARE(store.description(), QStringLiteral("memory (not kept)"));
    }

    void readingAMissingKeyIsNotFound() {
        MemorySecretStore store;
        Outcome<QString> read(store.read(QStringLiteral("never-written")), this);
        QTRY_VERIFY(read.done());
        QVERIFY(!read.result().ok());
        QCOMPARE(read.result().error().code, ErrorCode::NotFound);
        QVERIFY(read.result().error().message.contains(QStringLiteral("never-written")));
    }

    void removingAMissingKeySucceeds() {
        MemorySecretStore store;
        Outcome<void> removed(store.remove(QStringLiteral("never-written")), this);
        QTRY_VERIFY(removed.done());
        QVERIFY(removed.result().ok());
    }

    void unavailableModeFailsEveryCall() {
        MemorySecretStore store;
        Outcome<void> before(store.write(kKey, QStringLiteral("kept")), this);
        QTRY_VERIFY(before.done());

        store.setUnavailable(true);
        QVERIFY(store.isUnavailable());
        Outcome<QString> read(store.read(kKey), this);
        Outcome<void> written(store.write(kKey, QStringLiteral("x")), this);
        Outcome<void> removed(store.remove(kKey), this);
        QTRY_VERIFY(read.done() && written.done() && removed.done());
        QCOMPARE(read.result().error().code, ErrorCode::Unavailable);
        QCOMPARE(written.result().error().code, ErrorCode::Unavailable);
        QCOMPARE(removed.result().error().code, ErrorCode::Unavailable);

        // Nothing was lost while it was unavailable.
        store.setUnavailable(false);
        Outcome<QString> after(store.read(kKey), this);
        QTRY_VERIFY(after.done());
        QCOMPARE(after.result().value(), QStringLiteral("kept"));
    }

    void environmentWinsOverTheStore() {
        MemorySecretStore store;
        Outcome<void> written(store.write(kKey, QStringLiteral("from-store")), this);
        QTRY_VERIFY(written.done());
        const int calls = store.callCount();

        QProcessEnvironment env;
        env.insert(env::spritesToken, QStringLiteral("from-env"));
        Outcome<SpritesToken> token(resolveSpritesToken(configWith(false), env, &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY(token.result().ok());
        QCOMPARE(token.result().value().value, QStringLiteral("from-env"));
        QCOMPARE(token.result().value().origin, SpritesToken::Origin::Environment);
        QVERIFY(token.result().value().warning.isEmpty());
        QCOMPARE(store.callCount(), calls); // the store is not even asked
    }

    void storeIsUsedWhenTheEnvironmentHasNoToken_data() {
        QTest::addColumn<bool>("setEmpty");
        QTest::newRow("unset") << false;
        QTest::newRow("empty") << true;
    }
    void storeIsUsedWhenTheEnvironmentHasNoToken() {
        QFETCH(bool, setEmpty);
        MemorySecretStore store;
        Outcome<void> written(store.write(kKey, QStringLiteral("from-store")), this);
        QTRY_VERIFY(written.done());

        QProcessEnvironment env;
        if (setEmpty)
            env.insert(env::spritesToken, QString());
        Outcome<SpritesToken> token(resolveSpritesToken(configWith(true), env, &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY(token.result().ok());
        QCOMPARE(token.result().value().value, QStringLiteral("from-store"));
        QCOMPARE(token.result().value().origin, SpritesToken::Origin::SecretStore);
        QVERIFY(token.result().value().warning.isEmpty());
    }

    void nothingStoredMeansNoTokenAndNoWarning() {
        MemorySecretStore store;
        Outcome<SpritesToken> token(
            resolveSpritesToken(configWith(false), QProcessEnvironment(), &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY(token.result().ok());
        QVERIFY(token.result().value().isEmpty());
        QCOMPARE(token.result().value().origin, SpritesToken::Origin::None);
        QVERIFY(token.result().value().warning.isEmpty());
        QCOMPARE(store.callCount(), 1);
    }

    void noStoreMeansEnvironmentOnly() {
        Outcome<SpritesToken> token(
            resolveSpritesToken(configWith(true), QProcessEnvironment(), nullptr), this);
        QTRY_VERIFY(token.done());
        QVERIFY(token.result().ok());
        QVERIFY(token.result().value().isEmpty());
    }

    void unavailableStoreIsAWarningWhenSpritesIsOptional() {
        MemorySecretStore store;
        store.setUnavailable(true);
        Outcome<SpritesToken> token(
            resolveSpritesToken(configWith(false), QProcessEnvironment(), &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY2(token.result().ok(),
                 token.result().ok() ? "" : qPrintable(token.result().error().message));
        QVERIFY(token.result().value().isEmpty());
        const QString warning = token.result().value().warning;
        QVERIFY(!warning.isEmpty());
        QVERIFY2(warning.contains(store.description()), qPrintable(warning));
    }

    void unavailableStoreIsAnErrorWhenSpritesIsRequired() {
        MemorySecretStore store;
        store.setUnavailable(true);
        Outcome<SpritesToken> token(
            resolveSpritesToken(configWith(true), QProcessEnvironment(), &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY(!token.result().ok());
        QCOMPARE(token.result().error().code, ErrorCode::Unavailable);
        const QString message = token.result().error().message;
        // Both ways to provide a token are named.
        QVERIFY2(message.contains(env::spritesEnabled), qPrintable(message));
        QVERIFY2(message.contains(env::spritesToken), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("keychain")), qPrintable(message));
        QVERIFY2(message.contains(kKey), qPrintable(message));
    }

    void unavailableStoreDoesNotMatterWithTheEnvironmentToken() {
        MemorySecretStore store;
        store.setUnavailable(true);
        QProcessEnvironment env;
        env.insert(env::spritesToken, QStringLiteral("from-env"));
        Outcome<SpritesToken> token(resolveSpritesToken(configWith(true), env, &store), this);
        QTRY_VERIFY(token.done());
        QVERIFY(token.result().ok());
        QCOMPARE(token.result().value().value, QStringLiteral("from-env"));
        QVERIFY(token.result().value().warning.isEmpty());
    }

    void missingTokenMessageNamesBothWays() {
        const QString message = missingSpritesTokenMessage();
        QVERIFY(message.contains(env::spritesEnabled));
        QVERIFY(message.contains(env::spritesToken));
        QVERIFY(message.contains(QStringLiteral("keychain")));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
