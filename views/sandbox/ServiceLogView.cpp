#include "ServiceLogView.h"

#include "StatusPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace hangar {

ServiceLogView::ServiceLogView(QWidget* parent)
    : QWidget(parent) {
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("serviceLog"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(MaxLines);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_text->setPlaceholderText(tr("Select a service to follow its log."));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("serviceLogSearch"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    m_previous = new QPushButton(tr("&Previous"), this);
    m_previous->setObjectName(QStringLiteral("serviceLogPrevious"));
    m_next = new QPushButton(tr("&Next"), this);
    m_next->setObjectName(QStringLiteral("serviceLogNext"));
    m_matches = new QLabel(this);
    m_matches->setObjectName(QStringLiteral("serviceLogMatches"));
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_previous);
    searchRow->addWidget(m_next);
    searchRow->addWidget(m_matches);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addLayout(searchRow);

    connect(m_search, &QLineEdit::textChanged, this, &ServiceLogView::updateHighlights);
    connect(m_search, &QLineEdit::returnPressed, this, &ServiceLogView::findNext);
    connect(m_next, &QPushButton::clicked, this, &ServiceLogView::findNext);
    connect(m_previous, &QPushButton::clicked, this, &ServiceLogView::findPrevious);
    updateHighlights();
}

QString ServiceLogView::text() const {
    return m_text->toPlainText();
}

void ServiceLogView::appendLine(const ServiceLogLine& line) {
    QScrollBar* bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    QTextCharFormat format;
    if (line.stream == ServiceLogLine::Stream::Stderr) {
        format.setForeground(StatusPalette::color(SandboxState::Failed, palette()));
    } else if (line.stream == ServiceLogLine::Stream::Event) {
        format.setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        format.setFontItalic(true);
    }
    // Appended as text with a format: never interpreted as markup.
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_text->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(line.stream == ServiceLogLine::Stream::Event
                          ? QStringLiteral("— %1 —").arg(line.text)
                          : line.text,
                      format);
    if (atEnd)
        bar->setValue(bar->maximum());
    if (!m_search->text().isEmpty())
        updateHighlights();
}

void ServiceLogView::appendNotice(const QString& text) {
    appendLine({ServiceLogLine::Stream::Event, text, QDateTime::currentDateTime()});
}

void ServiceLogView::clear() {
    m_text->clear();
    updateHighlights();
}

bool ServiceLogView::findNext() {
    return find(false);
}

bool ServiceLogView::findPrevious() {
    return find(true);
}

bool ServiceLogView::find(bool backward) {
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return false;
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(needle, flags))
        return true;
    // Wrap around: from the other end once.
    QTextCursor cursor(m_text->document());
    cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    return m_text->find(needle, flags);
}

void ServiceLogView::updateHighlights() {
    const QString needle = m_search->text();
    QList<QTextEdit::ExtraSelection> selections;
    if (!needle.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(StatusPalette::color(SandboxState::Hibernating, palette()));
        format.setForeground(StatusPalette::textColor(SandboxState::Hibernating,
                                                      StatusPalette::schemeFor(palette())));
        QTextCursor cursor(m_text->document());
        for (cursor = m_text->document()->find(needle, cursor); !cursor.isNull();
             cursor = m_text->document()->find(needle, cursor))
            selections.append({cursor, format});
    }
    m_text->setExtraSelections(selections);
    m_matchCount = static_cast<int>(selections.size());
    m_matches->setText(needle.isEmpty() ? QString() : tr("Matches: %1").arg(m_matchCount));
    m_next->setEnabled(m_matchCount > 0);
    m_previous->setEnabled(m_matchCount > 0);
}

} // namespace hangar
