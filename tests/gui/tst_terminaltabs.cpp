// The Terminals tab over a real engine and real shells (local backend): open a shell in the
// chosen program and directory, type into it, keep tabs per sandbox, close a tab to end its
// shell, and say so when hibernation ends one.
#include "GuiRig.h"
#include "TerminalScreen.h"
#include "TerminalTabs.h"
#include "TerminalView.h"
#include "TestSupport.h"
#include "local/LocalBackend.h"
#include "terminal/TerminalHub.h"
#include "terminal/TranscriptStore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace hangar;
using hangar::test::await;
using hangar::test::kWaitMs;

class TstTerminalTabs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        qRegisterMetaType<TerminalView*>();
        qRegisterMetaType<QMenu*>();
    }

    void init() {
        m_rig = std::make_unique<test::GuiRig>();
        QVERIFY(m_rig->open());
        m_transcripts = std::make_unique<TranscriptStore>(m_rig->dir.filePath(QStringLiteral("t")));
        m_hub = std::make_unique<TerminalHub>(*m_rig->lifecycle);
        m_hub->setTranscripts(m_transcripts.get());
    }
    void cleanup() {
        m_hub.reset();
        m_transcripts.reset();
        m_rig.reset();
    }

    void openTypeAndRead() {
        const QString id = activeSandbox(QStringLiteral("tabs"));
        QVERIFY(!id.isEmpty());
        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.resize(800, 500);
        tabs.show();
        tabs.setSandboxId(id);
        tabs.shellCombo()->setCurrentText(QStringLiteral("/bin/sh"));
        HANGAR_VERIFY_OK(await(
            m_rig->local->makeDir(QStringLiteral("zuko-tabs-main"), QStringLiteral("sub"), true)));
        tabs.directoryEdit()->setText(QStringLiteral("/workspace/sub"));
        TerminalView* view = openShell(tabs);
        QVERIFY(view);
        QCOMPARE(tabs.currentTabs()->count(), 1);
        QCOMPARE(tabs.currentTabs()->tabText(0), QStringLiteral("sh"));
        QTest::keyClicks(view, QStringLiteral("echo tabs-$((6*7)) in $(pwd)"));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(
            view->screen().screenText().contains(QLatin1String("tabs-42 in /workspace/sub")),
            qPrintable(view->screen().screenText()), kWaitMs);
        // The transcript has it too.
        QTRY_VERIFY_WITH_TIMEOUT(
            TranscriptStore::plainText(
                m_transcripts->read(m_transcripts->list(id).value().constFirst().id).value())
                .contains(QLatin1String("tabs-42")),
            kWaitMs);
    }

    void tabsArePerSandboxAndCloseEndsTheShell() {
        const QString a = activeSandbox(QStringLiteral("ta"));
        const QString b = activeSandbox(QStringLiteral("tb"));
        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.show();
        tabs.setSandboxId(a);
        tabs.shellCombo()->setCurrentText(QStringLiteral("/bin/sh"));
        QVERIFY(openShell(tabs));
        QTabWidget* ofA = tabs.currentTabs();
        tabs.setSandboxId(b);
        QVERIFY(!tabs.currentTabs());
        QVERIFY(!ofA->isVisible());
        tabs.setSandboxId(a);
        QCOMPARE(tabs.currentTabs(), ofA);
        QVERIFY(ofA->isVisible());

        // Closing the tab ends its shell (its transcript closes).
        emit ofA->tabCloseRequested(0);
        QCOMPARE(ofA->count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_transcripts->list(a).value().constFirst().isOpen(), kWaitMs);
    }

    void hibernationEndingAShellIsSaid() {
        const QString id = activeSandbox(QStringLiteral("sleepy"));
        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.show();
        tabs.setSandboxId(id);
        tabs.shellCombo()->setCurrentText(QStringLiteral("/bin/sh"));
        TerminalView* view = openShell(tabs);
        QVERIFY(view);
        HANGAR_VERIFY_OK(await(m_rig->lifecycle->hibernate(id)));
        auto* banner =
            tabs.currentTabs()->widget(0)->findChild<QLabel*>(QStringLiteral("sessionBanner"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kWaitMs);
        QVERIFY2(banner->text().contains(QLatin1String("hibernated")), qPrintable(banner->text()));
    }

    void attachReplaysAndKillEnds() {
        const QString id = activeSandbox(QStringLiteral("attach"));
        QVERIFY(!id.isEmpty());
        // A shell started elsewhere (as an agent or a browser would), with output already.
        ExecRequest request;
        request.argv = {QStringLiteral("/bin/sh")};
        request.tty = true;
        ExecSession* exec = m_rig->local->startExec(QStringLiteral("zuko-attach-main"), request);
        QSignalSpy started(exec, &ExecSession::started);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kWaitMs);
        exec->write("echo before-attach\n");
        QTRY_VERIFY_WITH_TIMEOUT(exec->scrollback().contains("before-attach\r\n"), kWaitMs);

        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.resize(800, 500);
        tabs.show();
        tabs.setSandboxId(id);
        // The menu offers it.
        QSignalSpy menuReady(&tabs, &TerminalTabs::attachMenuReady);
        tabs.chooseSessionToAttach();
        QTRY_COMPARE_WITH_TIMEOUT(menuReady.count(), 1, kWaitMs);
        auto* menu = menuReady.at(0).at(0).value<QMenu*>();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 1);
        QVERIFY(menu->actions().constFirst()->text().startsWith(QLatin1String("/bin/sh")));
        menu->close();

        QSignalSpy opened(&tabs, &TerminalTabs::shellOpened);
        tabs.attachSession(exec->id(), QStringLiteral("/bin/sh"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kWaitMs);
        auto* view = tabs.currentTabs()->currentWidget()->findChild<TerminalView*>();
        QVERIFY(view);
        // What it printed before is replayed; what is typed now reaches it.
        QTRY_VERIFY2_WITH_TIMEOUT(
            view->screen().screenText().contains(QLatin1String("before-attach")),
            qPrintable(view->screen().screenText()), kWaitMs);
        QTest::keyClicks(view, QStringLiteral("echo after-$((1+1))"));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(view->screen().screenText().contains(QLatin1String("after-2")),
                                  qPrintable(view->screen().screenText()), kWaitMs);

        QSignalSpy ended(exec, &ExecSession::exited);
        tabs.killCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(!exec->isRunning(), kWaitMs);
        auto* banner = tabs.currentTabs()->currentWidget()->findChild<QLabel*>(
            QStringLiteral("sessionBanner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kWaitMs);
    }

    void failureIsShownInPlace() {
        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.show();
        tabs.setSandboxId(QStringLiteral("no-such-sandbox"));
        QSignalSpy failed(&tabs, &TerminalTabs::shellFailed);
        tabs.openShell();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
        QVERIFY(!tabs.currentTabs());
    }

private:
    QString activeSandbox(const QString& chat) {
        auto created = await(m_rig->lifecycle->provision(chat, QStringLiteral("main")));
        return created ? created.value().id : QString();
    }
    TerminalView* openShell(TerminalTabs& tabs) {
        QSignalSpy opened(&tabs, &TerminalTabs::shellOpened);
        tabs.openShell();
        if (!QTest::qWaitFor([&opened] { return opened.count() == 1; }, kWaitMs))
            return nullptr;
        QTabWidget* current = tabs.currentTabs();
        return current ? current->currentWidget()->findChild<TerminalView*>() : nullptr;
    }

    std::unique_ptr<test::GuiRig> m_rig;
    std::unique_ptr<TranscriptStore> m_transcripts;
    std::unique_ptr<TerminalHub> m_hub;
};

QTEST_MAIN(TstTerminalTabs)
#include "tst_terminaltabs.moc"
