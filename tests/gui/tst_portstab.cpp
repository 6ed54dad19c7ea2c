// The Ports tab with real widgets over a real engine, on the local backend and on Sprites
// through the Sprites-compatible emulator: an HTTP server started in the sandbox is offered
// for forwarding, "Forward" makes a forward that carries a request to it (the table's traffic
// grows), Stop ends it, both land in the timeline; ports typed by hand are checked (bad input
// refused, nothing lost); Dismiss hides an offer; the public URL and its access are shown and
// changed on Sprites and explained on the local backend; a deny-all local sandbox refuses.
// The forward model runs under QAbstractItemModelTester throughout.
#include "FilesRig.h"
#include "PortForwardModel.h"
#include "SuiteArguments.h"
#include "TestSupport.h"
#include "sandbox/PortsTab.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWaitMs = 30'000;

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One HTTP/1.0 GET over a plain socket: the whole reply, once the server closed.
QByteArray httpGet(quint16 port, const QByteArray& path) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kWaitMs))
        return "(no connection: " + socket.errorString().toUtf8() + ")";
    socket.write("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n");
    QByteArray reply;
    QDeadlineTimer deadline(kWaitMs);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        socket.waitForReadyRead(50);
        reply += socket.readAll();
    }
    return reply + socket.readAll();
}

} // namespace

class TstPortsTab : public QObject {
    Q_OBJECT
public:
    explicit TstPortsTab(QString backend)
        : m_backend(std::move(backend)) {}

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")})
                .isEmpty())
            QSKIP("python3 in /usr/bin is needed inside the sandbox (it binds the host's /usr)");
    }
    void init() {
        m_rig = std::make_unique<test::FilesRig>();
        QVERIFY2(m_rig->open(m_backend), qPrintable(m_rig->error));
        m_tab = std::make_unique<PortsTab>(*m_rig->lifecycle);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(900, 600);
        m_tab->show();
    }
    void cleanup() {
        for (ExecSession* server : std::as_const(m_servers)) {
            if (server)
                server->terminate();
        }
        m_servers.clear();
        // A URL read still in flight ends first: its continuation needs the Sprites client.
        if (m_tab)
            QTRY_VERIFY_WITH_TIMEOUT(!m_tab->isUrlBusy(), kWaitMs);
        m_tester.reset();
        m_tab.reset();
        m_rig.reset();
    }

    void offeredPortIsForwarded() {
        HANGAR_VERIFY_OK(m_rig->write(QStringLiteral("site/hello.txt"), "hello from the tab\n"));
        m_tab->setSandboxId(m_rig->id);
        QVERIFY(m_tab->isWatchingPorts());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_tab->openPortsLabel()->text().contains(QLatin1String("Nothing in the sandbox")) ||
                m_tab->openPortsLabel()->text().contains(QLatin1String("Listening")),
            kWaitMs);
        QVERIFY(!m_tab->offerBar()->isVisible());

        // The server starts listening: offered in the bar, listed as a link.
        const quint16 port = startServer();
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->offeredPort(), port, kWaitMs);
        QVERIFY(m_tab->offerBar()->isVisible());
        QVERIFY2(m_tab->offerLabel()->text().contains(QString::number(port)),
                 qPrintable(m_tab->offerLabel()->text()));
        QVERIFY(m_tab->openPortsLabel()->text().contains(QStringLiteral(">%1<").arg(port)));

        // Forward: the same number is taken on this computer (the sandbox shares it), so any
        // free port is used.
        QSignalSpy finished(m_tab.get(), &PortsTab::operationFinished);
        m_tab->offerForwardButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QVERIFY(!m_tab->offerBar()->isVisible());
        QCOMPARE(m_tab->model()->rowCount(), 1);
        const QModelIndex row = m_tab->model()->index(0, 0);
        QCOMPARE(row.data(PortForwardModel::RemotePortRole).toInt(), int(port));
        QCOMPARE(row.data(PortForwardModel::StateRole).toInt(), int(PortForward::State::Listening));
        const quint16 local =
            static_cast<quint16>(row.data(PortForwardModel::LocalPortRole).toInt());
        QVERIFY(local != 0);
        QCOMPARE(row.data().toString(), QStringLiteral("127.0.0.1:%1").arg(local));

        // It carries a request; the table's counters follow.
        const QByteArray reply = httpGet(local, "/hello.txt");
        QVERIFY2(reply.startsWith("HTTP/1.0 200"), reply.constData());
        QVERIFY2(reply.endsWith("hello from the tab\n"), reply.constData());
        const QModelIndex first = m_tab->model()->index(0, 0);
        QTRY_COMPARE_WITH_TIMEOUT(first.data(PortForwardModel::BytesFromSandboxRole).toLongLong(),
                                  qint64(reply.size()), kWaitMs);
        QVERIFY(first.data(PortForwardModel::BytesToSandboxRole).toLongLong() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(first.data(PortForwardModel::TotalConnectionsRole).toInt(), 1,
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(first.data(PortForwardModel::OpenConnectionsRole).toInt(), 0,
                                  kWaitMs);
        QCOMPARE(m_tab->model()->index(0, PortForwardModel::ConnectionsColumn).data().toString(),
                 QStringLiteral("0 open, 1 in all"));

        // Stop from the table: the row goes, the port closes.
        QVERIFY(!m_tab->stopButton()->isEnabled());
        m_tab->view()->selectRow(0);
        QVERIFY(m_tab->stopButton()->isEnabled());
        m_tab->stopButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->model()->rowCount(), 0, kWaitMs);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, local);
        QVERIFY(!probe.waitForConnected(2000));

        // Both are in the sandbox's timeline, by the console.
        QStringList notes;
        for (const LifecycleEvent& event : m_rig->lifecycle->events(m_rig->id).value()) {
            if (event.isNote() && event.actor == QLatin1String("console"))
                notes << event.reason;
        }
        QVERIFY2(notes.size() == 2, qPrintable(notes.join(QLatin1Char('|'))));
        QVERIFY(notes.at(0).startsWith(
            QStringLiteral("Port forward started: 127.0.0.1:%1 to port %2").arg(local).arg(port)));
        QVERIFY(notes.at(1).startsWith(QStringLiteral("Port forward stopped")));
        QVERIFY2(notes.at(1).contains(QStringLiteral("connections: 1")), qPrintable(notes.at(1)));
    }

    void typedPortsAreChecked() {
        m_tab->setSandboxId(m_rig->id);
        QSignalSpy statuses(m_tab.get(), &PortsTab::statusShown);
        for (const char* bad : {"abc", "0", "70000", ""}) {
            m_tab->remotePortEdit()->setText(QString::fromUtf8(bad));
            m_tab->forwardButton()->click();
            QVERIFY(!statuses.isEmpty());
            QVERIFY2(statuses.last().at(1).toBool(), bad);
            QVERIFY2(statuses.last().at(0).toString().contains(QLatin1String("sandbox port")),
                     qPrintable(statuses.last().at(0).toString()));
            // What was typed stays, to be corrected.
            QCOMPARE(m_tab->remotePortEdit()->text(), QString::fromUtf8(bad));
            QCOMPARE(m_tab->model()->rowCount(), 0);
            QVERIFY(!m_tab->isBusy());
        }
        m_tab->remotePortEdit()->setText(QStringLiteral("8000"));
        m_tab->localPortEdit()->setText(QStringLiteral("99999"));
        m_tab->forwardButton()->click();
        QVERIFY(statuses.last().at(1).toBool());
        QVERIFY(statuses.last().at(0).toString().contains(QLatin1String("local port")));
        QCOMPARE(m_tab->model()->rowCount(), 0);

        // Typed right: a forward from the local port asked for (once the server listens).
        const quint16 port = startServer();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_tab->openPortsLabel()->text().contains(QStringLiteral(">%1<").arg(port)), kWaitMs);
        const quint16 local = freePort();
        QSignalSpy finished(m_tab.get(), &PortsTab::operationFinished);
        m_tab->remotePortEdit()->setText(QString::number(port));
        m_tab->localPortEdit()->setText(QString::number(local));
        QTest::keyClick(m_tab->localPortEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QCOMPARE(m_tab->model()->index(0, 0).data(PortForwardModel::LocalPortRole).toInt(),
                 int(local));
        QVERIFY(httpGet(local, "/").startsWith("HTTP/1.0 200"));

        // A taken local port: refused with the reason, in the status line.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        m_tab->localPortEdit()->setText(QString::number(taken.serverPort()));
        m_tab->forwardButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(finished.last().at(1).toString().contains(QString::number(taken.serverPort())),
                 qPrintable(finished.last().at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->model()->rowCount(), 1, kWaitMs);

        // Another sandbox shown and back: the forward kept running and is listed again.
        m_tab->setSandboxId({});
        QCOMPARE(m_tab->model()->rowCount(), 0);
        QVERIFY(httpGet(local, "/").startsWith("HTTP/1.0 200"));
        m_tab->setSandboxId(m_rig->id);
        QCOMPARE(m_tab->model()->rowCount(), 1);
    }

    void dismissedOfferGoes() {
        m_tab->setSandboxId(m_rig->id);
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_tab->openPortsLabel()->text().contains(QLatin1String("Looking")), kWaitMs);
        const quint16 port = startServer();
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->offeredPort(), port, kWaitMs);
        m_tab->offerDismissButton()->click();
        QVERIFY(!m_tab->offerBar()->isVisible());
        QCOMPARE(m_tab->offeredPort(), quint16(0));
        QCOMPARE(m_tab->model()->rowCount(), 0);
        // Hidden, the tab stops watching; shown again, it watches again.
        m_tab->hide();
        QVERIFY(!m_tab->isWatchingPorts());
        m_tab->show();
        QVERIFY(m_tab->isWatchingPorts());
        // The listed port is a link that forwards it.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_tab->openPortsLabel()->text().contains(QStringLiteral(">%1<").arg(port)), kWaitMs);
        QSignalSpy finished(m_tab.get(), &PortsTab::operationFinished);
        emit m_tab->openPortsLabel()->linkActivated(QString::number(port));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY(finished.last().at(0).toBool());
        QCOMPARE(m_tab->model()->index(0, 0).data(PortForwardModel::RemotePortRole).toInt(),
                 int(port));
    }

    void publicUrl() {
        m_tab->setSandboxId(m_rig->id);
        if (m_backend == QLatin1String("local")) {
            QTRY_VERIFY_WITH_TIMEOUT(m_tab->urlNoteLabel()->isVisible(), kWaitMs);
            QVERIFY2(m_tab->urlNoteLabel()->text().contains(QLatin1String("no public URL")),
                     qPrintable(m_tab->urlNoteLabel()->text()));
            QVERIFY(!m_tab->urlAuthCombo()->isEnabled());
            QVERIFY(!m_tab->urlApplyButton()->isEnabled());
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_tab->urlAuthCombo()->isEnabled(), kWaitMs);
        QVERIFY2(m_tab->urlLabel()->text().contains(m_rig->name),
                 qPrintable(m_tab->urlLabel()->text()));
        QCOMPARE(m_tab->urlAuthCombo()->currentData().toString(), url_auth::Sprite);
        QVERIFY(!m_tab->urlApplyButton()->isEnabled());
        QVERIFY(!m_tab->urlNoteLabel()->isVisible());

        QSignalSpy statuses(m_tab.get(), &PortsTab::statusShown);
        m_tab->urlAuthCombo()->setCurrentIndex(m_tab->urlAuthCombo()->findData(url_auth::Public));
        QVERIFY(m_tab->urlApplyButton()->isEnabled());
        m_tab->urlApplyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!statuses.isEmpty() && statuses.last().at(0).toString().contains(
                                                            QLatin1String("public now")),
                                 kWaitMs);
        QCOMPARE(await(m_rig->backend().urlSettings(m_rig->name)).value().auth, url_auth::Public);
        QVERIFY(m_tab->urlNoteLabel()->isVisible());
        QVERIFY(!m_tab->urlApplyButton()->isEnabled());
        bool noted = false;
        for (const LifecycleEvent& event : m_rig->lifecycle->events(m_rig->id).value())
            noted = noted ||
                    (event.isNote() && event.reason.startsWith(QLatin1String("URL made public")));
        QVERIFY(noted);

        // Read again when the sandbox is shown again.
        m_tab->setSandboxId({});
        m_tab->setSandboxId(m_rig->id);
        QTRY_VERIFY_WITH_TIMEOUT(m_tab->urlAuthCombo()->isEnabled(), kWaitMs);
        QCOMPARE(m_tab->urlAuthCombo()->currentData().toString(), url_auth::Public);
    }

    void denyAllRefuses() {
        if (m_backend != QLatin1String("local"))
            QSKIP("the local backend's limit");
        if (!m_rig->local->isIsolated(m_rig->name))
            QSKIP("without bubblewrap a deny-all policy is not enforced");
        HANGAR_VERIFY_OK(
            await(m_rig->backend().setNetworkPolicy(m_rig->name, NetworkPolicy::denyAll())));
        m_tab->setSandboxId(m_rig->id);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_tab->openPortsLabel()->text().contains(QLatin1String("cannot be watched")), kWaitMs);
        QSignalSpy finished(m_tab.get(), &PortsTab::operationFinished);
        m_tab->remotePortEdit()->setText(QStringLiteral("8000"));
        m_tab->forwardButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(finished.last().at(1).toString().contains(
                     QLatin1String("not available for this sandbox under its current network")),
                 qPrintable(finished.last().at(1).toString()));
        QCOMPARE(m_tab->model()->rowCount(), 0);
    }

private:
    // python3's HTTP server inside the sandbox, serving its site/ folder; the port it uses.
    quint16 startServer() {
        const quint16 port = freePort();
        ExecRequest request;
        request.argv = {QStringLiteral("python3"),     QStringLiteral("-m"),
                        QStringLiteral("http.server"), QString::number(port),
                        QStringLiteral("--bind"),      QStringLiteral("127.0.0.1"),
                        QStringLiteral("--directory"), m_rig->path(QStringLiteral("site"))};
        if (const Status made = m_rig->makeDir(QStringLiteral("site")); !made)
            qWarning("site/: %s", qPrintable(made.error().describe()));
        m_servers.append(m_rig->backend().startExec(m_rig->name, request));
        return port;
    }

    QString m_backend;
    std::unique_ptr<test::FilesRig> m_rig;
    std::unique_ptr<PortsTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QList<QPointer<ExecSession>> m_servers;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    int status = 0;
    for (const QString& backend : {QStringLiteral("local"), QStringLiteral("sprites")}) {
        TstPortsTab suite(backend);
        suite.setObjectName(backend);
        const QStringList args = test::argumentsFor(suite, app.arguments());
        if (!args.isEmpty()) {
            qInfo("--- PortsTab on the %s backend", qPrintable(backend));
            status |= QTest::qExec(&suite, args);
        }
    }
    return status;
}

#include "tst_portstab.moc"
