// A real shell behind the widget: LocalBackend runs /bin/sh on a pty (under bubblewrap), a
// core TerminalSession wraps it, TerminalSessionConnector binds it to a shown TerminalView.
// Keys typed into the widget reach the shell; its output and the widget's size come back.
#include "TerminalScreen.h"
#include "TerminalSessionConnector.h"
#include "TerminalView.h"
#include "TestSupport.h"
#include "local/LocalBackend.h"
#include "terminal/TerminalSession.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

namespace {

constexpr int kShellWaitMs = 20'000;
const QString kSandbox = QStringLiteral("term");

// A whole screen row reads `text` (so the echo of a command line does not count).
bool showsLine(const TerminalScreen& screen, const QString& text) {
    return screen.screenText().split(QLatin1Char('\n')).contains(text);
}

} // namespace

class TstTerminalSession : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalBackend> m_backend;

    TerminalSession* startShell(int cols = 80, int rows = 24) {
        ExecRequest request;
        request.argv = {QStringLiteral("/bin/sh")};
        request.tty = true;
        request.cols = cols;
        request.rows = rows;
        // A prompt we can wait for, whatever the sandbox's sh would print by default.
        request.env.insert(QStringLiteral("PS1"), QStringLiteral("ready$ "));
        ExecSession* exec = m_backend->startExec(kSandbox, request);
        if (!exec)
            return nullptr;
        return new TerminalSession(kSandbox, QStringLiteral("main"), exec, this);
    }

    static void typeLine(TerminalView& view, const QString& line) {
        QTest::keyClicks(&view, line);
        QTest::keyClick(&view, Qt::Key_Return);
    }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        LocalBackend::Options options;
        options.dataDir = m_dir->path();
        options.killGraceMs = 1000;
        m_backend = std::make_unique<LocalBackend>(options);
        HANGAR_VERIFY_OK(test::await(m_backend->create(kSandbox)));
    }
    void cleanup() {
        m_backend.reset();
        m_dir.reset();
    }

    void typeCommandReadOutputAndResize() {
        QPointer<TerminalSession> session = startShell();
        QVERIFY(session);
        TerminalView view;
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        new TerminalSessionConnector(&view, session);

        const TerminalScreen& screen = view.screen();
        QTRY_VERIFY2_WITH_TIMEOUT(screen.screenText().contains(QStringLiteral("ready$")),
                                  qPrintable(screen.screenText()), kShellWaitMs);
        typeLine(view, QStringLiteral("echo hello-$((6*7))"));
        // The echoed command reads hello-$((6*7)); only the shell's answer says hello-42.
        QTRY_VERIFY2_WITH_TIMEOUT(showsLine(screen, QStringLiteral("hello-42")),
                                  qPrintable(screen.screenText()), kShellWaitMs);

        // The pty starts at the view's size (the connector sends it)...
        typeLine(view, QStringLiteral("stty size"));
        const QString first = QStringLiteral("%1 %2").arg(view.rows()).arg(view.cols());
        QTRY_VERIFY2_WITH_TIMEOUT(showsLine(screen, first), qPrintable(screen.screenText()),
                                  kShellWaitMs);

        // ... and follows the widget.
        QSignalSpy size(&view, &TerminalView::sizeChanged);
        view.resize(700 + 12 * view.cellSize().width(), 400 + 5 * view.cellSize().height());
        QTRY_VERIFY(!size.isEmpty());
        const QString resized = QStringLiteral("%1 %2").arg(view.rows()).arg(view.cols());
        QVERIFY(resized != first);
        typeLine(view, QStringLiteral("clear; stty size"));
        QTRY_VERIFY2_WITH_TIMEOUT(showsLine(screen, resized), qPrintable(screen.screenText()),
                                  kShellWaitMs);

        // (Not its exit status: dash in the sandbox's pid namespace cannot give the tty's
        // process group back on exit, says so, and exits 2.)
        QSignalSpy exited(session.data(), &TerminalSession::exited);
        typeLine(view, QStringLiteral("exit"));
        QTRY_VERIFY_WITH_TIMEOUT(!exited.isEmpty(), kShellWaitMs);
        QVERIFY(!session->isRunning());
    }

    void lateViewReplaysTheScrollback() {
        QPointer<TerminalSession> session = startShell();
        QVERIFY(session);
        QByteArray seen;
        connect(session.data(), &TerminalSession::output, this,
                [&seen](const QByteArray& data) { seen += data; });
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains("ready$"), kShellWaitMs);
        session->write("echo before-$((2+3))\r");
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains("before-5"), kShellWaitMs);

        // A view that comes later shows what was already there, then what follows.
        TerminalView view;
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy input(&view, &TerminalView::input);
        new TerminalSessionConnector(&view, session);
        QVERIFY(showsLine(view.screen(), QStringLiteral("before-5")));
        view.setFocus();
        typeLine(view, QStringLiteral("echo after-$((3+4))"));
        QTRY_VERIFY2_WITH_TIMEOUT(showsLine(view.screen(), QStringLiteral("after-7")),
                                  qPrintable(view.screen().screenText()), kShellWaitMs);
        session->terminate();
    }
};

QTEST_MAIN(TstTerminalSession)
#include "tst_terminalsession.moc"
