#include "TranscriptDialog.h"

#include "TranscriptListModel.h"
#include "terminal/TranscriptStore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hangar {

TranscriptDialog::TranscriptDialog(TranscriptStore& store, const QString& sandboxId,
                                   QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_model(new TranscriptListModel(store, this)) {
    setWindowTitle(tr("Terminal transcripts"));
    resize(900, 600);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search the transcripts"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_model, &TranscriptListModel::setSearchText);

    m_list = new QTableView(this);
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TranscriptDialog::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TranscriptDialog::showSelected);

    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(1, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save as…"), QDialogButtonBox::ActionRole);
    connect(m_save, &QPushButton::clicked, this, &TranscriptDialog::chooseFileAndSave);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    m_model->setSandboxId(sandboxId);
    if (m_model->rowCount() > 0)
        m_list->selectRow(0);
    showSelected();
}

QString TranscriptDialog::selectedId() const {
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty()
               ? QString()
               : rows.constFirst().data(TranscriptListModel::TranscriptIdRole).toString();
}

void TranscriptDialog::showSelected() {
    const QString id = selectedId();
    m_save->setEnabled(!id.isEmpty());
    if (id.isEmpty()) {
        m_text->setPlainText(m_model->rowCount() == 0 ? tr("No transcripts.") : QString());
        return;
    }
    const auto raw = m_store.read(id);
    m_text->setPlainText(raw ? TranscriptStore::plainText(raw.value())
                             : tr("Could not read the transcript: %1").arg(raw.error().describe()));
    // Show where the search text is.
    if (!m_search->text().trimmed().isEmpty())
        m_text->find(m_search->text().trimmed());
}

bool TranscriptDialog::saveTo(const QString& path) {
    const QString id = selectedId();
    if (id.isEmpty())
        return false;
    if (const Status saved = m_store.save(id, path); !saved) {
        QMessageBox::warning(this, windowTitle(),
                             tr("Could not save the transcript: %1").arg(saved.error().describe()));
        return false;
    }
    return true;
}

void TranscriptDialog::chooseFileAndSave() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save transcript"),
                                                      selectedId() + QStringLiteral(".txt"),
                                                      tr("Text files (*.txt)"));
    if (!path.isEmpty())
        saveTo(path);
}

} // namespace hangar
