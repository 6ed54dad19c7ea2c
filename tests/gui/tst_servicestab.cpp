// The Services tab with real widgets over a real engine: create a service through the dialog
// (arguments with shell metacharacters arrive verbatim), its log followed live in the pane
// (a line printed after the stream started shows up), search with highlighting and
// next/previous, stop and start, a chosen signal reaching the service, delete with
// confirmation, a refused name explained in the dialog, and a hibernated sandbox not woken
// by selecting it. Run twice: on the local backend and on Sprites through the emulator.
#include "FilesRig.h"
#include "ServiceListModel.h"
#include "SuiteArguments.h"
#include "TestSupport.h"
#include "sandbox/ServiceDialog.h"
#include "sandbox/ServiceLogView.h"
#include "sandbox/ServicesTab.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWaitMs = 30'000;

template <typename T> T* waitForChild(QWidget* parent, const QString& name) {
    T* child = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            child = parent->findChild<T*>(name);
            return child && child->isVisible();
        },
        kWaitMs);
    return shown ? child : nullptr;
}

} // namespace

class TstServicesTab : public QObject {
    Q_OBJECT
public:
    explicit TstServicesTab(QString backend)
        : m_backend(std::move(backend)) {}

private slots:
    void init() {
        m_rig = std::make_unique<test::FilesRig>();
        QVERIFY2(m_rig->open(m_backend), qPrintable(m_rig->error));
        m_tab = std::make_unique<ServicesTab>(*m_rig->lifecycle);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(1000, 700);
        m_tab->show();
    }
    void cleanup() {
        m_tester.reset();
        m_tab.reset();
        m_rig.reset();
    }

    void createFollowSearchSignalStopDelete() {
        QSignalSpy finished(m_tab.get(), &ServicesTab::operationFinished);
        m_tab->setSandboxId(m_rig->id);
        QVERIFY(m_tab->servicesAvailable());
        QVERIFY(!m_tab->noticeLabel()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_tab->model()->rowCount(), 0);
        QVERIFY(!m_tab->startButton()->isEnabled());

        // Through the dialog: one argument per line, exactly as typed.
        m_tab->createButton()->click();
        auto* dialog = waitForChild<ServiceDialog>(m_tab.get(), QStringLiteral("serviceDialog"));
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("web"));
        QTest::keyClicks(dialog->commandEdit(), QStringLiteral("sh"));
        const QString script =
            QStringLiteral("trap 'echo got-usr1' USR1; echo \"hello $1\"; echo warn >&2; "
                           "while [ ! -f go ]; do sleep 0.05; done; echo 'after go; $(not run)'; "
                           "while :; do sleep 0.1; done");
        dialog->argsEdit()->setPlainText(QStringLiteral("-c\n") + script +
                                         QStringLiteral("\nsh\nworld; rm -rf /"));
        dialog->portSpin()->setValue(8080);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_tab->model()->rowCount(), 1);
        const ServiceInfo created = m_tab->model()->serviceAt(0);
        QCOMPARE(created.spec.args, (QStringList{QStringLiteral("-c"), script, QStringLiteral("sh"),
                                                 QStringLiteral("world; rm -rf /")}));
        QCOMPARE(created.spec.httpPort, std::optional<int>(8080));

        // Selected, its log is followed: the argument with metacharacters arrives verbatim.
        m_tab->view()->selectRow(0);
        QCOMPARE(m_tab->followedService(), QStringLiteral("web"));
        ServiceLogView* log = m_tab->logView();
        QTRY_VERIFY2_WITH_TIMEOUT(log->text().contains(QLatin1String("hello world; rm -rf /")),
                                  qPrintable(log->text()), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(log->text().contains(QLatin1String("warn")), kWaitMs);
        QVERIFY(!log->text().contains(QLatin1String("after go")));
        // A line printed only after the stream started.
        HANGAR_VERIFY_OK(
            await(m_rig->backend().writeFile(m_rig->name, m_rig->path(QStringLiteral("go")), "1")));
        QTRY_VERIFY2_WITH_TIMEOUT(log->text().contains(QLatin1String("after go; $(not run)")),
                                  qPrintable(log->text()), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->model()->serviceAt(0).status, ServiceStatus::Running,
                                  kWaitMs);
        QCOMPARE(m_tab->model()->index(0, ServiceListModel::StateColumn).data().toString(),
                 QStringLiteral("running"));

        // Search: highlights every match, next/previous select one.
        QTest::keyClicks(log->searchEdit(), QStringLiteral("go"));
        QVERIFY2(log->matchCount() >= 1, qPrintable(log->matchLabel()->text()));
        QVERIFY(log->nextButton()->isEnabled());
        QVERIFY(log->findNext());
        QCOMPARE(log->textView()->textCursor().selectedText(), QStringLiteral("go"));
        QVERIFY(log->findPrevious());
        log->searchEdit()->setText(QStringLiteral("no such text"));
        QCOMPARE(log->matchCount(), 0);
        QVERIFY(!log->findNext());
        QVERIFY(!log->nextButton()->isEnabled());

        // Stop, then start again.
        m_tab->stopButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->model()->serviceAt(0).status, ServiceStatus::Stopped,
                                  kWaitMs);
        QVERIFY(m_tab->startButton()->isEnabled());
        QVERIFY(!m_tab->stopButton()->isEnabled());
        m_tab->startButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QTRY_COMPARE_WITH_TIMEOUT(m_tab->model()->serviceAt(0).status, ServiceStatus::Running,
                                  kWaitMs);
        // Running is the process; the script has set its trap once it greets again.
        QTRY_VERIFY2_WITH_TIMEOUT(log->text().count(QLatin1String("hello world")) >= 2,
                                  qPrintable(log->text()), kWaitMs);

        // A chosen signal: USR1 reaches the command (on both backends), which traps it and
        // keeps running.
        const QString signal = QStringLiteral("USR1");
        QVERIFY(m_tab->signalButton()->isEnabled());
        m_tab->signalChoice()->setCurrentIndex(m_tab->signalChoice()->findData(signal));
        m_tab->signalButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QTRY_VERIFY2_WITH_TIMEOUT(log->text().contains(QLatin1String("got-usr1")),
                                  qPrintable(log->text()), kWaitMs);
        QCOMPARE(m_tab->model()->serviceAt(0).status, ServiceStatus::Running);

        // Delete asks first; cancelling keeps it.
        m_tab->view()->selectRow(0);
        m_tab->deleteButton()->click();
        auto* box = waitForChild<QMessageBox>(m_tab.get(), QStringLiteral("confirmDeleteService"));
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_tab->findChild<QMessageBox*>(), kWaitMs);
        QCOMPARE(m_tab->model()->rowCount(), 1);
        m_tab->deleteButton()->click();
        box = waitForChild<QMessageBox>(m_tab.get(), QStringLiteral("confirmDeleteService"));
        QVERIFY(box);
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                button->click();
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 6, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_tab->model()->rowCount(), 0);
        QVERIFY(m_tab->followedService().isEmpty());
        auto listed = await(m_rig->backend().listServices(m_rig->name));
        HANGAR_VERIFY_OK(listed);
        QVERIFY(listed.value().isEmpty());

        // Every operation is in the sandbox's timeline, by the console.
        const auto events = m_rig->lifecycle->events(m_rig->id);
        HANGAR_VERIFY_OK(events);
        QStringList notes;
        for (const LifecycleEvent& event : events.value()) {
            if (event.isNote() && event.actor == QLatin1String("console"))
                notes << event.reason;
        }
        for (const QString& expected :
             {QStringLiteral("service web created: sh"), QStringLiteral("service web stopped"),
              QStringLiteral("service web started"), QStringLiteral("service web deleted")})
            QVERIFY2(notes.contains(expected), qPrintable(notes.join(QLatin1Char('|'))));
    }

    void badNameIsExplainedInTheDialog() {
        QSignalSpy finished(m_tab.get(), &ServicesTab::operationFinished);
        m_tab->setSandboxId(m_rig->id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs); // listed: not busy any more
        m_tab->createButton()->click();
        auto* dialog = waitForChild<ServiceDialog>(m_tab.get(), QStringLiteral("serviceDialog"));
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("web;reboot"));
        QTest::keyClicks(dialog->commandEdit(), QStringLiteral("true"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->errorLabel()->text().contains(QLatin1String("invalid service name")),
                 qPrintable(dialog->errorLabel()->text()));
        dialog->reject();
    }

    void hibernatedSandboxIsNotWokenBySelecting() {
        HANGAR_VERIFY_OK(await(m_rig->lifecycle->hibernate(m_rig->id), 60'000));
        m_tab->setSandboxId(m_rig->id);
        QVERIFY(m_tab->statusLabel()->text().contains(QLatin1String("not running")));
        QCOMPARE(m_rig->state(), SandboxState::Hibernated);
        // Refresh wakes it and lists.
        QSignalSpy finished(m_tab.get(), &ServicesTab::operationFinished);
        m_tab->refreshButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_rig->state(), SandboxState::Active);
    }

private:
    static QString lastMessage(const QSignalSpy& spy) {
        return spy.isEmpty() ? QString() : spy.last().at(1).toString();
    }

    QString m_backend;
    std::unique_ptr<test::FilesRig> m_rig;
    std::unique_ptr<ServicesTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    qRegisterMetaType<ServiceLogLine>();
    int status = 0;
    for (const QString& backend : {QStringLiteral("local"), QStringLiteral("sprites")}) {
        TstServicesTab suite(backend);
        suite.setObjectName(backend);
        const QStringList args = test::argumentsFor(suite, app.arguments());
        if (!args.isEmpty()) {
            qInfo("--- ServicesTab on the %s backend", qPrintable(backend));
            status |= QTest::qExec(&suite, args);
        }
    }
    return status;
}

#include "tst_servicestab.moc"
