// The Terminals tab on the Sprites backend, through the Sprites-compatible emulator: a real
// shell over real WebSockets, typed into through the widget; the remote TTY follows the
// view's size; a dropped connection shows a banner and comes back to the same shell; a shell
// started elsewhere is attached with its output replayed; killing it says so.
#include "FilesRig.h"
#include "TerminalScreen.h"
#include "TerminalTabs.h"
#include "TerminalView.h"
#include "terminal/TerminalHub.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace hangar;
using hangar::test::kFilesWaitMs;

class TstTerminalTabsSprites : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        qRegisterMetaType<TerminalView*>();
        qRegisterMetaType<QMenu*>();
        qRegisterMetaType<hangar::Error>();
    }

    void init() {
        m_rig = std::make_unique<test::FilesRig>();
        QVERIFY2(m_rig->open(QStringLiteral("sprites")), qPrintable(m_rig->error));
        m_hub = std::make_unique<TerminalHub>(*m_rig->lifecycle);
    }
    void cleanup() {
        m_hub.reset();
        m_rig.reset();
    }

    void typeResizeReconnect() {
        // Every exec socket is cut once 4 000 bytes went through (waking may run one first);
        // re-attaching is not.
        m_rig->emulator->faults().drop(QStringLiteral("WS"),
                                       QStringLiteral("/v1/sprites/[^/]+/exec"), 4000, -1);
        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.resize(900, 500);
        tabs.show();
        tabs.setSandboxId(m_rig->id);
        tabs.shellCombo()->setCurrentText(QStringLiteral("/bin/bash"));
        TerminalView* view = openShell(tabs);
        QVERIFY(view);
        auto* banner = tabs.currentTabs()->currentWidget()->findChild<QLabel*>(
            QStringLiteral("sessionBanner"));
        QVERIFY(banner);

        type(view, QStringLiteral("echo sprites-$((6*7)) in $(pwd)"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            view->screen().screenText().contains(QStringLiteral("sprites-42 in ") + m_rig->root),
            qPrintable(view->screen().screenText()), kFilesWaitMs);
        // The remote TTY has the view's size, and follows it.
        type(view, QStringLiteral("stty size"));
        const QString size = QStringLiteral("%1 %2").arg(view->rows()).arg(view->cols());
        QTRY_VERIFY2_WITH_TIMEOUT(view->screen().screenText().contains(size),
                                  qPrintable(view->screen().screenText()), kFilesWaitMs);
        tabs.resize(640, 400);
        QTRY_VERIFY(view->cols() != size.section(QLatin1Char(' '), 1).toInt());
        const QString smaller = QStringLiteral("%1 %2").arg(view->rows()).arg(view->cols());
        type(view, QStringLiteral("clear; stty size"));
        QTRY_VERIFY2_WITH_TIMEOUT(view->screen().screenText().contains(smaller),
                                  qPrintable(view->screen().screenText()), kFilesWaitMs);

        // Enough output to cut the connection: the banner says it reconnects, then goes.
        type(view, QStringLiteral("head -c 6000 /dev/zero | tr '\\0' x; echo; echo cut-$((6*8))"));
        QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible() &&
                                      banner->text().contains(QLatin1String("Reconnecting")),
                                  qPrintable(banner->text()), kFilesWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), kFilesWaitMs);
        m_rig->emulator->faults().clear();
        QTRY_VERIFY2_WITH_TIMEOUT(view->screen().screenText().contains(QLatin1String("cut-48")),
                                  qPrintable(view->screen().screenText()), kFilesWaitMs);
        type(view, QStringLiteral("echo back-$((6*9))"));
        QTRY_VERIFY2_WITH_TIMEOUT(view->screen().screenText().contains(QLatin1String("back-54")),
                                  qPrintable(view->screen().screenText()), kFilesWaitMs);

        type(view, QStringLiteral("exit 3"));
        QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible() &&
                                      banner->text().contains(QLatin1String("3")),
                                  qPrintable(banner->text()), kFilesWaitMs);
    }

    void attachReplaysAndKillEnds() {
        // A shell started elsewhere on the sprite (an agent, a browser), with output already.
        ExecRequest request;
        request.argv = {QStringLiteral("/bin/bash")};
        request.tty = true;
        ExecSession* exec = m_rig->sprites->startExec(m_rig->name, request);
        QSignalSpy started(exec, &ExecSession::started);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kFilesWaitMs);
        exec->write("echo before-attach-$((2*3))\n");
        QByteArray seen;
        connect(exec, &ExecSession::output, this,
                [&seen](const QByteArray& data, ExecSession::Stream) { seen += data; });
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains("before-attach-6"), kFilesWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!exec->id().isEmpty(), kFilesWaitMs);

        TerminalTabs tabs(*m_rig->lifecycle, *m_hub);
        tabs.resize(800, 500);
        tabs.show();
        tabs.setSandboxId(m_rig->id);
        QSignalSpy menuReady(&tabs, &TerminalTabs::attachMenuReady);
        tabs.chooseSessionToAttach();
        QTRY_COMPARE_WITH_TIMEOUT(menuReady.count(), 1, kFilesWaitMs);
        auto* menu = menuReady.at(0).at(0).value<QMenu*>();
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), 1);
        menu->close();

        QSignalSpy opened(&tabs, &TerminalTabs::shellOpened);
        tabs.attachSession(exec->id(), QStringLiteral("bash"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kFilesWaitMs);
        auto* view = tabs.currentTabs()->currentWidget()->findChild<TerminalView*>();
        QVERIFY(view);
        QTRY_VERIFY2_WITH_TIMEOUT(
            view->screen().screenText().contains(QLatin1String("before-attach-6")),
            qPrintable(view->screen().screenText()), kFilesWaitMs);
        type(view, QStringLiteral("echo after-attach-$((3*3))"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            view->screen().screenText().contains(QLatin1String("after-attach-9")),
            qPrintable(view->screen().screenText()), kFilesWaitMs);

        tabs.killCurrent();
        auto* banner = tabs.currentTabs()->currentWidget()->findChild<QLabel*>(
            QStringLiteral("sessionBanner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kFilesWaitMs);
        // Gone from the sprite, not just from this tab.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto listed = test::await(m_rig->sprites->sessions(m_rig->name));
                return listed && listed.value().isEmpty();
            }(),
            kFilesWaitMs);
    }

private:
    static void type(TerminalView* view, const QString& line) {
        QTest::keyClicks(view, line);
        QTest::keyClick(view, Qt::Key_Return);
    }
    static TerminalView* openShell(TerminalTabs& tabs) {
        QSignalSpy opened(&tabs, &TerminalTabs::shellOpened);
        tabs.openShell();
        if (!QTest::qWaitFor([&opened] { return opened.count() == 1; }, kFilesWaitMs))
            return nullptr;
        QTabWidget* current = tabs.currentTabs();
        return current ? current->currentWidget()->findChild<TerminalView*>() : nullptr;
    }

    std::unique_ptr<test::FilesRig> m_rig;
    std::unique_ptr<TerminalHub> m_hub;
};

QTEST_MAIN(TstTerminalTabsSprites)
#include "tst_terminaltabssprites.moc"
