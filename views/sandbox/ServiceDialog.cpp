#include "ServiceDialog.h"

#include "StatusPalette.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hangar {

ServiceDialog::ServiceDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("New service"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("serviceName"));
    m_name->setPlaceholderText(tr("web"));
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("serviceCommand"));
    m_command->setPlaceholderText(tr("python3"));
    m_args = new QPlainTextEdit(this);
    m_args->setObjectName(QStringLiteral("serviceArgs"));
    m_args->setPlaceholderText(tr("-m\nhttp.server\n8080"));
    m_args->setTabChangesFocus(true);
    m_needs = new QLineEdit(this);
    m_needs->setObjectName(QStringLiteral("serviceNeeds"));
    m_needs->setPlaceholderText(tr("db cache"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("serviceHttpPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("none"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("serviceDialogError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }")
                               .arg(StatusPalette::color(SandboxState::Failed, palette()).name()));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Command:"), m_command);
    form->addRow(tr("&Arguments (one per line, taken as typed):"), m_args);
    form->addRow(tr("N&eeds:"), m_needs);
    form->addRow(tr("&HTTP port:"), m_port);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ServiceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ServiceDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

ServiceSpec ServiceDialog::spec() const {
    ServiceSpec spec;
    spec.name = m_name->text().trimmed();
    spec.command = m_command->text().trimmed();
    const QString args = m_args->toPlainText();
    if (!args.isEmpty())
        spec.args = args.split(QLatin1Char('\n'));
    // A trailing newline is not an empty last argument.
    if (!spec.args.isEmpty() && spec.args.last().isEmpty())
        spec.args.removeLast();
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    spec.needs = m_needs->text().split(separators, Qt::SkipEmptyParts);
    if (m_port->value() > 0)
        spec.httpPort = m_port->value();
    return spec;
}

void ServiceDialog::setSpec(const ServiceSpec& spec) {
    m_name->setText(spec.name);
    m_command->setText(spec.command);
    m_args->setPlainText(spec.args.join(QLatin1Char('\n')));
    m_needs->setText(spec.needs.join(QLatin1Char(' ')));
    m_port->setValue(spec.httpPort.value_or(0));
}

void ServiceDialog::accept() {
    if (auto valid = spec().validate(); !valid) {
        m_error->setText(valid.error().message);
        return;
    }
    m_error->clear();
    QDialog::accept();
}

} // namespace hangar
