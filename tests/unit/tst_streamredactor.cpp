// StreamRedactor: secret values never come out of it, whichever way the output is cut.
#include "terminal/StreamRedactor.h"

#include <QTest>

using namespace hangar;

namespace {

const QMap<QString, QString> kSecrets{{QStringLiteral("TOKEN"), QStringLiteral("s3cr3t-abc")},
                                      {QStringLiteral("SHORT"), QStringLiteral("s3cr3t")},
                                      {QStringLiteral("EMPTY"), QString()}};

} // namespace

class TestStreamRedactor : public QObject {
    Q_OBJECT
private slots:
    // Every way of cutting the stream into two pieces gives the same redacted text.
    void valuesSplitAcrossPiecesAreRedacted() {
        const QByteArray output = "login s3cr3t-abc ok; short s3cr3t; s3cr3t-ab end\n";
        const QByteArray expected =
            "login [secret TOKEN] ok; short [secret SHORT]; [secret SHORT]-ab end\n";
        for (qsizetype cut = 0; cut <= output.size(); ++cut) {
            StreamRedactor redactor;
            redactor.setSecrets(kSecrets);
            QByteArray written = redactor.feed(output.left(cut));
            written += redactor.feed(output.mid(cut));
            written += redactor.finish();
            QCOMPARE(written, expected);
        }
    }

    void byteByByte() {
        const QByteArray output = "xx s3cr3t-abc yy";
        StreamRedactor redactor;
        redactor.setSecrets(kSecrets);
        QByteArray written;
        for (char c : output) {
            const QByteArray piece = redactor.feed(QByteArray(1, c));
            QVERIFY(!piece.contains("s3cr3t"));
            written += piece;
        }
        written += redactor.finish();
        QCOMPARE(written, QByteArray("xx [secret TOKEN] yy"));
    }

    // Until the values are known nothing comes out; then all of it, redacted.
    void heldUntilTheValuesAreKnown() {
        StreamRedactor redactor;
        QVERIFY(redactor.feed("echo s3cr3t-abc\n").isEmpty());
        QVERIFY(!redactor.knowsSecrets());
        redactor.setSecrets(kSecrets);
        QByteArray written = redactor.feed({});
        written += redactor.finish();
        QCOMPARE(written, QByteArray("echo [secret TOKEN]\n"));
    }

    // Values that never became known: what was held is dropped, not written as it was.
    void neverKnownDropsTheHeldOutput() {
        StreamRedactor redactor;
        QVERIFY(redactor.feed("s3cr3t-abc").isEmpty());
        QVERIFY(redactor.finish().isEmpty());
    }

    void noSecretsPassesEverythingAtOnce() {
        StreamRedactor redactor;
        redactor.setSecrets({});
        QCOMPARE(redactor.feed("plain output"), QByteArray("plain output"));
        QVERIFY(redactor.finish().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStreamRedactor)
#include "tst_streamredactor.moc"
