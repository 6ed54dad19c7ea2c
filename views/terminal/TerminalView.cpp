#include "TerminalView.h"

#include "TerminalScreen.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QResizeEvent>
#include <QScrollBar>

#include <algorithm>
#include <climits>
#include <cmath>

namespace hangar {

namespace {

constexpr qreal kZoomStepPoints = 1.0;
constexpr qreal kMinPointSize = 4.0;
constexpr int kMinPixelSize = 6;
constexpr int kMinCols = 2;
constexpr int kMinRows = 1;

QFont defaultFont() {
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    return font;
}

} // namespace

TerminalView::TerminalView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_screen(new TerminalScreen(TerminalScreen::kDefaultCols, TerminalScreen::kDefaultRows, this))
    , m_baseFont(defaultFont()) {
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setCursor(Qt::IBeamCursor);
    // Motion without a button, for programs that ask for it (mode 1003).
    viewport()->setMouseTracking(true);
    // Every pixel is painted by paintEvent: no background fill, no flicker.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAutoFillBackground(false);

    connect(m_screen, &TerminalScreen::damaged, this, &TerminalView::onDamage);
    connect(m_screen, &TerminalScreen::scrollbackChanged, this, &TerminalView::onScrollbackChanged);
    connect(m_screen, &TerminalScreen::cursorChanged, this, &TerminalView::onCursorChanged);
    connect(m_screen, &TerminalScreen::bell, this, &TerminalView::onBell);
    connect(m_screen, &TerminalScreen::titleChanged, this, &TerminalView::titleChanged);
    connect(m_screen, &TerminalScreen::input, this, &TerminalView::input);
    connect(m_screen, &TerminalScreen::resized, this, &TerminalView::sizeChanged);
    connect(m_screen, &TerminalScreen::altScreenChanged, this, [this] { viewport()->update(); });

    m_blinkTimer.setInterval(kCursorBlinkMs);
    connect(&m_blinkTimer, &QTimer::timeout, this, [this] {
        m_blinkOn = !m_blinkOn;
        updateCursorArea();
    });
    m_bellTimer.setSingleShot(true);
    m_bellTimer.setInterval(kBellFlashMs);
    connect(&m_bellTimer, &QTimer::timeout, this, [this] {
        m_bellFlash = false;
        viewport()->update();
    });

    applyFont();
    updateScrollRange();
}

TerminalView::~TerminalView() = default;

int TerminalView::cols() const {
    return m_screen->cols();
}
int TerminalView::rows() const {
    return m_screen->rows();
}

void TerminalView::feed(const QByteArray& bytes) {
    m_screen->feed(bytes);
}

// --- font and size --------------------------------------------------------------------------

void TerminalView::setTerminalFont(const QFont& font) {
    m_baseFont = font;
    m_zoom = 0;
    applyFont();
}

void TerminalView::zoomIn() {
    ++m_zoom;
    applyFont();
}

void TerminalView::zoomOut() {
    --m_zoom;
    applyFont();
}

void TerminalView::resetZoom() {
    m_zoom = 0;
    applyFont();
}

void TerminalView::applyFont() {
    QFont font = m_baseFont;
    font.setKerning(false);
    if (font.pointSizeF() > 0) {
        const qreal size = std::max(kMinPointSize, font.pointSizeF() + m_zoom * kZoomStepPoints);
        m_zoom = int(std::lround((size - font.pointSizeF()) / kZoomStepPoints));
        font.setPointSizeF(size);
    } else {
        const int size = std::max(kMinPixelSize, font.pixelSize() + m_zoom);
        m_zoom = size - font.pixelSize();
        font.setPixelSize(size);
    }
    const QFontMetricsF metrics(font);
    const int width = std::max(1, int(std::ceil(metrics.horizontalAdvance(QLatin1Char('M')))));
    const int height = std::max(1, int(std::ceil(metrics.height())));
    m_cell = QSize(width, height);
    m_ascent = int(std::ceil(metrics.ascent()));
    for (int style = 0; style < FontStyles; ++style) {
        QFont f = font;
        f.setBold(style & Bold);
        f.setItalic(style & Italic);
        // Stretch each glyph's advance to the cell width, so a run of text drawn at once
        // stays on the grid.
        const qreal advance = QFontMetricsF(f).horizontalAdvance(QLatin1Char('M'));
        f.setLetterSpacing(QFont::AbsoluteSpacing, width - advance);
        m_fonts[style] = f;
    }
    verticalScrollBar()->setSingleStep(1);
    updateGeometry();
    updateTerminalSize();
    viewport()->update();
}

void TerminalView::updateTerminalSize() {
    const QSize area = viewport()->size();
    const int cols = std::max(kMinCols, area.width() / m_cell.width());
    const int rows = std::max(kMinRows, area.height() / m_cell.height());
    if (cols == m_screen->cols() && rows == m_screen->rows()) {
        updateScrollRange();
        return;
    }
    // A new width rewraps the scrollback and renumbers its lines: the line at the top of the
    // view and the current match go along with their text; a selection does not survive.
    const bool rewrap = cols != m_screen->cols();
    const bool follow = m_followOutput;
    QList<TerminalPos> keep{{m_firstLine, 0}};
    if (m_match)
        keep.append(m_match->start());
    m_screen->resize(cols, rows, &keep); // emits sizeChanged through resized()
    if (rewrap) {
        m_selection.clear();
        m_selecting = false;
    }
    if (m_match) {
        // Found again from where it went: its end may now be on another line.
        const TerminalPos from{keep.at(1).line, keep.at(1).col - 1};
        m_match = terminalsearch::find(*m_screen, m_searchText, from, false, Qt::CaseInsensitive);
    }
    m_followOutput = follow;
    updateScrollRange();
    if (!follow)
        setFirstLine(keep.at(0).line);
    viewport()->update();
}

void TerminalView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateTerminalSize();
}

QSize TerminalView::sizeHint() const {
    const int frame = 2 * frameWidth();
    return {TerminalScreen::kDefaultCols * m_cell.width() + frame +
                verticalScrollBar()->sizeHint().width(),
            TerminalScreen::kDefaultRows * m_cell.height() + frame};
}

QSize TerminalView::minimumSizeHint() const {
    const int frame = 2 * frameWidth();
    return {kMinCols * m_cell.width() + frame + verticalScrollBar()->sizeHint().width(),
            kMinRows * m_cell.height() + frame};
}

TerminalPalette TerminalView::terminalPalette() const {
    return m_screen->palette();
}

void TerminalView::setTerminalPalette(const TerminalPalette& palette) {
    m_screen->setPalette(palette);
    viewport()->update();
}

int TerminalView::scrollbackLimit() const {
    return m_screen->scrollbackLimit();
}
void TerminalView::setScrollbackLimit(int lines) {
    m_screen->setScrollbackLimit(lines);
}

// --- scrolling --------------------------------------------------------------------------------

void TerminalView::updateScrollRange() {
    m_settingScroll = true;
    QScrollBar* bar = verticalScrollBar();
    bar->setRange(0, m_screen->scrollbackLines());
    bar->setPageStep(m_screen->rows());
    m_settingScroll = false;
    setFirstLine(m_followOutput ? bar->maximum() : m_firstLine);
}

void TerminalView::setFirstLine(int line) {
    QScrollBar* bar = verticalScrollBar();
    line = std::clamp(line, 0, bar->maximum());
    if (bar->value() != line) {
        bar->setValue(line); // scrollContentsBy() takes it from here
        return;
    }
    if (m_firstLine != line) {
        m_firstLine = line;
        viewport()->update();
    }
    m_followOutput = line == bar->maximum();
}

void TerminalView::scrollContentsBy(int, int) {
    if (m_settingScroll)
        return;
    m_firstLine = verticalScrollBar()->value();
    m_followOutput = m_firstLine == verticalScrollBar()->maximum();
    viewport()->update();
}

bool TerminalView::isAtBottom() const {
    return m_firstLine >= m_screen->scrollbackLines();
}

void TerminalView::scrollToBottom() {
    setFirstLine(m_screen->scrollbackLines());
}

void TerminalView::scrollLines(int delta) {
    setFirstLine(m_firstLine + delta);
}

void TerminalView::scrollToShow(int line) {
    const int rows = m_screen->rows();
    if (line >= m_firstLine && line < m_firstLine + rows)
        return;
    setFirstLine(line - rows / 2);
}

void TerminalView::onScrollbackChanged() {
    // Lines that fell off the front take our line numbers with them.
    const quint64 dropped = m_screen->droppedLines();
    const int shift = int(std::min<quint64>(dropped - m_seenDropped, INT_MAX));
    m_seenDropped = dropped;
    if (shift > 0) {
        m_selection.shift(shift);
        if (m_match) {
            m_match->endLine -= shift;
            if ((m_match->line -= shift) < 0)
                m_match.reset();
        }
        if (!m_followOutput)
            m_firstLine = std::max(0, m_firstLine - shift);
    }
    updateScrollRange();
}

QRect TerminalView::cellRect(int line, int col) const {
    return {col * m_cell.width(), (line - m_firstLine) * m_cell.height(), m_cell.width(),
            m_cell.height()};
}

TerminalPos TerminalView::cellAt(const QPoint& point) const {
    const int line = m_firstLine + std::max(0, point.y()) / m_cell.height();
    const int col = std::clamp(point.x() / m_cell.width(), 0, m_screen->cols() - 1);
    return {std::min(line, m_screen->lineCount() - 1), col};
}

// --- damage, cursor, bell -------------------------------------------------------------------

void TerminalView::onDamage(const QRect& cells) {
    const int sb = m_screen->scrollbackLines();
    const QRect area(cells.x() * m_cell.width(), (sb + cells.y() - m_firstLine) * m_cell.height(),
                     cells.width() * m_cell.width(), cells.height() * m_cell.height());
    const QRect visible = area & viewport()->rect();
    if (!visible.isEmpty())
        viewport()->update(visible);
}

void TerminalView::updateCursorArea() {
    if (!m_cursorArea.isEmpty())
        viewport()->update(m_cursorArea);
    const TerminalCursor cursor = m_screen->cursor();
    const QRect now = cellRect(m_screen->scrollbackLines() + cursor.row, cursor.col)
                          .adjusted(0, 0, m_cell.width(), 0); // room for a wide character
    viewport()->update(now);
}

void TerminalView::onCursorChanged() {
    m_blinkOn = true;
    updateCursorBlink();
    updateCursorArea();
}

void TerminalView::updateCursorBlink() {
    const TerminalCursor cursor = m_screen->cursor();
    if (cursor.blink && cursor.visible && hasFocus()) {
        m_blinkTimer.start(); // restarts the phase: the cursor stays on while output moves it
    } else {
        m_blinkTimer.stop();
        m_blinkOn = true;
    }
}

void TerminalView::onBell() {
    m_bellFlash = true;
    m_bellTimer.start();
    viewport()->update();
    emit bell();
}

// --- search ------------------------------------------------------------------------------------

bool TerminalView::find(const QString& text, bool backwards) {
    if (text.isEmpty()) {
        clearSearch();
        return false;
    }
    if (text.compare(m_searchText, Qt::CaseInsensitive) != 0)
        m_match.reset();
    const TerminalPos from = m_match     ? m_match->start()
                             : backwards ? TerminalPos{m_screen->lineCount(), 0}
                                         : TerminalPos{-1, 0};
    m_searchText = text;
    m_match = terminalsearch::find(*m_screen, text, from, backwards, Qt::CaseInsensitive);
    if (m_match)
        scrollToShow(m_match->line);
    viewport()->update();
    return m_match.has_value();
}

void TerminalView::clearSearch() {
    m_searchText.clear();
    m_match.reset();
    viewport()->update();
}

} // namespace hangar
