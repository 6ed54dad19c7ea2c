#include "FileEditor.h"

#include "EditorPage.h"

#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace hangar {

namespace {

QString fileName(const QString& path) {
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

FileEditor::FileEditor(LifecycleService& lifecycle, SandboxTools& tools, QString sandboxId,
                       QWidget* parent)
    : QTabWidget(parent)
    , m_lifecycle(lifecycle)
    , m_tools(tools)
    , m_sandboxId(std::move(sandboxId)) {
    setTabsClosable(true);
    setDocumentMode(true);
    setMovable(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &FileEditor::closePage);
}

EditorPage* FileEditor::page(const QString& path) const {
    for (int i = 0; i < count(); ++i) {
        auto* candidate = qobject_cast<EditorPage*>(widget(i));
        if (candidate && candidate->path() == path)
            return candidate;
    }
    return nullptr;
}

EditorPage* FileEditor::currentPage() const {
    return qobject_cast<EditorPage*>(currentWidget());
}

bool FileEditor::isBusy() const {
    for (int i = 0; i < count(); ++i) {
        auto* candidate = qobject_cast<EditorPage*>(widget(i));
        if (candidate && candidate->isBusy())
            return true;
    }
    return false;
}

EditorPage* FileEditor::openFile(const QString& path) {
    if (EditorPage* open = page(path)) {
        setCurrentWidget(open);
        return open;
    }
    auto* created = new EditorPage(m_lifecycle, m_tools, m_sandboxId, path, this);
    const int index = addTab(created, fileName(path));
    setTabToolTip(index, path);
    setCurrentIndex(index);
    connect(created, &EditorPage::modificationChanged, this,
            [this, created] { updateTitle(created); });
    connect(created, &EditorPage::loaded, this, [this, created] { updateTitle(created); });
    created->load();
    emit pagesChanged();
    return created;
}

void FileEditor::updateTitle(EditorPage* page) {
    const int index = indexOf(page);
    if (index < 0)
        return;
    QString title = fileName(page->path());
    if (page->isReadOnly())
        title += tr(" (read-only)");
    if (page->isModified())
        title += QLatin1Char('*');
    setTabText(index, title);
}

void FileEditor::saveCurrent() {
    if (EditorPage* current = currentPage())
        current->save();
}

void FileEditor::closePage(int index) {
    auto* closing = qobject_cast<EditorPage*>(widget(index));
    if (!closing)
        return;
    if (!closing->isModified()) {
        removeTab(index);
        closing->deleteLater();
        emit pagesChanged();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
                                tr("%1 has unsaved changes. Close it anyway?").arg(closing->path()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("closeUnsavedDialog"));
    QPushButton* discard = box->addButton(tr("&Discard changes"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this,
            [this, box, discard, closing = QPointer<EditorPage>(closing)] {
                if (!closing || box->clickedButton() != discard)
                    return;
                const int at = indexOf(closing);
                if (at >= 0) {
                    removeTab(at);
                    closing->deleteLater();
                    emit pagesChanged();
                }
            });
    box->open();
}

} // namespace hangar
