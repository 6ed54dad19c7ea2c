// TerminalView offscreen: real widget, real events, bytes in through feed() and out through
// input(); what is painted, typed, selected, pasted, found and resized.
#include "TerminalScreen.h"
#include "TerminalView.h"

#include <QApplication>
#include <QClipboard>
#include <QPaintEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace hangar;

namespace {

QByteArray esc(const char* sequence) {
    return QByteArray("\x1b") + sequence;
}

QByteArray numberedLines(int count) {
    QByteArray out;
    for (int i = 1; i <= count; ++i)
        out += "line " + QByteArray::number(i) + "\r\n";
    return out;
}

// Records the regions the viewport paints.
class PaintRecorder : public QObject {
public:
    explicit PaintRecorder(QWidget* target) { target->installEventFilter(this); }
    QList<QRegion> regions;

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            regions.append(static_cast<QPaintEvent*>(event)->region());
        return false;
    }
};

// xterm's default mouse encoding: ESC [ M, then 32 + button code, 33 + column, 33 + row.
QByteArray x10(int code, int col, int row) {
    return esc("[M") + char(32 + code) + char(33 + col) + char(33 + row);
}

QByteArray joined(const QSignalSpy& spy) {
    QByteArray all;
    for (const QList<QVariant>& args : spy)
        all += args.at(0).toByteArray();
    return all;
}

} // namespace

class TstTerminalView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TerminalView> m_view;

    TerminalView& view() { return *m_view; }
    QPoint centreOf(int line, int col) { return view().cellRect(line, col).center(); }
    QColor pixelAt(int line, int col) {
        const QImage image = view().viewport()->grab().toImage();
        const QRect cell = view().cellRect(line, col);
        // Top-left inside the cell: background, never a glyph's stroke.
        return image.pixelColor(cell.topLeft() + QPoint(1, 1));
    }

private slots:
    void init() {
        m_view = std::make_unique<TerminalView>();
        m_view->resize(900, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->activateWindow();
        m_view->setFocus();
        QTRY_VERIFY(m_view->hasFocus());
    }
    void cleanup() { m_view.reset(); }

    void sizeFollowsTheWidget() {
        const QSize cell = view().cellSize();
        QVERIFY(cell.width() > 0 && cell.height() > 0);
        QCOMPARE(view().cols(), view().viewport()->width() / cell.width());
        QCOMPARE(view().rows(), view().viewport()->height() / cell.height());
        QSignalSpy size(&view(), &TerminalView::sizeChanged);
        view().resize(view().width() + 10 * cell.width(), view().height() + 3 * cell.height());
        QTRY_VERIFY(!size.isEmpty());
        const QList<QVariant> last = size.last();
        QCOMPARE(last.at(0).toInt(), view().viewport()->width() / cell.width());
        QCOMPARE(last.at(1).toInt(), view().viewport()->height() / cell.height());
        QCOMPARE(view().screen().cols(), last.at(0).toInt());
        QCOMPARE(view().screen().rows(), last.at(1).toInt());
    }

    void recordedSequencesThroughTheWidget() {
        view().feed(esc("[1;31mbold red") + esc("[0m ") + esc("[48;5;21m  ") + esc("[0m ") +
                    esc("[38;2;1;2;3mrgb") + esc("[0m\r\n") + QStringLiteral("宽").toUtf8());
        const TerminalScreen& screen = view().screen();
        const TerminalCell b = screen.screenCell(0, 0);
        QCOMPARE(b.text, QStringLiteral("b"));
        QVERIFY(b.has(TerminalCell::Attr::Bold));
        QCOMPARE(b.fgIndex, 1);
        QCOMPARE(screen.screenCell(0, 9).bg, qRgb(0, 0, 255));
        QCOMPARE(screen.screenCell(0, 12).fg, qRgb(1, 2, 3));
        QCOMPARE(screen.screenCell(1, 0).width, 2);
        QCOMPARE(screen.cursor().row, 1);
        QCOMPARE(screen.cursor().col, 2);
        // ... and painted: the blue background is on the screen, the default around it.
        const int line = screen.scrollbackLines();
        QTRY_COMPARE(pixelAt(line, 9), QColor(0, 0, 255));
        QCOMPARE(pixelAt(line, 8), screen.palette().background);
    }

    void paintsOnlyWhatChanged() {
        view().feed("some text\r\nmore");
        PaintRecorder paints(view().viewport());
        QTRY_VERIFY(!paints.regions.isEmpty());
        paints.regions.clear();
        view().feed(esc("[10;20Hx"));
        QTRY_VERIFY(!paints.regions.isEmpty());
        QRegion painted;
        for (const QRegion& r : std::as_const(paints.regions))
            painted += r;
        const int line = view().screen().scrollbackLines();
        QVERIFY(painted.contains(view().cellRect(line + 9, 19)));  // the new character
        QVERIFY(!painted.contains(view().cellRect(line + 5, 0)));  // an untouched row
        QVERIFY(!painted.contains(view().cellRect(line + 9, 60))); // far along the same row
        qint64 area = 0;
        for (const QRect& r : painted)
            area += qint64(r.width()) * r.height();
        const QSize viewport = view().viewport()->size();
        QVERIFY2(area < qint64(viewport.width()) * viewport.height() / 10,
                 qPrintable(QString::number(area)));
    }

    void keysProduceTheExpectedBytes() {
        QSignalSpy input(&view(), &TerminalView::input);
        auto typed = [&](Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
            input.clear();
            QTest::keyClick(&view(), key, mods);
            return joined(input);
        };
        QCOMPARE(typed(Qt::Key_Up), esc("[A"));
        QCOMPARE(typed(Qt::Key_Down), esc("[B"));
        QCOMPARE(typed(Qt::Key_Right), esc("[C"));
        QCOMPARE(typed(Qt::Key_Home), esc("[H"));
        QCOMPARE(typed(Qt::Key_End), esc("[F"));
        QCOMPARE(typed(Qt::Key_PageUp), esc("[5~"));
        QCOMPARE(typed(Qt::Key_F2), esc("OQ"));
        QCOMPARE(typed(Qt::Key_F10), esc("[21~"));
        QCOMPARE(typed(Qt::Key_C, Qt::ControlModifier), QByteArray("\x03"));
        QCOMPARE(typed(Qt::Key_L, Qt::ControlModifier), QByteArray("\x0c"));
        QCOMPARE(typed(Qt::Key_B, Qt::AltModifier), esc("b"));
        QCOMPARE(typed(Qt::Key_Tab), QByteArray("\t")); // not a focus change
        QVERIFY(view().hasFocus());
        QCOMPARE(typed(Qt::Key_Return), QByteArray("\r"));
        input.clear();
        QTest::keyClicks(&view(), QStringLiteral("ls -l"));
        QCOMPARE(joined(input), QByteArray("ls -l"));
        view().feed(esc("[?1h"));
        QCOMPARE(typed(Qt::Key_Up), esc("OA"));
    }

    void fontZoom() {
        QSignalSpy size(&view(), &TerminalView::sizeChanged);
        const QFont base = view().effectiveFont();
        const int cols = view().cols();
        QTest::keyClick(&view(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(view().zoom(), 1);
        QVERIFY(view().effectiveFont().pointSizeF() > base.pointSizeF() ||
                view().effectiveFont().pixelSize() > base.pixelSize());
        QTest::keyClick(&view(), Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(&view(), Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(&view(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(view().zoom(), -2);
        QVERIFY(view().cols() > cols); // smaller cells, more of them
        QVERIFY(!size.isEmpty());
        QCOMPARE(size.last().at(0).toInt(), view().cols());
        QTest::keyClick(&view(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(view().zoom(), 0);
        QCOMPARE(view().cols(), cols);

        QFont font(QStringLiteral("Monospace"));
        font.setPointSize(20);
        view().setTerminalFont(font);
        QCOMPARE(view().terminalFont().pointSize(), 20);
        QVERIFY(view().cols() < cols);
    }

    void pasteIsBracketedWhenAsked() {
        QSignalSpy input(&view(), &TerminalView::input);
        QApplication::clipboard()->setText(QStringLiteral("echo one\necho two"));
        QTest::keyClick(&view(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(joined(input), QByteArray("echo one\recho two"));
        input.clear();
        view().feed(esc("[?2004h"));
        QTest::keyClick(&view(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(joined(input), esc("[200~echo one\recho two") + esc("[201~"));
        input.clear();
        // The middle button pastes too (the X selection where there is one).
        QClipboard* clipboard = QApplication::clipboard();
        const QString expected = clipboard->supportsSelection()
                                     ? clipboard->text(QClipboard::Selection)
                                     : clipboard->text();
        QTest::mouseClick(view().viewport(), Qt::MiddleButton, {}, centreOf(0, 0));
        if (!expected.isEmpty())
            QCOMPARE(joined(input),
                     esc("[200~") + expected.toUtf8().replace('\n', '\r') + esc("[201~"));
    }

    void selectAndCopy() {
        view().feed("hello world/path.txt again\r\nsecond line");
        const int line = view().screen().scrollbackLines();
        QWidget* vp = view().viewport();
        const QRect first = view().cellRect(line, 0);
        const QRect fifth = view().cellRect(line, 4);
        // Drag from the left edge of "h" to the right edge of "o".
        QTest::mousePress(vp, Qt::LeftButton, {}, first.topLeft() + QPoint(1, 2));
        QTest::mouseMove(vp, fifth.topRight() + QPoint(-1, 2));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, fifth.topRight() + QPoint(-1, 2));
        QVERIFY(view().hasSelection());
        QCOMPARE(view().selectedText(), QStringLiteral("hello"));
        QTest::keyClick(&view(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("hello"));
        // Selected cells are painted in the selection colour.
        QTRY_COMPARE(pixelAt(line, 2), view().terminalPalette().selection);

        // Across lines.
        QTest::mousePress(vp, Qt::LeftButton, {},
                          view().cellRect(line, 21).topLeft() + QPoint(1, 2));
        QTest::mouseMove(vp, view().cellRect(line + 1, 6).topLeft() + QPoint(1, 2));
        QTest::mouseRelease(vp, Qt::LeftButton, {},
                            view().cellRect(line + 1, 6).topLeft() + QPoint(1, 2));
        QCOMPARE(view().selectedText(), QStringLiteral("again\nsecond"));

        // Double click: the word (paths count as one).
        QTest::mouseDClick(vp, Qt::LeftButton, {}, centreOf(line, 14));
        QCOMPARE(view().selectedText(), QStringLiteral("world/path.txt"));
        // Triple click: the line.
        QTest::mousePress(vp, Qt::LeftButton, {}, centreOf(line, 14));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, centreOf(line, 14));
        QCOMPARE(view().selectedText(), QStringLiteral("hello world/path.txt again"));
        QTest::keyClick(&view(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("hello world/path.txt again"));
        if (QApplication::clipboard()->supportsSelection())
            QCOMPARE(QApplication::clipboard()->text(QClipboard::Selection),
                     QStringLiteral("hello world/path.txt again"));

        // A plain click clears it.
        QTest::mouseClick(vp, Qt::LeftButton, {}, centreOf(line + 1, 30));
        QVERIFY(!view().hasSelection());
    }

    void selectWideCharacters() {
        view().feed(QStringLiteral("ab中文cd").toUtf8());
        const int line = view().screen().scrollbackLines();
        QTest::mouseDClick(view().viewport(), Qt::LeftButton, {}, centreOf(line, 3));
        QCOMPARE(view().selectedText(), QStringLiteral("ab中文cd"));
        QTest::mousePress(view().viewport(), Qt::LeftButton, {},
                          view().cellRect(line, 2).topLeft() + QPoint(1, 1));
        QTest::mouseMove(view().viewport(), view().cellRect(line, 5).topRight() + QPoint(-1, 1));
        QTest::mouseRelease(view().viewport(), Qt::LeftButton, {},
                            view().cellRect(line, 5).topRight() + QPoint(-1, 1));
        QCOMPARE(view().selectedText(), QStringLiteral("中文"));
    }

    void scrollbackWithKeysWheelAndScrollBar() {
        view().feed(numberedLines(200));
        const int sb = view().screen().scrollbackLines();
        QVERIFY(sb > 100);
        QVERIFY(view().isAtBottom());
        QCOMPARE(view().firstVisibleLine(), sb);
        QCOMPARE(view().verticalScrollBar()->maximum(), sb);

        QTest::keyClick(&view(), Qt::Key_PageUp, Qt::ShiftModifier);
        QCOMPARE(view().firstVisibleLine(), sb - view().rows());
        QTest::keyClick(&view(), Qt::Key_PageDown, Qt::ShiftModifier);
        QCOMPARE(view().firstVisibleLine(), sb);

        QWheelEvent up(QPointF(50, 50), view().viewport()->mapToGlobal(QPointF(50, 50)), QPoint(),
                       QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view().viewport(), &up);
        QVERIFY(view().firstVisibleLine() < sb);

        view().verticalScrollBar()->setValue(0);
        QCOMPARE(view().firstVisibleLine(), 0);
        // The first line is painted at the top.
        QTRY_VERIFY(view().viewport()->grab().toImage() != QImage()); // painted at all
        // New output while scrolled back does not move the view...
        view().feed("more\r\n");
        QCOMPARE(view().firstVisibleLine(), 0);
        // ... typing does: back to the bottom.
        QTest::keyClick(&view(), Qt::Key_A);
        QVERIFY(view().isAtBottom());
    }

    void searchFindsTextInScrollback() {
        QByteArray lines;
        for (int i = 1; i <= 200; ++i)
            lines += (i == 7 || i == 150 ? "the needle " : "hay ") + QByteArray::number(i) + "\r\n";
        view().feed(lines);
        QVERIFY(view().screen().scrollbackLines() > 150);
        QVERIFY(view().find(QStringLiteral("NEEDLE"), true)); // backwards: the latest first
        QCOMPARE(view().currentMatch()->line, 149);
        QCOMPARE(view().currentMatch()->col, 4);
        QCOMPARE(view().currentMatch()->endCol, 10);
        QVERIFY(view().firstVisibleLine() <= 149 &&
                149 < view().firstVisibleLine() + view().rows());
        QVERIFY(view().find(QStringLiteral("needle"), true));
        QCOMPARE(view().currentMatch()->line, 6);
        QVERIFY(view().firstVisibleLine() <= 6 && 6 < view().firstVisibleLine() + view().rows());
        // The match is highlighted.
        QTRY_COMPARE(pixelAt(6, 5), view().terminalPalette().currentMatch);
        QVERIFY(view().find(QStringLiteral("needle"), true)); // wraps around
        QCOMPARE(view().currentMatch()->line, 149);
        QVERIFY(view().find(QStringLiteral("needle"))); // forwards from there wraps to the top
        QCOMPARE(view().currentMatch()->line, 6);
        QVERIFY(!view().find(QStringLiteral("no such thing")));
        QVERIFY(!view().currentMatch());
        view().clearSearch();
        QVERIFY(!view().currentMatch());
    }

    void repliesGoOutThroughInput() {
        QSignalSpy input(&view(), &TerminalView::input);
        view().feed(esc("[c"));
        QCOMPARE(input.size(), 1);
        QVERIFY(input.at(0).at(0).toByteArray().startsWith(esc("[?")));
    }

    void visualBellFlashes() {
        QSignalSpy bell(&view(), &TerminalView::bell);
        view().feed("\a");
        QCOMPARE(bell.size(), 1);
        QVERIFY(view().isBellFlashing());
        QTRY_VERIFY(!view().isBellFlashing());
    }

    void titleChanges() {
        QSignalSpy title(&view(), &TerminalView::titleChanged);
        view().feed(esc("]0;vim README\x07"));
        QCOMPARE(title.size(), 1);
        QCOMPARE(title.at(0).at(0).toString(), QStringLiteral("vim README"));
    }

    void alternateScreenThroughTheWidget() {
        view().feed(numberedLines(50));
        const int sb = view().screen().scrollbackLines();
        view().feed(esc("[?1049h") + esc("[H") + "EDITOR");
        QVERIFY(view().screen().screenText().startsWith(QStringLiteral("EDITOR")));
        view().feed(esc("[?1049l"));
        QCOMPARE(view().screen().scrollbackLines(), sb);
        QVERIFY(!view().screen().screenText().contains(QStringLiteral("EDITOR")));
        QVERIFY(view().screen().screenText().contains(QStringLiteral("line 50")));
    }

    void mouseGoesToTheProgramThatAsked() {
        QSignalSpy input(&view(), &TerminalView::input);
        QWidget* vp = view().viewport();
        const int sb = view().screen().scrollbackLines();
        // Not asked: a click selects and sends nothing.
        QTest::mouseClick(vp, Qt::LeftButton, {}, centreOf(sb + 2, 4));
        QCOMPARE(joined(input), QByteArray());

        view().feed(esc("[?1000h") + esc("[?1006h"));
        QVERIFY(view().screen().wantsMouse());
        QTest::mousePress(vp, Qt::LeftButton, {}, centreOf(sb + 2, 4));
        QCOMPARE(joined(input), esc("[<0;5;3M"));
        input.clear();
        QTest::mouseRelease(vp, Qt::LeftButton, {}, centreOf(sb + 2, 4));
        QCOMPARE(joined(input), esc("[<0;5;3m"));
        QVERIFY(!view().hasSelection());
        input.clear();
        // Modifiers ride along (Ctrl = 16), the middle button is the program's too.
        QTest::mouseClick(vp, Qt::MiddleButton, Qt::ControlModifier, centreOf(sb + 9, 0));
        QCOMPARE(joined(input), esc("[<17;1;10M") + esc("[<17;1;10m"));
        input.clear();

        // The wheel: buttons 4 and 5, one press per notch, no release.
        auto wheel = [&](int angle, Qt::KeyboardModifiers mods = Qt::NoModifier) {
            const QPointF at = centreOf(sb + 2, 4);
            QWheelEvent event(at, vp->mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton,
                              mods, Qt::NoScrollPhase, false);
            QApplication::sendEvent(vp, &event);
        };
        wheel(120);
        QCOMPARE(joined(input), esc("[<64;5;3M"));
        input.clear();
        wheel(-240);
        QCOMPARE(joined(input), esc("[<65;5;3M") + esc("[<65;5;3M"));
        input.clear();
        wheel(60); // half a notch: nothing yet, the other half completes it
        QCOMPARE(joined(input), QByteArray());
        wheel(60);
        QCOMPARE(joined(input), esc("[<64;5;3M"));
        input.clear();

        // Shift keeps the mouse for selecting: no bytes, a selection.
        view().feed(esc("[3;1Hhello mouse"));
        QTest::mousePress(vp, Qt::LeftButton, Qt::ShiftModifier,
                          view().cellRect(sb + 2, 0).topLeft() + QPoint(1, 2));
        QTest::mouseMove(vp, view().cellRect(sb + 2, 4).topRight() + QPoint(-1, 2));
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::ShiftModifier,
                            view().cellRect(sb + 2, 4).topRight() + QPoint(-1, 2));
        QCOMPARE(view().selectedText(), QStringLiteral("hello"));
        QCOMPARE(joined(input), QByteArray());

        // Off again: clicks select once more.
        view().feed(esc("[?1000l"));
        QTest::mouseClick(vp, Qt::LeftButton, {}, centreOf(sb + 2, 4));
        QCOMPARE(joined(input), QByteArray());
    }

    void mouseDragsAndTheDefaultEncoding() {
        QSignalSpy input(&view(), &TerminalView::input);
        QWidget* vp = view().viewport();
        const int sb = view().screen().scrollbackLines();
        // 1002: motion with a button held is reported (button + 32), in the X10 encoding
        // when the program did not ask for SGR: ESC [ M, then 32 + button, 33 + col, 33 + row.
        view().feed(esc("[?1002h"));
        QTest::mousePress(vp, Qt::LeftButton, {}, centreOf(sb + 1, 2));
        QCOMPARE(joined(input), x10(0, 2, 1));
        input.clear();
        QTest::mouseMove(vp, centreOf(sb + 1, 6));
        QCOMPARE(joined(input), x10(32, 6, 1));
        input.clear();
        QTest::mouseRelease(vp, Qt::LeftButton, {}, centreOf(sb + 1, 6));
        QCOMPARE(joined(input), x10(3, 6, 1));
        input.clear();
        // Motion without a button is not reported in 1002 ...
        QTest::mouseMove(vp, centreOf(sb + 3, 3));
        QCOMPARE(joined(input), QByteArray());
        // ... but is in 1003 (button 3 + 32: none held).
        view().feed(esc("[?1003h") + esc("[?1006h"));
        QTest::mouseMove(vp, centreOf(sb + 4, 7));
        QCOMPARE(joined(input), esc("[<35;8;5M"));
    }

    void wheelOnTheAlternateScreenSendsArrows() {
        QSignalSpy input(&view(), &TerminalView::input);
        QWidget* vp = view().viewport();
        auto wheel = [&](int angle) {
            const QPointF at(50, 50);
            QWheelEvent event(at, vp->mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(vp, &event);
        };
        // The main screen: the wheel scrolls the scrollback, the program hears nothing.
        view().feed(numberedLines(100));
        const int bottom = view().firstVisibleLine();
        wheel(120);
        QVERIFY(view().firstVisibleLine() < bottom);
        QCOMPARE(joined(input), QByteArray());
        view().scrollToBottom();

        // The alternate screen (less, man): three Up or Down per notch, nothing scrolls.
        view().feed(esc("[?1049h"));
        wheel(120);
        QCOMPARE(joined(input), esc("[A").repeated(3));
        QCOMPARE(view().firstVisibleLine(), bottom);
        input.clear();
        wheel(-240);
        QCOMPARE(joined(input), esc("[B").repeated(6));
        input.clear();
        // In the application cursor mode the program set, as the arrow keys would be.
        view().feed(esc("[?1h"));
        wheel(120);
        QCOMPARE(joined(input), esc("OA").repeated(3));
        input.clear();
        // A program that asked for the mouse gets the wheel as buttons instead.
        view().feed(esc("[?1000h") + esc("[?1006h"));
        wheel(120);
        QVERIFY2(joined(input).startsWith(esc("[<64;")), joined(input).constData());
        input.clear();
        // Back on the main screen, the wheel scrolls again.
        view().feed(esc("[?1000l") + esc("[?1049l"));
        wheel(120);
        QCOMPARE(joined(input), QByteArray());
        QVERIFY(view().firstVisibleLine() < bottom);
    }

    void searchFindsTextAcrossASoftWrap() {
        // A word longer than the terminal is wide wraps onto the next line.
        const int cols = view().cols();
        QByteArray word(cols + 20, 'x');
        word.replace(cols - 7, 10, "0123456789"); // across the margin, and only there
        view().feed("$ " + word + "\r\nnext");
        const int line = view().screen().scrollbackLines();
        QVERIFY(view().screen().lineContinues(line + 1));
        QVERIFY(!view().screen().lineContinues(line + 2));
        // The ten characters around the margin: five on each line.
        const QString across = QString::fromLatin1(word.mid(cols - 2 - 5, 10));
        QVERIFY(view().find(across));
        const TerminalMatch m = *view().currentMatch();
        QCOMPARE(m.start(), (TerminalPos{line, cols - 5}));
        QCOMPARE(m.end(), (TerminalPos{line + 1, 5}));
        // Highlighted on both lines, and only there.
        const QColor current = view().terminalPalette().currentMatch;
        QTRY_COMPARE(pixelAt(line, cols - 1), current);
        QCOMPARE(pixelAt(line, cols - 5), current);
        QCOMPARE(pixelAt(line + 1, 0), current);
        QCOMPARE(pixelAt(line + 1, 4), current);
        QVERIFY(pixelAt(line + 1, 5) != current);
        QVERIFY(pixelAt(line, cols - 6) != current);
        // Backwards finds it too; a line break the program printed is not joined.
        view().clearSearch();
        QVERIFY(view().find(across, true));
        QCOMPARE(view().currentMatch()->start(), (TerminalPos{line, cols - 5}));
        const QString tail = QString::fromLatin1(word.right(3));
        QVERIFY(!view().find(tail + QStringLiteral("next")));
        // Copied, the word comes out whole: no line break where the terminal wrapped it.
        view().selectAll();
        QVERIFY(view().selectedText().contains(QString::fromLatin1("$ " + word + "\nnext")));
    }

    void resizeRewrapsTheScrollbackKeepingTheView() {
        // Logical lines of 150 characters, each a number then letters, then enough short
        // lines to push them all into the scrollback.
        view().resize(view().width(), 10 * view().cellSize().height() + 2 * view().frameWidth());
        const int cols = view().cols();
        QStringList texts;
        QByteArray out;
        for (int i = 0; i < 30; ++i) {
            QString text = QStringLiteral("%1:").arg(i, 2, 10, QLatin1Char('0'));
            while (text.size() < 150)
                text += QLatin1Char(char('a' + (text.size() + i) % 26));
            texts.append(text);
            out += text.toLatin1() + "\r\n";
        }
        view().feed(out + numberedLines(view().rows()));
        auto firstLineOf = [&](const QString& text) {
            for (int line = 0; line < view().screen().lineCount(); ++line) {
                if (view().screen().lineText(line).startsWith(text))
                    return line;
            }
            return -1;
        };
        // Scrolled back to line "10:" at the top.
        view().verticalScrollBar()->setValue(firstLineOf(QStringLiteral("10:")));
        QVERIFY(!view().isAtBottom());
        // Narrower by a third of the columns: every long line takes more rows; "10:" stays on top.
        const int narrower = cols * 2 / 3;
        view().resize(view().width() - (cols - narrower) * view().cellSize().width(),
                      view().height());
        QTRY_COMPARE(view().cols(), narrower);
        const int at = firstLineOf(QStringLiteral("10:"));
        QCOMPARE(view().firstVisibleLine(), at);
        QCOMPARE(view().screen().lineText(at + 1), texts[10].mid(narrower, narrower));
        QVERIFY(view().screen().lineContinues(at + 1));
    }

    void cursorShapes() {
        // The block cursor fills its cell with the cursor colour; a bar only its left edge.
        const TerminalPalette palette = view().terminalPalette();
        const int line = view().screen().scrollbackLines();
        view().feed(esc("[2 q")); // steady block: no blink phase to race
        QTRY_COMPARE(pixelAt(line, 0), palette.cursor);
        view().feed(esc("[6 q")); // steady bar
        const QRect cell = view().cellRect(line, 0);
        QTRY_COMPARE(view().viewport()->grab().toImage().pixelColor(cell.center() +
                                                                    QPoint(cell.width() / 4, 0)),
                     palette.background);
        QCOMPARE(view().viewport()->grab().toImage().pixelColor(cell.left(), cell.center().y()),
                 palette.cursor);
    }
};

QTEST_MAIN(TstTerminalView)
#include "tst_terminalview.moc"
