#pragma once

// For test binaries that run several QtTest suites in one main().

#include <QObject>
#include <QStringList>

namespace hangar::test {

// The command line for one suite: test function names of the other suite are dropped; empty
// when functions were named but none of this suite's (so `tst_localbackend fsConfinement`
// works with two suites in one binary).
inline QStringList argumentsFor(const QObject& suite, const QStringList& args) {
    static const QStringList withValue{QStringLiteral("-o"), QStringLiteral("-maxwarnings"),
                                       QStringLiteral("-eventdelay"), QStringLiteral("-keydelay"),
                                       QStringLiteral("-mousedelay")};
    QStringList result{args.value(0)};
    bool named = false;
    bool ours = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (withValue.contains(arg) && i + 1 < args.size()) {
            result << arg << args.at(++i);
        } else if (arg.startsWith(QLatin1Char('-'))) {
            result << arg;
        } else {
            named = true;
            const QByteArray function = arg.section(QLatin1Char(':'), 0, 0).toLatin1() + "()";
            if (suite.metaObject()->indexOfMethod(function.constData()) >= 0) {
                result << arg;
                ours = true;
            }
        }
    }
    return named && !ours ? QStringList() : result;
}

} // namespace hangar::test
