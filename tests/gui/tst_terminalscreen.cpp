// TerminalScreen (the libvterm adapter) without a widget: recorded escape sequences in,
// cells, cursor, scrollback and replies out.
#include "TerminalScreen.h"
#include "TerminalSearch.h"

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

using namespace hangar;

namespace {

using Attr = TerminalCell::Attr;

QByteArray esc(const char* sequence) {
    return QByteArray("\x1b") + sequence;
}

QByteArray numberedLines(int count, const char* prefix = "line ") {
    QByteArray out;
    for (int i = 1; i <= count; ++i)
        out += prefix + QByteArray::number(i) + "\r\n";
    return out;
}

QByteArray keyBytes(TerminalScreen& screen, int key, Qt::KeyboardModifiers mods = Qt::NoModifier,
                    const QString& text = {}) {
    QSignalSpy spy(&screen, &TerminalScreen::input);
    QKeyEvent event(QEvent::KeyPress, key, mods, text);
    if (!screen.sendKey(event))
        return "(not sent)";
    QByteArray all;
    for (const QList<QVariant>& args : spy)
        all += args.at(0).toByteArray();
    return all;
}

} // namespace

class TstTerminalScreen : public QObject {
    Q_OBJECT

private slots:
    void sgrSixteenColours() {
        TerminalScreen screen;
        screen.feed(esc("[31;42mX") + esc("[91;104mY") + esc("[0mZ"));
        const TerminalPalette& palette = screen.palette();
        const TerminalCell x = screen.screenCell(0, 0);
        QCOMPARE(x.text, QStringLiteral("X"));
        QCOMPARE(x.fgIndex, 1);
        QCOMPARE(x.bgIndex, 2);
        QVERIFY(!x.defaultFg && !x.defaultBg);
        QCOMPARE(x.fg, palette.ansi[1].rgb());
        QCOMPARE(x.bg, palette.ansi[2].rgb());
        const TerminalCell y = screen.screenCell(0, 1);
        QCOMPARE(y.fgIndex, 9);
        QCOMPARE(y.bgIndex, 12);
        QCOMPARE(y.fg, palette.ansi[9].rgb());
        const TerminalCell z = screen.screenCell(0, 2);
        QVERIFY(z.defaultFg && z.defaultBg);
        QCOMPARE(z.fg, palette.foreground.rgb());
        QCOMPARE(z.bg, palette.background.rgb());

        // The palette decides: switching it recolours what is on the screen.
        screen.setPalette(TerminalPalette::dark());
        QCOMPARE(screen.screenCell(0, 0).fg, TerminalPalette::dark().ansi[1].rgb());
        QCOMPARE(screen.screenCell(0, 2).bg, TerminalPalette::dark().background.rgb());
    }

    void sgr256Colours() {
        TerminalScreen screen;
        screen.feed(esc("[38;5;196;48;5;244mA") + esc("[38;5;21;48;5;3mB"));
        const TerminalCell a = screen.screenCell(0, 0);
        QCOMPARE(a.fgIndex, 196);
        QCOMPARE(a.fg, qRgb(255, 0, 0));
        QCOMPARE(a.bgIndex, 244);
        QCOMPARE(a.bg, qRgb(128, 128, 128));
        const TerminalCell b = screen.screenCell(0, 1);
        QCOMPARE(b.fg, qRgb(0, 0, 255));
        QCOMPARE(b.bg, screen.palette().ansi[3].rgb()); // 0-15 of the 256 are the palette's
    }

    void sgrTrueColour() {
        TerminalScreen screen;
        screen.feed(esc("[38;2;10;20;30;48;2;200;150;100mT"));
        const TerminalCell t = screen.screenCell(0, 0);
        QCOMPARE(t.fg, qRgb(10, 20, 30));
        QCOMPARE(t.bg, qRgb(200, 150, 100));
        QCOMPARE(t.fgIndex, TerminalCell::kNotIndexed);
        QVERIFY(!t.defaultFg && !t.defaultBg);
    }

    void sgrAttributes() {
        TerminalScreen screen;
        screen.feed(esc("[1mB") + esc("[3mI") + esc("[0;4mU") + esc("[0;7mR") + esc("[0;9mS") +
                    esc("[0;5mK") + esc("[0mN"));
        auto attrs = [&](int col) { return screen.screenCell(0, col).attrs; };
        QCOMPARE(attrs(0), TerminalCell::Attrs(Attr::Bold));
        QCOMPARE(attrs(1), Attr::Bold | Attr::Italic);
        QCOMPARE(attrs(2), TerminalCell::Attrs(Attr::Underline));
        QCOMPARE(attrs(3), TerminalCell::Attrs(Attr::Inverse));
        QCOMPARE(attrs(4), TerminalCell::Attrs(Attr::Strike));
        QCOMPARE(attrs(5), TerminalCell::Attrs(Attr::Blink));
        QCOMPARE(attrs(6), TerminalCell::Attrs());
        QCOMPARE(screen.lineText(0), QStringLiteral("BIURSKN"));
    }

    void cursorMovementAndErase() {
        TerminalScreen screen;
        screen.feed("line1\r\nline2\r\nline3");
        QCOMPARE(screen.cursor().row, 2);
        QCOMPARE(screen.cursor().col, 5);
        screen.feed(esc("[5;10H"));
        QCOMPARE(screen.cursor().row, 4);
        QCOMPARE(screen.cursor().col, 9);
        screen.feed(esc("[2A"));
        QCOMPARE(screen.cursor().row, 2);
        screen.feed(esc("[3B") + esc("[4D") + esc("[2C"));
        QCOMPARE(screen.cursor().row, 5);
        QCOMPARE(screen.cursor().col, 7);
        screen.feed(esc("[2;3H") + esc("[K")); // EL: to the end of the line
        QCOMPARE(screen.lineText(1), QStringLiteral("li"));
        screen.feed(esc("[1;4H") + esc("[1K")); // EL 1: to the cursor
        QCOMPARE(screen.lineText(0), QStringLiteral("    1"));
        screen.feed(esc("[2;1H") + esc("[J")); // ED: below
        QCOMPARE(screen.screenText().trimmed(), QStringLiteral("1"));
        screen.feed("again" + esc("[2J")); // ED 2: all
        QCOMPARE(screen.screenText().trimmed(), QString());
    }

    void wrapsAtTheRightMargin() {
        TerminalScreen screen(20, 5);
        screen.feed(QByteArray(25, 'a'));
        QCOMPARE(screen.lineText(0), QString(20, QLatin1Char('a')));
        QCOMPARE(screen.lineText(1), QString(5, QLatin1Char('a')));
        QCOMPARE(screen.cursor().row, 1);
        QCOMPARE(screen.cursor().col, 5);
    }

    void wideCharactersTakeTwoCells() {
        TerminalScreen screen;
        screen.feed(QStringLiteral("中文\U0001F600x").toUtf8());
        QCOMPARE(screen.screenCell(0, 0).text, QStringLiteral("中"));
        QCOMPARE(screen.screenCell(0, 0).width, 2);
        QVERIFY(screen.screenCell(0, 1).isContinuation());
        QCOMPARE(screen.screenCell(0, 2).text, QStringLiteral("文"));
        QCOMPARE(screen.screenCell(0, 4).text, QStringLiteral("\U0001F600"));
        QCOMPARE(screen.screenCell(0, 4).width, 2);
        QVERIFY(screen.screenCell(0, 5).isContinuation());
        QCOMPARE(screen.screenCell(0, 6).text, QStringLiteral("x"));
        QCOMPARE(screen.screenCell(0, 6).width, 1);
        QCOMPARE(screen.cursor().col, 7);
        QList<int> columns;
        QCOMPARE(screen.lineText(0, &columns), QStringLiteral("中文\U0001F600x"));
        QCOMPARE(columns, (QList<int>{0, 2, 4, 4, 6})); // the emoji is two UTF-16 units

        // A wide character that does not fit at the margin goes to the next line.
        TerminalScreen narrow(5, 3);
        narrow.feed(QStringLiteral("abcd中").toUtf8());
        QCOMPARE(narrow.lineText(0), QStringLiteral("abcd"));
        QCOMPARE(narrow.screenCell(1, 0).text, QStringLiteral("中"));
    }

    void alternateScreen() {
        TerminalScreen screen;
        QSignalSpy alt(&screen, &TerminalScreen::altScreenChanged);
        screen.feed("main text");
        screen.feed(esc("[?1049h"));
        QVERIFY(screen.isAltScreen());
        QCOMPARE(alt.size(), 1);
        QCOMPARE(alt.at(0).at(0).toBool(), true);
        QCOMPARE(screen.screenText().trimmed(), QString());
        screen.feed(esc("[H") + "full-screen program");
        QCOMPARE(screen.lineText(screen.scrollbackLines()), QStringLiteral("full-screen program"));
        screen.feed(esc("[?1049l"));
        QVERIFY(!screen.isAltScreen());
        QCOMPARE(alt.size(), 2);
        QCOMPARE(screen.screenText().trimmed(), QStringLiteral("main text"));
        QCOMPARE(screen.cursor().col, 9); // 1049 restores the cursor too
    }

    void alternateScreenKeepsScrollbackOut() {
        TerminalScreen screen(80, 24);
        screen.feed(esc("[?1049h") + numberedLines(100));
        QCOMPARE(screen.scrollbackLines(), 0);
        screen.feed(esc("[?1049l"));
    }

    void scrollbackKeepsLinesInOrder() {
        TerminalScreen screen(80, 24);
        QSignalSpy changed(&screen, &TerminalScreen::scrollbackChanged);
        screen.feed(numberedLines(200));
        // 200 lines and the empty one the cursor is on: 201 - 24 went off the top.
        QCOMPARE(screen.scrollbackLines(), 177);
        QVERIFY(!changed.isEmpty());
        for (int i = 0; i < screen.scrollbackLines(); ++i)
            QCOMPARE(screen.lineText(i), QStringLiteral("line %1").arg(i + 1));
        QCOMPARE(screen.lineText(177), QStringLiteral("line 178"));
        QCOMPARE(screen.lineCount(), 177 + 24);

        // Fed in small pieces, the same.
        TerminalScreen pieces(80, 24);
        const QByteArray all = numberedLines(200);
        for (qsizetype i = 0; i < all.size(); i += 7)
            pieces.feed(all.mid(i, 7));
        QCOMPARE(pieces.scrollbackLines(), 177);
        QCOMPARE(pieces.lineText(100), QStringLiteral("line 101"));
    }

    void scrollbackIsBounded() {
        TerminalScreen screen(80, 24);
        QCOMPARE(screen.scrollbackLimit(), TerminalScreen::kDefaultScrollbackLines);
        QCOMPARE(screen.scrollbackLimit(), 10'000);
        screen.setScrollbackLimit(50);
        screen.feed(numberedLines(200));
        QCOMPARE(screen.scrollbackLines(), 50);
        QCOMPARE(screen.droppedLines(), quint64(127));
        QCOMPARE(screen.lineText(0), QStringLiteral("line 128"));
        QCOMPARE(screen.lineText(49), QStringLiteral("line 177"));
        screen.clearScrollback();
        QCOMPARE(screen.scrollbackLines(), 0);
        QCOMPARE(screen.lineText(0), QStringLiteral("line 178"));
    }

    void scrollbackKeepsAttributes() {
        TerminalScreen screen(20, 3);
        screen.feed(esc("[31mred") + esc("[0m\r\n\r\n\r\n\r\n"));
        QCOMPARE(screen.scrollbackLines(), 2);
        QCOMPARE(screen.cell(0, 0).text, QStringLiteral("r"));
        QCOMPARE(screen.cell(0, 0).fgIndex, 1);
        QVERIFY(screen.cell(0, 10).defaultBg); // blanks past the stored end
    }

    void growingTallerPullsLinesBack() {
        TerminalScreen screen(80, 10);
        screen.feed(numberedLines(30));
        const int before = screen.scrollbackLines();
        screen.resize(80, 15);
        QCOMPARE(screen.rows(), 15);
        QVERIFY2(screen.scrollbackLines() < before, qPrintable(QString::number(before)));
        // Whatever libvterm chose to pull back, the text still reads in order.
        for (int i = 0; i < 30; ++i)
            QCOMPARE(screen.lineText(i), QStringLiteral("line %1").arg(i + 1));
    }

    void resizeEmitsResized() {
        TerminalScreen screen;
        QSignalSpy resized(&screen, &TerminalScreen::resized);
        screen.resize(100, 30);
        QCOMPARE(resized.size(), 1);
        QCOMPARE(resized.at(0).at(0).toInt(), 100);
        QCOMPARE(resized.at(0).at(1).toInt(), 30);
        QCOMPARE(screen.cols(), 100);
        screen.resize(100, 30);
        QCOMPARE(resized.size(), 1); // no change, no signal
        screen.feed(QByteArray(150, 'w'));
        QCOMPARE(screen.lineText(1), QString(50, QLatin1Char('w')));
    }

    void softWrapsAreTracked() {
        TerminalScreen screen(80, 24);
        QVERIFY(screen.tracksWraps());
        // 100 characters: 80 on the first row, 20 continuing on the second.
        screen.feed(QByteArray(100, 'a') + "\r\n");
        QVERIFY(!screen.lineContinues(0));
        QVERIFY(screen.lineContinues(1));
        // Exactly 80, then a line break the program printed: not a wrap.
        screen.feed(QByteArray(80, 'b') + "\r\nnext\r\n");
        QVERIFY(!screen.lineContinues(2));
        QVERIFY(!screen.lineContinues(3));
        QCOMPARE(screen.lineText(3), QStringLiteral("next"));
        // The same after an SGR between the last column and the next character.
        screen.feed(QByteArray(80, 'c') + esc("[1m") + "d" + esc("[0m\r\n"));
        QVERIFY(screen.lineContinues(5));
        // A wide character that does not fit in the last column wraps whole.
        screen.feed(QByteArray(79, 'e') + QStringLiteral("中").toUtf8() + "\r\n");
        QVERIFY(screen.lineContinues(7));
        QCOMPARE(screen.lineText(7), QStringLiteral("中"));
        // The cursor moved to column 0 and printed there: no longer a continuation.
        screen.feed(esc("[8;1Hx"));
        QVERIFY(!screen.lineContinues(7));
        // Erasing the whole screen forgets them all.
        screen.feed(esc("[2J"));
        QVERIFY(!screen.lineContinues(1));
        QVERIFY(!screen.lineContinues(5));
    }

    void softWrapsGoIntoTheScrollback() {
        TerminalScreen screen(80, 5);
        QByteArray out;
        for (int i = 0; i < 20; ++i)
            out += (i % 2 ? QByteArray(30, 's') : QByteArray(130, 'L')) + "\r\n";
        screen.feed(out);
        // 10 long lines (2 rows each), 10 short ones, the cursor's empty row: 31 rows.
        QCOMPARE(screen.lineCount(), 31);
        int line = 0;
        for (int i = 0; i < 20; ++i) {
            QVERIFY2(!screen.lineContinues(line), qPrintable(QString::number(line)));
            if (i % 2 == 0) {
                QCOMPARE(screen.lineText(line), QString(80, QLatin1Char('L')));
                QVERIFY(screen.lineContinues(line + 1));
                QCOMPARE(screen.lineText(line + 1), QString(50, QLatin1Char('L')));
                line += 2;
            } else {
                ++line;
            }
        }
        QVERIFY(screen.scrollbackLines() > 20);
        // Wrapping scrolled the screen itself: the flags moved with the rows.
        screen.feed(QByteArray(200, 'z'));
        const int sb = screen.scrollbackLines();
        QVERIFY(screen.lineContinues(sb + 4));
        QVERIFY(screen.lineContinues(sb + 3));
        QVERIFY(!screen.lineContinues(sb + 2));
    }

    void searchJoinsSoftWrappedLines() {
        TerminalScreen screen(80, 24);
        // Characters 75..84 are the only digits: nowhere else to find them.
        QByteArray word(100, 'x');
        word.replace(75, 10, "0123456789");
        screen.feed(word + "\r\n" + "tail\r\n");
        // Characters 75..84 of the word cross column 80.
        const QString across = QString::fromLatin1(word.mid(75, 10));
        const auto m = terminalsearch::find(screen, across, {-1, 0}, false, Qt::CaseSensitive);
        QVERIFY(m);
        QCOMPARE(m->start(), (TerminalPos{0, 75}));
        QCOMPARE(m->end(), (TerminalPos{1, 5}));
        // Found from either of its lines, for highlighting both.
        QCOMPARE(terminalsearch::matchesInLine(screen, 1, across, Qt::CaseSensitive),
                 QList<TerminalMatch>{*m});
        QCOMPARE(terminalsearch::matchesInLine(screen, 0, across, Qt::CaseSensitive),
                 QList<TerminalMatch>{*m});
        // Not across a line break the program printed.
        QVERIFY(!terminalsearch::find(screen,
                                      QString::fromLatin1(word.right(2)) + QStringLiteral("tail"),
                                      {-1, 0}, false, Qt::CaseSensitive));
        // In the scrollback as well, and the spaces printed at the margin count.
        TerminalScreen small(10, 3);
        small.feed("123456789 abc\r\n" + numberedLines(5)); // the space in the last column
        QVERIFY(small.scrollbackLines() >= 2);
        QVERIFY(small.lineContinues(1));
        const auto inScrollback =
            terminalsearch::find(small, QStringLiteral("9 ab"), {5, 0}, true, Qt::CaseSensitive);
        QVERIFY(inScrollback);
        QCOMPARE(inScrollback->start(), (TerminalPos{0, 8}));
        QCOMPARE(inScrollback->end(), (TerminalPos{1, 2}));
    }

    void resizeRewrapsTheScrollback() {
        // Six lines of 100 characters (words and spaces) at 80 columns, then enough short
        // ones to push them all into the scrollback.
        TerminalScreen screen(80, 5);
        QStringList texts;
        QByteArray out;
        for (int i = 0; i < 6; ++i) {
            QString text;
            for (int w = 0; text.size() < 100; ++w)
                text += QStringLiteral("w%1.%2 ").arg(i).arg(w);
            text.truncate(100);
            texts.append(text);
            out += text.toLatin1() + "\r\n";
        }
        screen.feed(out + numberedLines(5, "short "));
        QCOMPARE(screen.scrollbackLines(), 6 * 2 + 5 + 1 - 5);
        auto expectRows = [&](int width) {
            const int perLine = (100 + width - 1) / width;
            for (int i = 0; i < 6; ++i) {
                for (int k = 0; k < perLine; ++k) {
                    const int line = i * perLine + k;
                    QString expected = texts[i].mid(k * width, width);
                    while (expected.endsWith(QLatin1Char(' ')))
                        expected.chop(1);
                    if (screen.lineText(line) != expected || screen.lineContinues(line) != (k > 0))
                        return QStringLiteral("width %1, line %2: \"%3\" (continues: %4)")
                            .arg(width)
                            .arg(line)
                            .arg(screen.lineText(line))
                            .arg(screen.lineContinues(line));
                }
            }
            // The short lines follow, unwrapped.
            if (screen.lineText(6 * perLine) != QStringLiteral("short 1"))
                return QStringLiteral("width %1: %2").arg(width).arg(screen.lineText(6 * perLine));
            return QString();
        };
        QCOMPARE(expectRows(80), QString());
        screen.resize(40, 5);
        QCOMPARE(screen.scrollbackLines(), 6 * 3 + 5 + 1 - 5);
        QCOMPARE(expectRows(40), QString());
        screen.resize(120, 5);
        QCOMPARE(screen.scrollbackLines(), 6 + 5 + 1 - 5);
        QCOMPARE(expectRows(120), QString());
        // Back to where it started, byte for byte.
        screen.resize(80, 5);
        QCOMPARE(expectRows(80), QString());

        // Places kept across the rewrap follow their text: the 2nd line's 90th character.
        QList<TerminalPos> keep{{3, 10}};
        screen.resize(40, 5, &keep);
        QCOMPARE(keep.at(0), (TerminalPos{5, 10}));
        QCOMPARE(screen.cell(5, 10).text, texts[1].mid(90, 1));
    }

    void rewrapMovesWideCharactersWhole() {
        TerminalScreen screen(10, 2);
        const QString text = QStringLiteral("abcdefghi中文xyz"); // 9 + 2×2 + 3 = 16 columns
        screen.feed(text.toUtf8() + "\r\n\r\n\r\n");
        QCOMPARE(screen.lineText(0), QStringLiteral("abcdefghi"));
        QCOMPARE(screen.lineText(1), QStringLiteral("中文xyz"));
        QVERIFY(screen.lineContinues(1));
        screen.resize(6, 2);
        QCOMPARE(screen.lineText(0), QStringLiteral("abcdef"));
        QCOMPARE(screen.lineText(1), QStringLiteral("ghi中")); // 5 columns: 文 moves down
        QCOMPARE(screen.lineText(2), QStringLiteral("文xyz"));
        QCOMPARE(screen.cell(1, 3).width, 2);
        QVERIFY(screen.cell(1, 4).isContinuation());
        QVERIFY(screen.lineContinues(2));
        screen.resize(20, 2);
        QCOMPARE(screen.lineText(0), text);
        QVERIFY(!screen.lineContinues(1));
    }

    void repliesToDeviceAttributes() {
        TerminalScreen screen;
        QSignalSpy input(&screen, &TerminalScreen::input);
        screen.feed(esc("[c"));
        QCOMPARE(input.size(), 1);
        const QByteArray reply = input.at(0).at(0).toByteArray();
        QVERIFY2(reply.startsWith(esc("[?")) && reply.endsWith('c'), reply.toHex().constData());

        screen.feed(esc("[3;7H") + esc("[6n")); // cursor position report
        QCOMPARE(input.size(), 2);
        QCOMPARE(input.at(1).at(0).toByteArray(), esc("[3;7R"));
    }

    void titleBellAndDamage() {
        TerminalScreen screen;
        QSignalSpy title(&screen, &TerminalScreen::titleChanged);
        QSignalSpy bell(&screen, &TerminalScreen::bell);
        QSignalSpy damaged(&screen, &TerminalScreen::damaged);
        screen.feed(esc("]2;build: ok\x07"));
        QCOMPARE(title.size(), 1);
        QCOMPARE(title.at(0).at(0).toString(), QStringLiteral("build: ok"));
        QCOMPARE(screen.title(), QStringLiteral("build: ok"));
        screen.feed("\a");
        QCOMPARE(bell.size(), 1);

        damaged.clear();
        screen.feed(esc("[3;5Hx"));
        QVERIFY(!damaged.isEmpty());
        QRect all;
        for (const QList<QVariant>& args : damaged)
            all |= args.at(0).toRect();
        QVERIFY(all.contains(QPoint(4, 2)));
        QCOMPARE(all.height(), 1); // one character: one row, not the screen
    }

    void cursorShapeBlinkAndVisibility() {
        TerminalScreen screen;
        QCOMPARE(screen.cursor().shape, TerminalCursor::Shape::Block);
        QVERIFY(screen.cursor().visible);
        QSignalSpy changed(&screen, &TerminalScreen::cursorChanged);
        screen.feed(esc("[6 q")); // steady bar
        QCOMPARE(screen.cursor().shape, TerminalCursor::Shape::Bar);
        QVERIFY(!screen.cursor().blink);
        screen.feed(esc("[3 q")); // blinking underline
        QCOMPARE(screen.cursor().shape, TerminalCursor::Shape::Underline);
        QVERIFY(screen.cursor().blink);
        screen.feed(esc("[?25l"));
        QVERIFY(!screen.cursor().visible);
        screen.feed(esc("[?25h"));
        QVERIFY(screen.cursor().visible);
        QVERIFY(changed.size() >= 4);
    }

    void keyboardEncoding() {
        TerminalScreen screen;
        QCOMPARE(keyBytes(screen, Qt::Key_Up), esc("[A"));
        QCOMPARE(keyBytes(screen, Qt::Key_Left), esc("[D"));
        QCOMPARE(keyBytes(screen, Qt::Key_Home), esc("[H"));
        QCOMPARE(keyBytes(screen, Qt::Key_End), esc("[F"));
        QCOMPARE(keyBytes(screen, Qt::Key_PageUp), esc("[5~"));
        QCOMPARE(keyBytes(screen, Qt::Key_PageDown), esc("[6~"));
        QCOMPARE(keyBytes(screen, Qt::Key_Delete), esc("[3~"));
        QCOMPARE(keyBytes(screen, Qt::Key_F1), esc("OP"));
        QCOMPARE(keyBytes(screen, Qt::Key_F5), esc("[15~"));
        QCOMPARE(keyBytes(screen, Qt::Key_F12), esc("[24~"));
        QCOMPARE(keyBytes(screen, Qt::Key_Return), QByteArray("\r"));
        QCOMPARE(keyBytes(screen, Qt::Key_Backspace), QByteArray("\x7f"));
        QCOMPARE(keyBytes(screen, Qt::Key_Tab), QByteArray("\t"));
        QCOMPARE(keyBytes(screen, Qt::Key_Backtab, Qt::ShiftModifier), esc("[Z"));
        QCOMPARE(keyBytes(screen, Qt::Key_Escape), esc(""));
        QCOMPARE(keyBytes(screen, Qt::Key_C, Qt::ControlModifier), QByteArray("\x03"));
        QCOMPARE(keyBytes(screen, Qt::Key_D, Qt::ControlModifier), QByteArray("\x04"));
        QCOMPARE(keyBytes(screen, Qt::Key_X, Qt::AltModifier, QStringLiteral("x")), esc("x"));
        QCOMPARE(keyBytes(screen, Qt::Key_Up, Qt::ControlModifier), esc("[1;5A"));
        QCOMPARE(keyBytes(screen, Qt::Key_A, Qt::NoModifier, QStringLiteral("a")), QByteArray("a"));
        QCOMPARE(keyBytes(screen, Qt::Key_unknown, Qt::NoModifier, QStringLiteral("é")),
                 QStringLiteral("é").toUtf8());
        QCOMPARE(keyBytes(screen, Qt::Key_Shift, Qt::ShiftModifier), QByteArray("(not sent)"));
        // Application cursor keys (DECCKM), as vim and less set them.
        screen.feed(esc("[?1h"));
        QCOMPARE(keyBytes(screen, Qt::Key_Up), esc("OA"));
        screen.feed(esc("[?1l"));
        QCOMPARE(keyBytes(screen, Qt::Key_Up), esc("[A"));
    }

    void bracketedPaste() {
        TerminalScreen screen;
        QSignalSpy input(&screen, &TerminalScreen::input);
        screen.paste(QStringLiteral("ls\nrm -rf x"));
        QCOMPARE(input.takeFirst().at(0).toByteArray(), QByteArray("ls\rrm -rf x"));
        screen.feed(esc("[?2004h"));
        screen.paste(QStringLiteral("ls\nrm"));
        QCOMPARE(input.takeFirst().at(0).toByteArray(), esc("[200~ls\rrm") + esc("[201~"));
        // A paste cannot end the bracket early.
        screen.paste(QStringLiteral("a") + QChar(0x1b) + QStringLiteral("[201~b"));
        QCOMPARE(input.takeFirst().at(0).toByteArray(), esc("[200~ab") + esc("[201~"));
        screen.feed(esc("[?2004l"));
        screen.paste(QStringLiteral("plain"));
        QCOMPARE(input.takeFirst().at(0).toByteArray(), QByteArray("plain"));
    }
};

QTEST_MAIN(TstTerminalScreen)
#include "tst_terminalscreen.moc"
