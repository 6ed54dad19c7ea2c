#pragma once

#include "backend/ServiceTypes.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace hangar {

// Defines a new service: its name, the program, its arguments one per line (each line is one
// argument exactly as typed: nothing is split or interpreted by a shell), the services it
// needs (separated by spaces or commas) and an optional HTTP port. OK is refused, with the
// reason shown, until ServiceSpec::validate() accepts what was typed.
class ServiceDialog : public QDialog {
    Q_OBJECT
public:
    explicit ServiceDialog(QWidget* parent = nullptr);

    ServiceSpec spec() const;
    void setSpec(const ServiceSpec& spec);

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* commandEdit() const { return m_command; }
    QPlainTextEdit* argsEdit() const { return m_args; }
    QLineEdit* needsEdit() const { return m_needs; }
    QSpinBox* portSpin() const { return m_port; }
    QLabel* errorLabel() const { return m_error; }

public slots:
    void accept() override;

private:
    QLineEdit* m_name = nullptr;
    QLineEdit* m_command = nullptr;
    QPlainTextEdit* m_args = nullptr;
    QLineEdit* m_needs = nullptr;
    QSpinBox* m_port = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace hangar
