// docs/api.md and the console API's route table must list the same routes.
#include "ApiRig.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace hangar;
using namespace hangar::test;

namespace {

QString methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace

class TestApiDocs : public QObject {
    Q_OBJECT
private slots:
    void documentMatchesRouteTable() {
        ApiRig rig;
        QVERIFY(rig.isValid());
        QSet<QString> served;
        for (const http::Route& route : rig.api->router().routes())
            served.insert(methodName(route.method) + QLatin1Char(' ') + route.pattern);

        QFile doc(QStringLiteral(HANGAR_SOURCE_DIR "/docs/api.md"));
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QString text = QString::fromUtf8(doc.readAll());
        // Routes are written as `METHOD /path[?query]` in backticks.
        static const QRegularExpression routePattern(
            QStringLiteral("`(GET|POST|PUT|DELETE) (/[^`\\s\\[?]*)"));
        QSet<QString> documented;
        for (auto it = routePattern.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            documented.insert(m.captured(1) + QLatin1Char(' ') + m.captured(2));
        }
        const QSet<QString> undocumented = served - documented;
        const QSet<QString> notServed = documented - served;
        QVERIFY2(undocumented.isEmpty(),
                 qPrintable(QStringLiteral("served but not in docs/api.md: ") +
                            QStringList(undocumented.values()).join(QStringLiteral(", "))));
        QVERIFY2(notServed.isEmpty(),
                 qPrintable(QStringLiteral("in docs/api.md but not served: ") +
                            QStringList(notServed.values()).join(QStringLiteral(", "))));
        QVERIFY(served.size() >= 20);
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_apidocs.moc"
