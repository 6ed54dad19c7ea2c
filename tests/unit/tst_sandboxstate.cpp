#include "lifecycle/SandboxState.h"

#include <QTest>

using namespace hangar;

class TestSandboxState : public QObject {
    Q_OBJECT
private slots:
    void namesRoundTrip() {
        for (SandboxState s : kAllStates) {
            const auto back = stateFromName(stateName(s));
            QVERIFY(back.has_value());
            QCOMPARE(*back, s);
        }
        QVERIFY(!stateFromName(QStringLiteral("running")).has_value());
        QVERIFY(!stateFromName(QStringLiteral("Active")).has_value());
    }

    void transitionTable_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("legal");
        // Every pair of states, with exactly the table of ARCHITECTURE.md marked legal.
        const QSet<QString> legal = {
            QStringLiteral("provisioning>active"),    QStringLiteral("provisioning>failed"),
            QStringLiteral("active>hibernating"),     QStringLiteral("active>hibernated"),
            QStringLiteral("hibernating>hibernated"), QStringLiteral("hibernating>failed"),
            QStringLiteral("hibernated>restoring"),   QStringLiteral("restoring>active"),
            QStringLiteral("restoring>failed"),       QStringLiteral("failed>provisioning"),
        };
        for (SandboxState from : kAllStates) {
            for (SandboxState to : kAllStates) {
                const QString key = stateName(from) + QLatin1Char('>') + stateName(to);
                QTest::newRow(qPrintable(key))
                    << stateName(from) << stateName(to) << legal.contains(key);
            }
        }
    }

    void transitionTable() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, legal);
        QCOMPARE(isLegalTransition(*stateFromName(from), *stateFromName(to)), legal);
    }

    void transientStates() {
        QVERIFY(isTransient(SandboxState::Provisioning));
        QVERIFY(isTransient(SandboxState::Hibernating));
        QVERIFY(isTransient(SandboxState::Restoring));
        QVERIFY(!isTransient(SandboxState::Active));
        QVERIFY(!isTransient(SandboxState::Hibernated));
        QVERIFY(!isTransient(SandboxState::Failed));
        // Every transient state has a way out, so recovery can always finish it.
        for (SandboxState s : kAllStates)
            QVERIFY2(!legalTargets(s).isEmpty(), qPrintable(stateName(s)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxState)
#include "tst_sandboxstate.moc"
