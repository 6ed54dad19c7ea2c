// Files and agent tools over the console API, on the local backend.
#include "ApiRig.h"

#include <QJsonArray>
#include <QTest>

using namespace hangar;
using namespace hangar::test;

class TestApiFiles : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ApiRig> m_rig;
    QString m_id;

    QString fs(const QString& path) const {
        return QStringLiteral("/api/sandboxes/%1/fs/%2").arg(m_id, path);
    }
    QString tool(const QString& name) const {
        return QStringLiteral("/api/sandboxes/%1/%2").arg(m_id, name);
    }
    ApiResponse post(const QString& path, const QJsonObject& body) {
        return m_rig->call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private slots:
    void init() {
        m_rig = std::make_unique<ApiRig>();
        QVERIFY(m_rig->isValid());
        m_id = m_rig->createSandbox();
        QVERIFY(!m_id.isEmpty());
    }

    void cleanup() { m_rig.reset(); }

    void writeReadListStatDelete() {
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("notes/today.txt")), "hello\n").status,
                 404); // no parent
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("notes/today.txt?parents=true")), "hello\n")
                     .status,
                 204);

        const ApiResponse read = m_rig->call("GET", fs(QStringLiteral("notes/today.txt")));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.body, QByteArray("hello\n"));
        QVERIFY(read.header("Content-Type").startsWith("text/plain"));
        QCOMPARE(read.header("Content-Length"), QByteArray("6"));

        const ApiResponse list = m_rig->call("GET", fs(QStringLiteral("notes?list=true")));
        QCOMPARE(list.status, 200);
        const QJsonArray entries = list.json.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("today.txt"));
        QCOMPARE(entries[0].toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("file"));
        QCOMPARE(entries[0].toObject().value(QStringLiteral("size")).toInt(), 6);

        const ApiResponse root = m_rig->call("GET", fs(QStringLiteral("?list=true")));
        QCOMPARE(root.status, 200);
        QCOMPARE(root.json.value(QStringLiteral("entries"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("dir"));

        const ApiResponse stat =
            m_rig->call("GET", fs(QStringLiteral("notes/today.txt?stat=true")));
        QCOMPARE(stat.json.value(QStringLiteral("mode")).toString().size(), 4);

        const ApiResponse notEmpty = m_rig->call("DELETE", fs(QStringLiteral("notes")));
        QCOMPARE(notEmpty.status, 409);
        QCOMPARE(errorCode(notEmpty), QStringLiteral("ENOTEMPTY"));
        QCOMPARE(m_rig->call("DELETE", fs(QStringLiteral("notes?recursive=true"))).status, 204);
        const ApiResponse gone = m_rig->call("GET", fs(QStringLiteral("notes/today.txt")));
        QCOMPARE(gone.status, 404);
        QCOMPARE(errorCode(gone), QStringLiteral("ENOENT"));
    }

    void binaryAndHostileNamesRoundTrip() {
        QByteArray bytes;
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
        // "a b;$(x)'.bin" percent-encoded in the URL, taken literally in the sandbox.
        const QString encoded = QStringLiteral("a%20b%3B%24(x)'.bin");
        QCOMPARE(m_rig->call("PUT", fs(encoded), bytes).status, 204);
        const ApiResponse read = m_rig->call("GET", fs(encoded));
        QCOMPARE(read.body, bytes);
        QCOMPARE(read.header("Content-Type"), QByteArray("application/octet-stream"));
        auto direct = await(m_rig->backend->readFile(m_rig->engine->sandbox(m_id).value().name,
                                                     QStringLiteral("a b;$(x)'.bin")));
        HANGAR_VERIFY_OK(direct);
        QCOMPARE(direct.value(), bytes);
    }

    void largeFilesStreamBothWays() {
        // Over the size read whole: the answer streams, with the length known up front.
        QByteArray bytes(5 * 1024 * 1024 + 77, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 131) >> 3);
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("big/blob.bin?parents=true")), bytes).status,
                 204);
        const ApiResponse read = m_rig->call("GET", fs(QStringLiteral("big/blob.bin")));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("Content-Length"), QByteArray::number(bytes.size()));
        QCOMPARE(read.header("Content-Type"), QByteArray("application/octet-stream"));
        QVERIFY(read.body == bytes);
        // The upload went to a temporary name first: nothing but the file is left.
        const ApiResponse list = m_rig->call("GET", fs(QStringLiteral("big?list=true")));
        QCOMPARE(list.json.value(QStringLiteral("entries")).toArray().size(), 1);

        const ApiResponse directory = m_rig->call("GET", fs(QStringLiteral("big")));
        QCOMPARE(directory.status, 422);
        QCOMPARE(errorCode(directory), QStringLiteral("EISDIR"));
    }

    // PUT with Content-Range: one piece after another, so a file of any size gets through
    // although each request body is held whole.
    ApiResponse putPiece(const QString& path, const QByteArray& whole, qint64 first, qint64 size) {
        QNetworkRequest r = m_rig->request(fs(path));
        r.setRawHeader("Content-Range", QStringLiteral("bytes %1-%2/%3")
                                            .arg(first)
                                            .arg(first + size - 1)
                                            .arg(whole.size())
                                            .toLatin1());
        QNetworkReply* reply = m_rig->net.sendCustomRequest(r, "PUT", whole.mid(first, size));
        ApiResponse out;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60'000))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.json = QJsonDocument::fromJson(out.body).object();
        reply->deleteLater();
        return out;
    }

    void rangedUploadInPieces() {
        QByteArray bytes(20 * 1024 * 1024 + 5, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919) >> 5);
        constexpr qint64 Piece = 6 * 1024 * 1024;
        for (qint64 first = 0; first < bytes.size(); first += Piece) {
            const qint64 size = std::min<qint64>(Piece, bytes.size() - first);
            const ApiResponse piece =
                putPiece(QStringLiteral("pieces/big.bin?parents=true"), bytes, first, size);
            if (first + size < bytes.size()) {
                QCOMPARE(piece.status, 202);
                QCOMPARE(piece.json.value(QStringLiteral("received")).toInteger(), first + size);
            } else {
                QCOMPARE(piece.status, 204);
            }
        }
        const ApiResponse read = m_rig->call("GET", fs(QStringLiteral("pieces/big.bin")));
        QCOMPARE(read.status, 200);
        QVERIFY(read.body == bytes);
        const ApiResponse list = m_rig->call("GET", fs(QStringLiteral("pieces?list=true")));
        QCOMPARE(list.json.value(QStringLiteral("entries")).toArray().size(), 1);
    }

    void rangedUploadRefusals() {
        const QByteArray bytes(3000, 'r');
        // Out of order, and a piece with no upload begun: 409; starting over at 0 is fine.
        QCOMPARE(putPiece(QStringLiteral("r.bin"), bytes, 1000, 1000).status, 409);
        QCOMPARE(putPiece(QStringLiteral("r.bin"), bytes, 0, 1000).status, 202);
        const ApiResponse skipped = putPiece(QStringLiteral("r.bin"), bytes, 2000, 1000);
        QCOMPARE(skipped.status, 409);
        QVERIFY(skipped.body.contains("byte 1000"));
        QCOMPARE(putPiece(QStringLiteral("r.bin"), bytes, 0, 1000).status, 202);
        QCOMPARE(putPiece(QStringLiteral("r.bin"), bytes, 1000, 1000).status, 202);
        QCOMPARE(putPiece(QStringLiteral("r.bin"), bytes, 2000, 1000).status, 204);
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("r.bin"))).body, bytes);

        // A malformed header, or a body that is not the size the header says: 400.
        QNetworkRequest bad = m_rig->request(fs(QStringLiteral("r.bin")));
        for (const char* header : {"bytes 5-1/10", "bytes 0-9/5", "items 0-1/2", "bytes 0-1/"}) {
            bad.setRawHeader("Content-Range", header);
            QNetworkReply* reply = m_rig->net.sendCustomRequest(bad, "PUT", QByteArray("xx"));
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30'000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
            reply->deleteLater();
        }
        bad.setRawHeader("Content-Range", "bytes 0-9/20");
        QNetworkReply* reply = m_rig->net.sendCustomRequest(bad, "PUT", QByteArray("short"));
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30'000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        reply->deleteLater();

        // An upload the sandbox refuses (a path out of it) ends with that error, whichever
        // piece learns it; nothing is written and the old file is untouched.
        const QByteArray escape(9 * 1024 * 1024, 'e');
        const ApiResponse first =
            putPiece(QStringLiteral("..%2Fescaped.bin"), escape, 0, 5 * 1024 * 1024);
        QVERIFY(first.status == 202 || first.status == 403);
        const ApiResponse last =
            putPiece(QStringLiteral("..%2Fescaped.bin"), escape, 5 * 1024 * 1024, 4 * 1024 * 1024);
        QCOMPARE(last.status, 403);
        QCOMPARE(errorCode(last), QStringLiteral("EOUTSIDE"));
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("r.bin"))).body, bytes);
    }

    void renameChmodMkdir() {
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("a.txt")), "A").status, 204);
        QCOMPARE(post(fs(QStringLiteral("d/e")), {{QStringLiteral("op"), QStringLiteral("mkdir")}})
                     .status,
                 204);
        QCOMPARE(
            post(fs(QStringLiteral("a.txt")), {{QStringLiteral("op"), QStringLiteral("rename")},
                                               {QStringLiteral("to"), QStringLiteral("d/e/b.txt")}})
                .status,
            204);
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("d/e/b.txt"))).body, QByteArray("A"));
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("a.txt"))).status, 404);
        QCOMPARE(post(fs(QStringLiteral("d/e/b.txt")),
                      {{QStringLiteral("op"), QStringLiteral("chmod")},
                       {QStringLiteral("mode"), QStringLiteral("0751")}})
                     .status,
                 204);
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("d/e/b.txt?stat=true")))
                     .json.value(QStringLiteral("mode"))
                     .toString(),
                 QStringLiteral("0751"));

        // Refusals: the shape (400), the values (422), and escapes (403).
        QCOMPARE(m_rig->call("POST", fs(QStringLiteral("d")), "not json").status, 400);
        QCOMPARE(post(fs(QStringLiteral("d")), {{QStringLiteral("op"), 3}}).status, 400);
        QCOMPARE(post(fs(QStringLiteral("d")), {{QStringLiteral("op"), QStringLiteral("explode")}})
                     .status,
                 422);
        QCOMPARE(post(fs(QStringLiteral("d")), {{QStringLiteral("op"), QStringLiteral("rename")}})
                     .status,
                 400);
        QCOMPARE(
            post(fs(QStringLiteral("d/e/b.txt")), {{QStringLiteral("op"), QStringLiteral("chmod")},
                                                   {QStringLiteral("mode"), QStringLiteral("rwx")}})
                .status,
            422);
        const ApiResponse escape = post(fs(QStringLiteral("d/e/b.txt")),
                                        {{QStringLiteral("op"), QStringLiteral("rename")},
                                         {QStringLiteral("to"), QStringLiteral("../../b.txt")}});
        QCOMPARE(escape.status, 403);
        QCOMPARE(errorCode(escape), QStringLiteral("EOUTSIDE"));
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("d/e/b.txt"))).body, QByteArray("A"));
    }

    void escapesAreForbidden() {
        const ApiResponse dotdot = m_rig->call("GET", fs(QStringLiteral("..%2F..%2Fetc%2Fpasswd")));
        QCOMPARE(dotdot.status, 403);
        QCOMPARE(errorCode(dotdot), QStringLiteral("EOUTSIDE"));
        // Literal dot segments, as a hand-made request sends them.
        for (const char* target :
             {"../../etc/passwd", "a/../../../etc/passwd", "%2E%2E/%2E%2E/etc/passwd"}) {
            const QByteArray raw = m_rig->rawGet(fs(QString()).toLatin1() + target);
            QVERIFY2(raw.startsWith("HTTP/1.1 403"), raw.constData());
            QVERIFY(raw.contains("EOUTSIDE"));
            QVERIFY(!raw.contains("root:"));
        }
        QCOMPARE(post(tool(QStringLiteral("exec")),
                      {{QStringLiteral("command"), QStringLiteral("ln -s /etc escape")}})
                     .status,
                 200);
        const ApiResponse link = m_rig->call("GET", fs(QStringLiteral("escape/passwd")));
        QCOMPARE(link.status, 403);
        QVERIFY(!link.body.contains("root:"));
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("escape/evil")), "x").status, 403);
    }

    void execOverHttp() {
        const ApiResponse r =
            post(tool(QStringLiteral("exec")),
                 {{QStringLiteral("command"), QStringLiteral("echo hi; echo oops >&2; exit 4")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("stdout")).toString(), QStringLiteral("hi\n"));
        QCOMPARE(r.json.value(QStringLiteral("stderr")).toString(), QStringLiteral("oops\n"));
        QCOMPARE(r.json.value(QStringLiteral("exitCode")).toInt(), 4);
        QCOMPARE(r.json.value(QStringLiteral("timedOut")).toBool(), false);

        const ApiResponse slow = post(tool(QStringLiteral("exec")),
                                      {{QStringLiteral("command"), QStringLiteral("sleep 20")},
                                       {QStringLiteral("timeoutMs"), 200}});
        QCOMPARE(slow.json.value(QStringLiteral("timedOut")).toBool(), true);

        QCOMPARE(post(tool(QStringLiteral("tools/mkdir")),
                      {{QStringLiteral("path"), QStringLiteral("work/dir")}})
                     .status,
                 204);
        const ApiResponse inDir = post(tool(QStringLiteral("exec")),
                                       {{QStringLiteral("command"), QStringLiteral("pwd")},
                                        {QStringLiteral("cwd"), QStringLiteral("work/dir")}});
        QCOMPARE(inDir.json.value(QStringLiteral("stdout")).toString(),
                 QStringLiteral("/workspace/work/dir\n"));
    }

    // 400: the body cannot be parsed as the tool's request (not JSON, a field missing or of the
    // wrong JSON type). 422: it parses, but a value cannot be used.
    void badToolCalls_data() {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("not json") << QStringLiteral("exec") << QByteArray("echo hi") << 400;
        QTest::newRow("array") << QStringLiteral("exec") << QByteArray(R"(["true"])") << 400;
        QTest::newRow("no command") << QStringLiteral("exec") << QByteArray("{}") << 400;
        QTest::newRow("null command")
            << QStringLiteral("exec") << QByteArray(R"({"command":null})") << 400;
        QTest::newRow("number command")
            << QStringLiteral("exec") << QByteArray(R"({"command":1})") << 400;
        QTest::newRow("string timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":"soon"})")
            << 400;
        QTest::newRow("fractional timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":1.5})") << 400;
        QTest::newRow("glob no pattern") << QStringLiteral("tools/glob") << QByteArray("{}") << 400;
        QTest::newRow("grep bool") << QStringLiteral("tools/grep")
                                   << QByteArray(R"({"pattern":"x","ignoreCase":"yes"})") << 400;
        QTest::newRow("stat no path") << QStringLiteral("tools/stat") << QByteArray("{}") << 400;
        // A request with both kinds of problem is first of all malformed.
        QTest::newRow("shape before value")
            << QStringLiteral("exec") << QByteArray(R"({"command":"","timeoutMs":-1,"cwd":5})")
            << 400;
        QTest::newRow("grep shape before pattern")
            << QStringLiteral("tools/grep") << QByteArray(R"({"pattern":"a{2,1}","ignoreCase":1})")
            << 400;
        QTest::newRow("mkdir number path")
            << QStringLiteral("tools/mkdir") << QByteArray(R"({"path":7})") << 400;

        QTest::newRow("empty command")
            << QStringLiteral("exec") << QByteArray(R"({"command":"  "})") << 422;
        QTest::newRow("negative timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":-1})") << 422;
        QTest::newRow("zero timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":0})") << 422;
        QTest::newRow("absurd timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":3600001})")
            << 422;
        QTest::newRow("astronomical timeout")
            << QStringLiteral("exec") << QByteArray(R"({"command":"true","timeoutMs":1e300})")
            << 422;
        QTest::newRow("nul in cwd") << QStringLiteral("exec")
                                    << QByteArray(R"({"command":"true","cwd":"a\u0000b"})") << 422;
        QTest::newRow("glob empty pattern")
            << QStringLiteral("tools/glob") << QByteArray(R"({"pattern":""})") << 422;
        QTest::newRow("glob zero results")
            << QStringLiteral("tools/glob") << QByteArray(R"({"pattern":"*","maxResults":0})")
            << 422;
        QTest::newRow("grep empty pattern")
            << QStringLiteral("tools/grep") << QByteArray(R"({"pattern":""})") << 422;
        QTest::newRow("grep too many results")
            << QStringLiteral("tools/grep") << QByteArray(R"({"pattern":"x","maxResults":100001})")
            << 422;
        QTest::newRow("grep nul in pattern")
            << QStringLiteral("tools/grep") << QByteArray(R"({"pattern":"a\u0000b"})") << 422;
        QTest::newRow("stat nul in path")
            << QStringLiteral("tools/stat") << QByteArray(R"({"path":"a\u0000b"})") << 422;
    }

    void badToolCalls() {
        QFETCH(QString, tool);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const ApiResponse r = m_rig->call("POST", this->tool(tool), body);
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), QStringLiteral("EINVAL"));
        QVERIFY(!r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());
    }

    // A pattern grep -E would refuse is the caller's mistake (422), found before grep runs;
    // patterns GNU grep takes, odd as they look, still run.
    void grepPatterns() {
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("a.txt")), "a{1 (x) [y] {2,1} a)\n").status,
                 204);
        for (const char* bad :
             {"(", "a(b", "[a", "[]", "[[:nope:]]", "[[:alpha:]", "\\", "a\\", "a{2,1}", "a{}",
              "a{1,2,3}", "a{40000}", "[z-a]", "[:space:]", "\\1", "(a)\\2", "x*{3,2}"}) {
            const ApiResponse r = post(tool(QStringLiteral("tools/grep")),
                                       {{QStringLiteral("pattern"), QString::fromLatin1(bad)}});
            QVERIFY2(r.status == 422, bad);
            QCOMPARE(errorCode(r), QStringLiteral("EINVAL"));
            QVERIFY2(r.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("message"))
                         .toString()
                         .contains(QStringLiteral("regular expression")),
                     bad);
        }
        for (const char* odd : {"a{1", "a)", "[]a]", "{2,1}", "[[:alpha:]]+", "\\(x\\)", "(a)\\1",
                                "a{,3}", "[a\\]", "[--z]", "^*"}) {
            const ApiResponse r = post(tool(QStringLiteral("tools/grep")),
                                       {{QStringLiteral("pattern"), QString::fromLatin1(odd)}});
            QVERIFY2(r.status == 200, odd);
            QVERIFY2(r.json.contains(QStringLiteral("matches")), odd);
        }
        // A fixed string is not a regular expression: "(" is just a character.
        const ApiResponse fixed = post(tool(QStringLiteral("tools/grep")),
                                       {{QStringLiteral("pattern"), QStringLiteral("(x)")},
                                        {QStringLiteral("fixedString"), true}});
        QCOMPARE(fixed.status, 200);
        QCOMPARE(fixed.json.value(QStringLiteral("matches")).toArray().size(), 1);
    }

    // A path naming something of the wrong kind is a value the call cannot use.
    void wrongKindOfPathIs422() {
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("dir/file.txt?parents=true")), "x").status,
                 204);
        const ApiResponse readDir = m_rig->call("GET", fs(QStringLiteral("dir")));
        QCOMPARE(readDir.status, 422);
        QCOMPARE(errorCode(readDir), QStringLiteral("EISDIR"));
        const ApiResponse listFile =
            m_rig->call("GET", fs(QStringLiteral("dir/file.txt?list=true")));
        QCOMPARE(listFile.status, 422);
        QCOMPARE(errorCode(listFile), QStringLiteral("ENOTDIR"));
    }

    void searchTools() {
        QCOMPARE(
            m_rig->call("PUT", fs(QStringLiteral("src/a.ts?parents=true")), "let x = 1; // TODO\n")
                .status,
            204);
        QCOMPARE(m_rig->call("PUT", fs(QStringLiteral("src/b.md")), "nothing\n").status, 204);
        const ApiResponse glob = post(tool(QStringLiteral("tools/glob")),
                                      {{QStringLiteral("pattern"), QStringLiteral("**/*.ts")}});
        QCOMPARE(glob.json.value(QStringLiteral("paths")).toArray(),
                 QJsonArray{QStringLiteral("src/a.ts")});
        const ApiResponse grep = post(tool(QStringLiteral("tools/grep")),
                                      {{QStringLiteral("pattern"), QStringLiteral("todo")},
                                       {QStringLiteral("ignoreCase"), true}});
        const QJsonArray matches = grep.json.value(QStringLiteral("matches")).toArray();
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches[0].toObject().value(QStringLiteral("line")).toInt(), 1);
        const ApiResponse readdir = post(tool(QStringLiteral("tools/readdir")),
                                         {{QStringLiteral("path"), QStringLiteral("src")}});
        QCOMPARE(readdir.json.value(QStringLiteral("entries")).toArray().size(), 2);
        const ApiResponse stat = post(tool(QStringLiteral("tools/stat")),
                                      {{QStringLiteral("path"), QStringLiteral("src/a.ts")}});
        QCOMPARE(stat.json.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
    }

    void toolCallsWakeAHibernatedSandbox() {
        HANGAR_VERIFY_OK(await(m_rig->engine->hibernate(m_id)));
        const ApiResponse r = post(tool(QStringLiteral("exec")),
                                   {{QStringLiteral("command"), QStringLiteral("echo awake")}});
        QCOMPARE(r.json.value(QStringLiteral("stdout")).toString(), QStringLiteral("awake\n"));
        QCOMPARE(m_rig->engine->sandbox(m_id).value().state, SandboxState::Active);
        HANGAR_VERIFY_OK(await(m_rig->engine->hibernate(m_id)));
        QCOMPARE(m_rig->call("GET", fs(QStringLiteral("?list=true"))).status, 200);
        QCOMPARE(m_rig->engine->sandbox(m_id).value().state, SandboxState::Active);
    }

    void unknownSandbox() {
        const ApiResponse r = m_rig->call("GET", QStringLiteral("/api/sandboxes/nope/fs/a.txt"));
        QCOMPARE(r.status, 404);
        QCOMPARE(post(QStringLiteral("/api/sandboxes/nope/exec"),
                      {{QStringLiteral("command"), QStringLiteral("true")}})
                     .status,
                 404);
    }
};

QTEST_GUILESS_MAIN(TestApiFiles)
#include "tst_apifiles.moc"
