// Terminal throughput: how fast output reaches the screen through TerminalView, next to the
// rate of libvterm alone on the same bytes, measured in the same run.
//
//   bench_terminal_throughput [MiB=100] [chunkKiB=64]
//
// A deterministic generator makes MiB of mixed text (words, some UTF-8 and wide characters,
// lines of 20-120 columns) and SGR colour sequences (16, 256 and true colour, bold, underline,
// reset). The same bytes then go, in chunks of chunkKiB, through
//   1. libvterm alone: vterm_input_write() into a VTerm with a screen, no callbacks;
//   2. TerminalScreen: the adapter (damage, scrollback of 10 000 lines, cursor);
//   3. TerminalView, shown on the offscreen platform, the event loop run after every chunk
//      so the damaged area is repainted (the paints are counted).
// All three use the view's size in cells. It reports; it never passes or fails on time.
#include "TerminalScreen.h"
#include "TerminalView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPaintEvent>

#include <vterm.h>

#include <cstdio>
#include <cstdlib>

using namespace hangar;

namespace {

constexpr int kDefaultMiB = 100;
constexpr int kDefaultChunkKiB = 64;
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kKiB = 1024;
constexpr double kMB = 1e6; // rates are in MB/s (10^6 bytes)
constexpr int kViewWidth = 1000;
constexpr int kViewHeight = 600;

// xorshift64*: the same bytes on every run and machine.
class Random {
public:
    quint32 next() {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return quint32((m_state * 0x2545F4914F6CDD1DULL) >> 32);
    }
    int below(int n) { return int(next() % quint32(n)); }

private:
    quint64 m_state = 0x9E3779B97F4A7C15ULL;
};

QByteArray generate(qint64 size) {
    static const char* const kWords[] = {"sandbox", "build",   "ok",    "error", "warning",
                                         "test",    "passed",  "cargo", "npm",   "install",
                                         "déjà",    "naïve",   "中文",  "日本",  "→",
                                         "compile", "linking", "0x1f",  "42",    "/usr/lib"};
    constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));
    Random random;
    QByteArray out;
    out.reserve(size + 256);
    int column = 0;
    int lineLength = 80;
    while (out.size() < size) {
        const int pick = random.below(100);
        if (pick < 8) {
            out += "\x1b[" + QByteArray::number(30 + random.below(8) + (random.below(2) ? 60 : 0)) +
                   'm';
        } else if (pick < 11) {
            out += "\x1b[38;5;" + QByteArray::number(random.below(256)) + ";48;5;" +
                   QByteArray::number(random.below(256)) + 'm';
        } else if (pick < 14) {
            out += "\x1b[38;2;" + QByteArray::number(random.below(256)) + ';' +
                   QByteArray::number(random.below(256)) + ';' +
                   QByteArray::number(random.below(256)) + 'm';
        } else if (pick < 16) {
            out += random.below(2) ? "\x1b[1m" : "\x1b[4m";
        } else if (pick < 22) {
            out += "\x1b[0m";
        }
        const QByteArray word = kWords[random.below(kWordCount)];
        out += word;
        out += ' ';
        column += int(word.size()) + 1;
        if (column >= lineLength) {
            out += "\r\n";
            column = 0;
            lineLength = 20 + random.below(100);
        }
    }
    out.truncate(size);
    return out;
}

template <typename Feed> double timeChunks(const QByteArray& data, qint64 chunk, Feed feed) {
    QElapsedTimer timer;
    timer.start();
    for (qint64 at = 0; at < data.size(); at += chunk)
        feed(QByteArray::fromRawData(data.constData() + at, std::min(chunk, data.size() - at)));
    return double(timer.nsecsElapsed()) / 1e9;
}

class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

double mbPerSecond(qint64 bytes, double seconds) {
    return double(bytes) / kMB / seconds;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int mib = argc > 1 ? std::atoi(argv[1]) : kDefaultMiB;
    const int chunkKiB = argc > 2 ? std::atoi(argv[2]) : kDefaultChunkKiB;
    if (mib <= 0 || chunkKiB <= 0) {
        std::fprintf(stderr, "usage: bench_terminal_throughput [MiB=100] [chunkKiB=64]\n");
        return 2;
    }
    const qint64 chunk = chunkKiB * kKiB;

    TerminalView view;
    view.resize(kViewWidth, kViewHeight);
    view.show();
    QCoreApplication::processEvents();
    const int cols = view.cols();
    const int rows = view.rows();

    QElapsedTimer generating;
    generating.start();
    const QByteArray data = generate(mib * kMiB);
    std::printf("input: %d MiB (%lld bytes) of text and SGR colour sequences, generated in "
                "%lld ms; chunks of %d KiB; terminal %dx%d cells, font %s %.1fpt\n",
                mib, static_cast<long long>(data.size()),
                static_cast<long long>(generating.elapsed()), chunkKiB, cols, rows,
                qPrintable(view.effectiveFont().family()), view.effectiveFont().pointSizeF());

    // 1. libvterm alone.
    VTerm* vt = vterm_new(rows, cols);
    vterm_set_utf8(vt, 1);
    VTermScreen* vtScreen = vterm_obtain_screen(vt);
    vterm_screen_enable_altscreen(vtScreen, 1);
    vterm_screen_reset(vtScreen, 1);
    const double vtermSeconds = timeChunks(data, chunk, [&](const QByteArray& bytes) {
        vterm_input_write(vt, bytes.data(), size_t(bytes.size()));
        vterm_screen_flush_damage(vtScreen);
    });
    vterm_free(vt);

    // 2. The adapter, no widget.
    TerminalScreen screen(cols, rows);
    const double screenSeconds =
        timeChunks(data, chunk, [&](const QByteArray& bytes) { screen.feed(bytes); });

    // 3. The widget, repainting between chunks.
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    const double viewSeconds = timeChunks(data, chunk, [&](const QByteArray& bytes) {
        view.feed(bytes);
        QCoreApplication::processEvents();
    });

    const double vtermRate = mbPerSecond(data.size(), vtermSeconds);
    const double screenRate = mbPerSecond(data.size(), screenSeconds);
    const double viewRate = mbPerSecond(data.size(), viewSeconds);
    std::printf("libvterm alone:          %8.1f MB/s  (%.2f s)\n", vtermRate, vtermSeconds);
    std::printf("TerminalScreen (adapter): %7.1f MB/s  (%.2f s)  %.0f%% of libvterm\n", screenRate,
                screenSeconds, 100 * screenRate / vtermRate);
    std::printf("TerminalView (painting): %8.1f MB/s  (%.2f s)  %.0f%% of libvterm; %d paints, "
                "scrollback %d lines\n",
                viewRate, viewSeconds, 100 * viewRate / vtermRate, counter.paints,
                view.screen().scrollbackLines());
    std::printf("ratio TerminalView / libvterm: %.2f\n", viewRate / vtermRate);
    return 0;
}
