#include "NetworkPolicyTab.h"

#include "NetworkRuleModel.h"
#include "SandboxCall.h"
#include "StatusPalette.h"
#include "tools/SandboxAdmin.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace hangar {

namespace {

// An editable combo box for the columns with a fixed set of answers (action, preset); the
// model validates whatever is typed.
class ChoiceDelegate : public QStyledItemDelegate {
public:
    ChoiceDelegate(QStringList choices, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_choices(std::move(choices)) {}

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                          const QModelIndex&) const override {
        auto* combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->addItems(m_choices);
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        static_cast<QComboBox*>(editor)->setCurrentText(index.data(Qt::EditRole).toString());
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override {
        model->setData(index, static_cast<QComboBox*>(editor)->currentText());
    }

private:
    QStringList m_choices;
};

bool sameRules(const QList<NetworkRule>& a, const QList<NetworkRule>& b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).domain.trimmed() != b.at(i).domain.trimmed() ||
            a.at(i).action != b.at(i).action || a.at(i).include != b.at(i).include)
            return false;
    }
    return true;
}

QPushButton* makeButton(const QString& text, const QString& objectName, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    return button;
}

} // namespace

NetworkPolicyTab::NetworkPolicyTab(LifecycleService& lifecycle, QWidget* parent)
    : SandboxTab(lifecycle, parent)
    , m_model(new NetworkRuleModel(this))
    , m_admin(new SandboxAdmin(lifecycle, this)) {
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("networkRuleView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->horizontalHeader()->setSectionResizeMode(NetworkRuleModel::DomainColumn,
                                                     QHeaderView::Stretch);
    m_view->setItemDelegateForColumn(NetworkRuleModel::ActionColumn,
                                     new ChoiceDelegate(NetworkRuleModel::actions(), m_view));
    m_view->setItemDelegateForColumn(
        NetworkRuleModel::IncludeColumn,
        new ChoiceDelegate(QStringList{QString()} + NetworkRuleModel::presets(), m_view));

    m_add = makeButton(tr("&Add rule"), QStringLiteral("addRule"), this);
    m_remove = makeButton(tr("Re&move"), QStringLiteral("removeRule"), this);
    m_up = makeButton(tr("Move &up"), QStringLiteral("moveRuleUp"), this);
    m_down = makeButton(tr("Move do&wn"), QStringLiteral("moveRuleDown"), this);
    m_allowAll = makeButton(tr("A&llow all"), QStringLiteral("allowAll"), this);
    m_denyAll = makeButton(tr("D&eny all"), QStringLiteral("denyAll"), this);
    auto* editRow = new QHBoxLayout;
    for (QPushButton* button : {m_add, m_remove, m_up, m_down})
        editRow->addWidget(button);
    editRow->addStretch(1);
    editRow->addWidget(m_allowAll);
    editRow->addWidget(m_denyAll);

    m_apply = makeButton(tr("A&pply"), QStringLiteral("applyPolicy"), this);
    m_reload = makeButton(tr("Re&load"), QStringLiteral("reloadPolicy"), this);
    auto* applyRow = new QHBoxLayout;
    applyRow->addStretch(1);
    applyRow->addWidget(m_reload);
    applyRow->addWidget(m_apply);

    auto* help = new QLabel(
        tr("Rules match a domain exactly (example.com), with its subdomains (*.example.com), or "
           "everything (*); the most specific rule wins. No rules: everything is allowed."),
        this);
    help->setWordWrap(true);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("policyNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    statusLabel()->setObjectName(QStringLiteral("policyStatus"));
    progressBar()->setObjectName(QStringLiteral("policyProgress"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_view, 1);
    layout->addLayout(editRow);
    layout->addWidget(m_notice);
    layout->addLayout(applyRow);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());

    connect(m_add, &QPushButton::clicked, this, &NetworkPolicyTab::addRule);
    connect(m_remove, &QPushButton::clicked, this, &NetworkPolicyTab::removeSelected);
    connect(m_up, &QPushButton::clicked, this, &NetworkPolicyTab::moveSelectedUp);
    connect(m_down, &QPushButton::clicked, this, &NetworkPolicyTab::moveSelectedDown);
    connect(m_allowAll, &QPushButton::clicked, this, &NetworkPolicyTab::useAllowAll);
    connect(m_denyAll, &QPushButton::clicked, this, &NetworkPolicyTab::useDenyAll);
    connect(m_apply, &QPushButton::clicked, this, &NetworkPolicyTab::apply);
    connect(m_reload, &QPushButton::clicked, this, &NetworkPolicyTab::reload);
    connect(m_model, &NetworkRuleModel::edited, this, &NetworkPolicyTab::onEdited);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NetworkPolicyTab::updateNotice);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkPolicyTab::updateActions);
    updateActions();
}

void NetworkPolicyTab::setSandboxId(const QString& id) {
    beginSandbox(id);
    m_loaded = false;
    m_model->setRules({});
    const auto sandbox = id.isEmpty() ? Result<Sandbox>(makeError(ErrorCode::NotFound, {}))
                                      : lifecycle().sandbox(id);
    // Asked of the backend, not guessed from the rules: only "local" has the limits.
    m_model->setLocalBackend(sandbox && sandbox.value().backend == QLatin1String("local"));
    updateNotice();
    if (!sandbox)
        return;
    if (needsWaking(lifecycle(), id)) {
        showStatus(tr("The sandbox is not running. Reload wakes it to read its policy."));
        return;
    }
    reload();
}

void NetworkPolicyTab::reload() {
    if (sandboxId().isEmpty())
        return;
    const quint64 generation = this->generation();
    setBusy(true);
    showStatus(phaseText(tr("Reading the policy…")));
    auto read = callWhenActive<NetworkPolicy>(
        lifecycle(), sandboxId(),
        [](Backend& backend, const QString& name) { return backend.networkPolicy(name); });
    whenReady(read, this, [this, generation](Result<NetworkPolicy> policy) {
        if (!isCurrent(generation))
            return;
        if (!policy) {
            finish(false, tr("Could not read the policy: %1").arg(policy.error().message));
            return;
        }
        m_model->setRules(policy.value().rules);
        m_loaded = true;
        finish(true, tr("The sandbox's policy, as the backend holds it."));
    });
}

void NetworkPolicyTab::apply() {
    if (sandboxId().isEmpty() || isBusy() || !m_loaded)
        return;
    if (const int row = m_model->firstInvalidRow(); row >= 0) {
        const QString error = m_model->index(row, 0).data(NetworkRuleModel::ErrorRole).toString();
        m_view->selectRow(row);
        showStatus(tr("Not applied: rule %1: %2").arg(row + 1).arg(error), true);
        return;
    }
    const quint64 generation = this->generation();
    const NetworkPolicy wanted = m_model->policy();
    setBusy(true);
    showStatus(phaseText(tr("Applying the policy…")));
    // Applied and read back (what counts is what the backend holds now, not what was sent),
    // and recorded in the timeline as the console's.
    whenReady(
        m_admin->setNetworkPolicy(sandboxId(), wanted, QStringLiteral("console")), this,
        [this, generation, wanted](Result<NetworkPolicy> policy) {
            if (!isCurrent(generation))
                return;
            if (!policy) {
                finish(false, tr("The backend refused the policy: %1").arg(policy.error().message));
                return;
            }
            m_model->setRules(policy.value().rules);
            if (!sameRules(policy.value().rules, wanted.rules)) {
                finish(false, tr("Applied, but the backend now holds different rules (shown)."));
                return;
            }
            QString message = tr("Applied and confirmed: %n rule(s) in force.", "",
                                 static_cast<int>(wanted.rules.size()));
            if (m_model->isLocalBackend())
                message += QLatin1Char(' ') + tr("Commands already running keep the network "
                                                 "they started with.");
            finish(true, message);
        });
}

int NetworkPolicyTab::selectedRow() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void NetworkPolicyTab::addRule() {
    const int row = m_model->appendRule(NetworkRule{{}, QStringLiteral("allow"), {}});
    m_view->selectRow(row);
    m_view->edit(m_model->index(row, NetworkRuleModel::DomainColumn));
}

void NetworkPolicyTab::removeSelected() {
    if (const int row = selectedRow(); row >= 0)
        m_model->removeRows(row, 1);
}

void NetworkPolicyTab::moveSelected(int delta) {
    const int row = selectedRow();
    if (row >= 0 && m_model->moveRule(row, row + delta))
        m_view->selectRow(row + delta);
}

void NetworkPolicyTab::moveSelectedUp() {
    moveSelected(-1);
}

void NetworkPolicyTab::moveSelectedDown() {
    moveSelected(1);
}

void NetworkPolicyTab::useAllowAll() {
    m_model->setRules(NetworkPolicy::allowAll().rules);
    onEdited();
}

void NetworkPolicyTab::useDenyAll() {
    m_model->setRules(NetworkPolicy::denyAll().rules);
    onEdited();
}

void NetworkPolicyTab::onEdited() {
    updateNotice();
    updateActions();
    const int invalid = m_model->firstInvalidRow();
    if (invalid >= 0)
        showStatus(
            tr("Rule %1: %2")
                .arg(invalid + 1)
                .arg(m_model->index(invalid, 0).data(NetworkRuleModel::ErrorRole).toString()),
            true);
    else
        showStatus(tr("Changed; not applied yet."));
}

void NetworkPolicyTab::updateNotice() {
    const int unenforced = m_model->isLocalBackend() ? m_model->unenforcedCount() : 0;
    m_notice->setVisible(unenforced > 0);
    if (unenforced == 0) {
        m_notice->clear();
        updateActions();
        return;
    }
    m_notice->setText(tr("The local backend can only allow or deny all network traffic (the "
                         "first * rule). %n marked rule(s) would be stored but NOT enforced.",
                         "", unenforced));
    m_notice->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 4px; }")
            .arg(StatusPalette::color(SandboxState::Hibernating, palette()).name(),
                 StatusPalette::textColor(SandboxState::Hibernating,
                                          StatusPalette::schemeFor(palette()))
                     .name()));
    updateActions();
}

void NetworkPolicyTab::updateActions() {
    const bool usable = !sandboxId().isEmpty() && !isBusy();
    const bool editable = usable && m_loaded;
    const int row = selectedRow();
    m_view->setEnabled(editable);
    m_add->setEnabled(editable);
    m_allowAll->setEnabled(editable);
    m_denyAll->setEnabled(editable);
    m_remove->setEnabled(editable && row >= 0);
    m_up->setEnabled(editable && row > 0);
    m_down->setEnabled(editable && row >= 0 && row + 1 < m_model->rowCount());
    m_apply->setEnabled(editable && m_model->isValid());
    m_reload->setEnabled(usable);
}

} // namespace hangar
