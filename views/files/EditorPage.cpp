#include "EditorPage.h"

#include "CodeEditor.h"
#include "StatusPalette.h"
#include "WakeNotice.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QStringDecoder>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace hangar {

namespace {

// "00000000  48 65 6c 6c 6f 0a ...  |Hello.|", 16 bytes a line.
QString hexDump(const QByteArray& data) {
    QString out;
    for (qsizetype offset = 0; offset < data.size(); offset += 16) {
        const QByteArray line = data.mid(offset, 16);
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        for (int i = 0; i < 16; ++i)
            out += i < line.size()
                       ? QStringLiteral("%1 ").arg(uchar(line[i]), 2, 16, QLatin1Char('0'))
                       : QStringLiteral("   ");
        out += QStringLiteral(" |");
        for (char c : line)
            out += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        out += QStringLiteral("|\n");
    }
    return out;
}

bool isText(const QByteArray& content) {
    if (content.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder(content);
    Q_UNUSED(decoded)
    return !decoder.hasError();
}

// The find bar's line edit: Enter finds the next match, Shift+Enter the previous one.
class FindEdit : public QLineEdit {
public:
    FindEdit(EditorPage* page, QWidget* parent)
        : QLineEdit(parent)
        , m_page(page) {}

protected:
    void keyPressEvent(QKeyEvent* event) override {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            m_page->findNext(event->modifiers().testFlag(Qt::ShiftModifier));
            return;
        }
        if (event->key() == Qt::Key_Escape) {
            parentWidget()->hide();
            return;
        }
        QLineEdit::keyPressEvent(event);
    }

private:
    EditorPage* m_page;
};

} // namespace

EditorPage::EditorPage(LifecycleService& lifecycle, SandboxTools& tools, QString sandboxId,
                       QString path, QWidget* parent)
    : QWidget(parent)
    , m_lifecycle(lifecycle)
    , m_tools(tools)
    , m_sandboxId(std::move(sandboxId))
    , m_path(std::move(path)) {
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("editorNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_editor = new CodeEditor(this);
    m_editor->setReadOnly(true); // until the content is there
    connect(m_editor, &QPlainTextEdit::modificationChanged, this, &EditorPage::modificationChanged);

    m_findBar = new QWidget(this);
    m_find = new FindEdit(this, m_findBar);
    m_find->setPlaceholderText(tr("Find (Enter: next, Shift+Enter: previous)"));
    m_findResult = new QLabel(m_findBar);
    auto* next = new QToolButton(m_findBar);
    next->setText(tr("Next"));
    connect(next, &QToolButton::clicked, this, [this] { findNext(false); });
    auto* previous = new QToolButton(m_findBar);
    previous->setText(tr("Previous"));
    connect(previous, &QToolButton::clicked, this, [this] { findNext(true); });
    auto* close = new QToolButton(m_findBar);
    close->setText(tr("Close"));
    connect(close, &QToolButton::clicked, m_findBar, &QWidget::hide);
    auto* findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_find, 1);
    findLayout->addWidget(m_findResult);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(close);
    m_findBar->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_notice);
    layout->addWidget(m_status);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &EditorPage::showFind);
    auto* saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveKey, &QShortcut::activated, this, &EditorPage::save);
}

bool EditorPage::isModified() const {
    return m_editor->document()->isModified();
}

QString EditorPage::wakingOr(const QString& text) const {
    if (!isAsleep(m_lifecycle, m_sandboxId))
        return text;
    return tr("Waking the sandbox…") + QLatin1Char(' ') + text;
}

void EditorPage::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     error ? StatusPalette::color(SandboxState::Failed, this->palette())
                           : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void EditorPage::load() {
    if (m_busy)
        return;
    m_busy = true;
    m_loaded = false;
    setStatus(wakingOr(tr("Opening %1…").arg(m_path)));
    whenReady(m_tools.stat(m_sandboxId, m_path), this, [this](Result<FsEntry> stat) {
        if (stat && stat.value().isDir)
            stat = makeError(ErrorCode::IsADirectory, tr("is a folder"), m_path);
        if (!stat) {
            m_busy = false;
            setStatus(tr("Could not open: %1").arg(stat.error().describe()), true);
            emit failed(stat.error().describe());
            return;
        }
        m_opened = stat.value();
        if (m_opened.size > kMaxEditBytes) {
            // Not read at all: a huge file would take the memory and freeze the editor.
            m_busy = false;
            m_readOnly = true;
            m_editor->clear();
            m_editor->setReadOnly(true);
            m_notice->setText(tr("%1 is %2, over the %3 this editor opens: it is not shown. "
                                 "Download it instead.")
                                  .arg(m_path, QLocale().formattedDataSize(m_opened.size),
                                       QLocale().formattedDataSize(kMaxEditBytes)));
            m_notice->show();
            setStatus({});
            m_loaded = true;
            emit loaded();
            return;
        }
        whenReady(m_tools.readFile(m_sandboxId, m_path), this, [this](Result<QByteArray> read) {
            m_busy = false;
            if (!read) {
                setStatus(tr("Could not open: %1").arg(read.error().describe()), true);
                emit failed(read.error().describe());
                return;
            }
            showContent(read.value());
            setStatus({});
            m_loaded = true;
            emit loaded();
        });
    });
}

void EditorPage::showContent(const QByteArray& content) {
    m_readOnly = !isText(content);
    if (m_readOnly) {
        m_editor->setPlainText(hexDump(content.left(kHexPreviewBytes)));
        m_notice->setText(content.size() > kHexPreviewBytes
                              ? tr("%1 is a binary file: shown read-only, as hex, its first %2.")
                                    .arg(m_path, QLocale().formattedDataSize(kHexPreviewBytes))
                              : tr("%1 is a binary file: shown read-only, as hex.").arg(m_path));
        m_notice->show();
    } else {
        m_editor->setPlainText(QString::fromUtf8(content));
        m_notice->hide();
    }
    m_editor->setReadOnly(m_readOnly);
    m_editor->document()->setModified(false);
}

void EditorPage::save() {
    if (m_readOnly || !m_loaded || m_busy)
        return;
    m_busy = true;
    setStatus(wakingOr(tr("Saving %1…").arg(m_path)));
    whenReady(m_tools.stat(m_sandboxId, m_path), this, [this](Result<FsEntry> stat) {
        if (!stat && stat.error().code == ErrorCode::NotFound)
            return askAboutConflict(
                tr("%1 was deleted in the sandbox since you opened it.").arg(m_path));
        if (!stat) {
            m_busy = false;
            setStatus(tr("Could not save: %1").arg(stat.error().describe()), true);
            emit failed(stat.error().describe());
            return;
        }
        if (stat.value().size != m_opened.size || stat.value().modified != m_opened.modified)
            return askAboutConflict(
                tr("%1 was changed in the sandbox since you opened it.").arg(m_path));
        write();
    });
}

void EditorPage::askAboutConflict(const QString& what) {
    setStatus({});
    auto* box = new QMessageBox(QMessageBox::Warning, tr("File changed"),
                                what + QLatin1Char('\n') +
                                    tr("Overwrite it with your text, reload it (your changes are "
                                       "lost) or cancel?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("conflictDialog"));
    QPushButton* overwrite = box->addButton(tr("&Overwrite"), QMessageBox::DestructiveRole);
    overwrite->setObjectName(QStringLiteral("overwrite"));
    QPushButton* reload = box->addButton(tr("&Reload"), QMessageBox::ResetRole);
    reload->setObjectName(QStringLiteral("reload"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    box->setDefaultButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, overwrite, reload] {
        m_busy = false;
        if (box->clickedButton() == overwrite) {
            m_busy = true;
            write();
        } else if (box->clickedButton() == reload) {
            load();
        }
    });
    box->open();
    emit conflictAsked(box);
}

void EditorPage::write() {
    WriteOptions options; // the folder exists: it was there when the file was opened
    options.makeParents = false;
    const QByteArray content = m_editor->toPlainText().toUtf8();
    whenReady(m_tools.writeFile(m_sandboxId, m_path, content, options), this,
              [this](Status written) {
                  if (!written) {
                      m_busy = false;
                      setStatus(tr("Could not save: %1").arg(written.error().describe()), true);
                      emit failed(written.error().describe());
                      return;
                  }
                  // What was saved becomes the base of the next conflict check.
                  whenReady(m_tools.stat(m_sandboxId, m_path), this, [this](Result<FsEntry> st) {
                      m_busy = false;
                      if (st)
                          m_opened = st.value();
                      m_editor->document()->setModified(false);
                      setStatus({});
                      emit saved();
                  });
              });
}

void EditorPage::showFind() {
    m_findBar->show();
    m_find->setFocus();
    m_find->selectAll();
}

bool EditorPage::findNext(bool backwards) {
    const QString text = m_find->text();
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags =
        backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_editor->find(text, flags);
    if (!found) {
        // Wrap around: start again from the other end.
        QTextCursor cursor = m_editor->textCursor();
        cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        m_editor->setTextCursor(cursor);
        found = m_editor->find(text, flags);
    }
    m_findResult->setText(found ? QString() : tr("not found"));
    return found;
}

} // namespace hangar
