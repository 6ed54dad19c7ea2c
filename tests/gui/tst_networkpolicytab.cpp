// The Network policy tab with real widgets over a real engine on the local backend: the rule
// model (validation, local enforceability, editing) under QAbstractItemModelTester; deny-all
// applied through the tab really blocks a connection from inside the sandbox and allow-all
// lets it through; a rule the local backend cannot enforce is marked with a notice; invalid
// rows block Apply; a hibernated sandbox is woken first, visibly.
#include "NetworkRuleModel.h"
#include "SuiteArguments.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "sandbox/NetworkPolicyTab.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWait = 30'000;

NetworkRule rule(const char* domain, const char* action, const char* include = "") {
    return NetworkRule{QString::fromUtf8(domain), QString::fromUtf8(action),
                       QString::fromUtf8(include)};
}

// A real engine: the local backend and SQLite in a temporary directory.
struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    ManualClock clock;
    std::unique_ptr<LocalBackend> local;
    std::unique_ptr<LifecycleService> lifecycle;

    bool open() {
        auto opened = Store::open(DatabaseUrl::sqlite(dir.filePath(QStringLiteral("hangar.db"))));
        if (!dir.isValid() || !opened)
            return false;
        store = std::move(opened.value());
        LocalBackend::Options options;
        options.dataDir = dir.filePath(QStringLiteral("data"));
        options.workingDir = QStringLiteral("/workspace");
        options.killGraceMs = 1000;
        local = std::make_unique<LocalBackend>(options);
        lifecycle = std::make_unique<LifecycleService>(*store, clock, LifecycleOptions{});
        lifecycle->addBackend(local.get());
        return true;
    }
    ~Rig() {
        lifecycle.reset();
        local.reset();
        store.reset();
    }
};

} // namespace

// The model alone: no engine needed.
class TstNetworkRuleModel : public QObject {
    Q_OBJECT

private slots:
    void domainSyntax_data() {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<bool>("valid");
        QTest::newRow("any") << QStringLiteral("*") << true;
        QTest::newRow("exact") << QStringLiteral("example.com") << true;
        QTest::newRow("subdomains") << QStringLiteral("*.example.com") << true;
        QTest::newRow("single label") << QStringLiteral("localhost") << true;
        QTest::newRow("hyphen inside") << QStringLiteral("my-host.example.com") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("inner wildcard") << QStringLiteral("a*.example.com") << false;
        QTest::newRow("two wildcards") << QStringLiteral("*.*.com") << false;
        QTest::newRow("wildcard later") << QStringLiteral("api.*.com") << false;
        QTest::newRow("leading hyphen") << QStringLiteral("-a.com") << false;
        QTest::newRow("empty label") << QStringLiteral("a..com") << false;
        QTest::newRow("underscore") << QStringLiteral("bad_domain.com") << false;
        QTest::newRow("url") << QStringLiteral("https://example.com") << false;
        QTest::newRow("space") << QStringLiteral("exa mple.com") << false;
    }
    void domainSyntax() {
        QFETCH(QString, domain);
        QFETCH(bool, valid);
        QCOMPARE(networkDomainError(domain).isEmpty(), valid);
    }

    void ruleValidation() {
        QVERIFY(networkRuleError(rule("*", "allow")).isEmpty());
        QVERIFY(networkRuleError(rule("", "", "defaults")).isEmpty());
        QVERIFY(networkRuleError(rule("", "deny", "defaults")).isEmpty());
        QVERIFY(!networkRuleError(rule("*", "maybe")).isEmpty());
        QVERIFY(!networkRuleError(rule("*", "")).isEmpty());
        QVERIFY(!networkRuleError(rule("example.com", "allow", "defaults")).isEmpty());
        QVERIFY(!networkRuleError(rule("", "allow", "everything")).isEmpty());
        QVERIFY(!networkRuleError(rule("", "allow")).isEmpty());
    }

    void localEnforceability() {
        const QList<NetworkRule> rules{rule("*.example.com", "deny"), rule("*", "deny"),
                                       rule("*", "allow"), rule("", "allow", "defaults")};
        QVERIFY(!locallyEnforced(rules, 0)); // a per-domain rule
        QVERIFY(locallyEnforced(rules, 1));  // the first `*`: the one the backend reads
        QVERIFY(!locallyEnforced(rules, 2)); // shadowed
        QVERIFY(!locallyEnforced(rules, 3)); // a preset
        QVERIFY(!locallyEnforced(rules, 4));
    }

    void modelEditing() {
        NetworkRuleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy edited(&model, &NetworkRuleModel::edited);
        model.setRules(NetworkPolicy::denyAll().rules);
        QVERIFY(model.isValid());
        QCOMPARE(model.unenforcedCount(), 0);
        const int row = model.appendRule(rule("", "allow"));
        QCOMPARE(row, 1);
        QCOMPARE(model.firstInvalidRow(), 1);
        QVERIFY(!model.index(1, 0).data(NetworkRuleModel::ErrorRole).toString().isEmpty());
        QVERIFY(model.setData(model.index(1, NetworkRuleModel::DomainColumn),
                              QStringLiteral(" api.github.com ")));
        QVERIFY(model.isValid());
        QCOMPARE(model.rules().at(1).domain, QStringLiteral("api.github.com"));
        QVERIFY(
            model.setData(model.index(1, NetworkRuleModel::ActionColumn), QStringLiteral("Deny")));
        QCOMPARE(model.rules().at(1).action, QStringLiteral("deny"));
        // Enforcement is marked only for the local backend.
        QVERIFY(model.index(1, 0).data(NetworkRuleModel::EnforcedRole).toBool());
        model.setLocalBackend(true);
        QVERIFY(!model.index(1, 0).data(NetworkRuleModel::EnforcedRole).toBool());
        QVERIFY(model.index(0, 0).data(NetworkRuleModel::EnforcedRole).toBool());
        QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
        QCOMPARE(model.unenforcedCount(), 1);
        // Moved first, the `*` rule is still the one enforced.
        QVERIFY(model.moveRule(1, 0));
        QCOMPARE(model.rules().at(0).domain, QStringLiteral("api.github.com"));
        QVERIFY(model.moveRule(0, 1));
        QCOMPARE(model.rules().at(1).domain, QStringLiteral("api.github.com"));
        QVERIFY(!model.moveRule(1, 2));
        QVERIFY(model.removeRows(1, 1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.unenforcedCount(), 0);
        QCOMPARE(edited.size(), 6); // append, two setData, two moves, remove
    }
};

class TstNetworkPolicyTab : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_rig = std::make_unique<Rig>();
        QVERIFY(m_rig->open());
        auto sandbox = await(
            m_rig->lifecycle->provision(QStringLiteral("net"), QStringLiteral("main")), 60'000);
        HANGAR_VERIFY_OK(sandbox);
        m_id = sandbox.value().id;
        m_name = sandbox.value().name;
        QVERIFY2(m_rig->local->isIsolated(m_name), "the policy test needs bubblewrap");
        m_tab = std::make_unique<NetworkPolicyTab>(*m_rig->lifecycle);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(800, 500);
        m_tab->show();
    }
    void cleanup() {
        m_tester.reset();
        m_tab.reset();
        m_rig.reset();
    }

    void denyAllBlocksAndAllowAllLetsThrough() {
        QSignalSpy finished(m_tab.get(), &NetworkPolicyTab::operationFinished);
        m_tab->setSandboxId(m_id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWait);
        QVERIFY(finished.last().at(0).toBool());
        // A new local sandbox allows everything.
        QCOMPARE(m_tab->model()->rowCount(), 1);
        QCOMPARE(m_tab->model()->rules().at(0).action, QStringLiteral("allow"));

        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QCOMPARE(connectFromInside(server.serverPort()), 0); // reachable to start with

        m_tab->findChild<QPushButton*>(QStringLiteral("denyAll"))->click();
        QCOMPARE(m_tab->model()->rules().at(0).action, QStringLiteral("deny"));
        QVERIFY(m_tab->applyButton()->isEnabled());
        m_tab->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWait);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QVERIFY2(m_tab->statusLabel()->text().contains(QLatin1String("confirmed")),
                 qPrintable(m_tab->statusLabel()->text()));
        QVERIFY(!m_tab->noticeLabel()->isVisible());
        auto held = await(m_rig->local->networkPolicy(m_name));
        HANGAR_VERIFY_OK(held);
        QCOMPARE(held.value().rules.size(), 1);
        QCOMPARE(held.value().rules.at(0).action, QStringLiteral("deny"));
        QVERIFY(connectFromInside(server.serverPort()) != 0);

        m_tab->findChild<QPushButton*>(QStringLiteral("allowAll"))->click();
        m_tab->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kWait);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(connectFromInside(server.serverPort()), 0);
    }

    void unenforceableRulesAreMarked() {
        QSignalSpy finished(m_tab.get(), &NetworkPolicyTab::operationFinished);
        m_tab->setSandboxId(m_id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWait);
        QVERIFY(!m_tab->noticeLabel()->isVisible());

        // Typed into the table like an operator would.
        m_tab->findChild<QPushButton*>(QStringLiteral("addRule"))->click();
        QCOMPARE(m_tab->model()->rowCount(), 2);
        auto* editor = m_tab->view()->viewport()->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("*.example.com"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_tab->model()->rules().at(1).domain, QStringLiteral("*.example.com"));
        const QModelIndex added = m_tab->model()->index(1, 0);
        QVERIFY(added.data(NetworkRuleModel::ErrorRole).toString().isEmpty());
        QVERIFY(!added.data(NetworkRuleModel::EnforcedRole).toBool());
        QVERIFY(added.data(Qt::ToolTipRole).toString().contains(QLatin1String("Not enforced")));
        QVERIFY(m_tab->noticeLabel()->isVisible());
        QVERIFY(m_tab->noticeLabel()->text().contains(QLatin1String("NOT enforced")));

        // Valid, so it can be stored (and is, honestly marked).
        QVERIFY(m_tab->applyButton()->isEnabled());
        m_tab->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWait);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(await(m_rig->local->networkPolicy(m_name)).value().rules.size(), 2);
        QVERIFY(m_tab->noticeLabel()->isVisible());

        // Removing it takes the notice away.
        m_tab->view()->selectRow(1);
        m_tab->findChild<QPushButton*>(QStringLiteral("removeRule"))->click();
        QCOMPARE(m_tab->model()->rowCount(), 1);
        QVERIFY(!m_tab->noticeLabel()->isVisible());
    }

    void invalidRowsBlockApply() {
        QSignalSpy finished(m_tab.get(), &NetworkPolicyTab::operationFinished);
        m_tab->setSandboxId(m_id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWait);
        const int row = m_tab->model()->appendRule(rule("bad_domain!", "deny"));
        QVERIFY(
            !m_tab->model()->index(row, 0).data(NetworkRuleModel::ErrorRole).toString().isEmpty());
        QVERIFY(!m_tab->applyButton()->isEnabled());
        QVERIFY(m_tab->statusLabel()->text().contains(QLatin1String("Rule 2")));
        // Even called directly, Apply refuses and says why; the backend keeps its policy.
        m_tab->apply();
        QVERIFY2(m_tab->statusLabel()->text().contains(QLatin1String("Not applied")),
                 qPrintable(m_tab->statusLabel()->text()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(await(m_rig->local->networkPolicy(m_name)).value().rules.size(), 1);
        // A bad action too; fixing both enables Apply again.
        QVERIFY(m_tab->model()->setData(m_tab->model()->index(row, NetworkRuleModel::DomainColumn),
                                        QStringLiteral("example.com")));
        QVERIFY(m_tab->applyButton()->isEnabled());
        QVERIFY(m_tab->model()->setData(m_tab->model()->index(row, NetworkRuleModel::ActionColumn),
                                        QStringLiteral("maybe")));
        QVERIFY(!m_tab->applyButton()->isEnabled());
        QVERIFY(m_tab->model()->setData(m_tab->model()->index(row, NetworkRuleModel::ActionColumn),
                                        QStringLiteral("allow")));
        QVERIFY(m_tab->applyButton()->isEnabled());
    }

    void wakesAHibernatedSandboxFirst() {
        HANGAR_VERIFY_OK(await(m_rig->lifecycle->hibernate(m_id), 60'000));
        QSignalSpy finished(m_tab.get(), &NetworkPolicyTab::operationFinished);
        m_tab->setSandboxId(m_id);
        QVERIFY(m_tab->statusLabel()->text().contains(QLatin1String("not running")));
        QVERIFY(!m_tab->applyButton()->isEnabled()); // nothing read yet: nothing to apply
        QCOMPARE(m_rig->lifecycle->sandbox(m_id).value().state, SandboxState::Hibernated);
        QSignalSpy shown(m_tab.get(), &NetworkPolicyTab::statusShown);
        m_tab->reloadButton()->click();
        QVERIFY(shown.size() > 0);
        QVERIFY2(shown.first().at(0).toString().contains(QLatin1String("Waking")),
                 qPrintable(shown.first().at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_rig->lifecycle->sandbox(m_id).value().state, SandboxState::Active);
        QCOMPARE(m_tab->model()->rowCount(), 1);
    }

private:
    // Opens a TCP connection to the host's loopback from inside the sandbox: the exit code
    // (0 = connected). The port travels as an argument, never spliced into the script.
    int connectFromInside(quint16 port) {
        ExecRequest request;
        request.argv = QStringList{QStringLiteral("bash"), QStringLiteral("-c"),
                                   QStringLiteral("exec 3<>/dev/tcp/127.0.0.1/$1"),
                                   QStringLiteral("_"), QString::number(port)};
        request.timeoutMs = 20'000;
        auto ran = await(m_rig->local->run(m_name, request));
        return ran ? ran.value().exitCode : -1000;
    }
    static QString lastMessage(const QSignalSpy& spy) {
        return spy.isEmpty() ? QString() : spy.last().at(1).toString();
    }

    std::unique_ptr<Rig> m_rig;
    std::unique_ptr<NetworkPolicyTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_id;
    QString m_name;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TstNetworkRuleModel model;
    TstNetworkPolicyTab tab;
    int status = 0;
    for (QObject* suite : {static_cast<QObject*>(&model), static_cast<QObject*>(&tab)}) {
        const QStringList args = test::argumentsFor(*suite, app.arguments());
        if (!args.isEmpty())
            status |= QTest::qExec(suite, args);
    }
    return status;
}
#include "tst_networkpolicytab.moc"
