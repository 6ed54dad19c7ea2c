#include "tools/SandboxTools.h"

#include <QTest>

using namespace hangar;

class TestGrepParse : public QObject {
    Q_OBJECT
private slots:
    void parsesPathsWithColons() {
        const QByteArray out =
            QByteArray("a:b.txt") + '\0' + "12:hello: world\n" + "dir/c.txt" + '\0' + "3:x\n";
        const auto matches = parseGrepOutput(out, 10);
        QCOMPARE(matches.size(), 2);
        QCOMPARE(matches[0].path, QStringLiteral("a:b.txt"));
        QCOMPARE(matches[0].line, 12);
        QCOMPARE(matches[0].text, QStringLiteral("hello: world"));
        QCOMPARE(matches[1].path, QStringLiteral("dir/c.txt"));
        QCOMPARE(matches[1].line, 3);
        QCOMPARE(matches[1].text, QStringLiteral("x"));
    }

    void respectsTheLimit() {
        QByteArray out;
        for (int i = 1; i <= 5; ++i)
            out += QByteArray("f") + '\0' + QByteArray::number(i) + ":line\n";
        QCOMPARE(parseGrepOutput(out, 3).size(), 3);
        QCOMPARE(parseGrepOutput(out, 100).size(), 5);
        QCOMPARE(parseGrepOutput({}, 100).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGrepParse)
#include "tst_grepparse.moc"
