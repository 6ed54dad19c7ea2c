#include "ProfileProvisioner.h"

#include "SshKeys.h"
#include "backend/Backend.h"
#include "config/SecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcProfiles)

namespace hangar {

struct ProfileProvisioner::Run {
    Sandbox sandbox;
    QPointer<Backend> backend;
    Profile profile;
    QMap<QString, QString> secrets;
    QMap<QString, QString> env;
    QString home; // the sandbox user's home, once asked

    Status alive() const {
        if (backend)
            return {};
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the backend of %1 went away").arg(sandbox.name));
    }
    QString resolve(const QString& path) const {
        return path.startsWith(QLatin1String("~/")) ? home + path.mid(1) : path;
    }
};

ProfileProvisioner::ProfileProvisioner(LifecycleService& engine, ProfileStore& profiles,
                                       QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_profiles(profiles) {
    connect(&engine, &LifecycleService::sandboxRemoved, this,
            &ProfileProvisioner::forgetSandboxKeys);
}

Status ProfileProvisioner::check(const ProvisionOptions& options) {
    if (options.profileId.isEmpty())
        return {};
    auto p = m_profiles.profile(options.profileId);
    if (!p)
        return p.error().code == ErrorCode::NotFound
                   ? makeError(ErrorCode::InvalidArgument,
                               QStringLiteral("no profile with id %1").arg(options.profileId))
                   : p.error();
    return {};
}

Status ProfileProvisioner::created(const Sandbox& sandbox, const ProvisionOptions& options) {
    return m_profiles.assign(sandbox.id, options.profileId.isEmpty()
                                             ? QLatin1String(Profile::kDefaultId)
                                             : options.profileId);
}

QString ProfileProvisioner::redact(QString text, const QMap<QString, QString>& secrets) {
    QList<std::pair<QString, QString>> bySize;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!it.value().isEmpty())
            bySize.append({it.key(), it.value()});
    }
    std::sort(bySize.begin(), bySize.end(),
              [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    for (const auto& [name, value] : bySize)
        text.replace(value, QStringLiteral("[secret %1]").arg(name));
    return text;
}

Task<QMap<QString, QString>> ProfileProvisioner::environment(const Sandbox& sandbox) {
    auto profile = m_profiles.profileOf(sandbox.id);
    if (!profile)
        return failedTask<QMap<QString, QString>>(profile.error());
    const QMap<QString, QString> variables = profile.value().variables;
    return mapResult<QMap<QString, QString>>(
        m_profiles.secretValues(profile.value()), this,
        [variables](Result<QMap<QString, QString>> secrets) -> Result<QMap<QString, QString>> {
            if (!secrets)
                return secrets.error();
            QMap<QString, QString> env = variables;
            env.insert(secrets.value());
            return env;
        });
}

Task<QMap<QString, QString>> ProfileProvisioner::secrets(const Sandbox& sandbox) {
    auto profile = m_profiles.profileOf(sandbox.id);
    if (!profile)
        return failedTask<QMap<QString, QString>>(profile.error());
    return m_profiles.secretValues(profile.value());
}

Task<void> ProfileProvisioner::runSteps(QList<Step> steps) {
    if (steps.isEmpty())
        return readyTask();
    Step first = steps.takeFirst();
    return chain<void>(first(), this, [this, steps](Result<void> r) -> Task<void> {
        if (!r)
            return failedTask<void>(r.error());
        return runSteps(steps);
    });
}

Task<void> ProfileProvisioner::prepare(const Sandbox& sandbox, Backend& backend, Phase phase) {
    auto profile = m_profiles.profileOf(sandbox.id);
    if (!profile)
        return failedTask<void>(profile.error());
    auto run = std::make_shared<Run>();
    run->sandbox = sandbox;
    run->backend = &backend;
    run->profile = profile.value();
    const Profile& p = run->profile;
    const bool setup = phase == Phase::Provisioned && !p.setup.isEmpty();
    if (p.files.isEmpty() && p.keys.isEmpty() && !setup)
        return readyTask();

    QList<Step> steps;
    steps << [this, run]() -> Task<void> {
        return mapResult<void>(m_profiles.secretValues(run->profile), this,
                               [run](Result<QMap<QString, QString>> secrets) -> Result<void> {
                                   if (!secrets)
                                       return secrets.error();
                                   run->secrets = secrets.value();
                                   run->env = run->profile.variables;
                                   run->env.insert(secrets.value());
                                   return {};
                               });
    };
    const bool needsHome =
        std::any_of(p.files.cbegin(), p.files.cend(),
                    [](const ProfileFile& f) { return f.path.startsWith(QLatin1String("~/")); }) ||
        std::any_of(p.keys.cbegin(), p.keys.cend(), [](const ProfileKey& k) {
            return k.effectivePath().startsWith(QLatin1String("~/"));
        });
    if (needsHome) {
        steps << [this, run]() -> Task<void> {
            if (auto st = run->alive(); !st)
                return failedTask<void>(st.error());
            ExecRequest request;
            request.argv = {QStringLiteral("printenv"), QStringLiteral("HOME")};
            request.timeoutMs = 60'000;
            return mapResult<void>(
                run->backend->run(run->sandbox.name, request), this,
                [run](Result<ExecResult> r) -> Result<void> {
                    if (!r)
                        return r.error();
                    const QString home = QString::fromUtf8(r.value().stdoutData).trimmed();
                    if (r.value().exitCode != 0 || !home.startsWith(QLatin1Char('/')))
                        return makeError(ErrorCode::Unavailable,
                                         QStringLiteral("the sandbox has no home directory for "
                                                        "the profile's ~/ paths"));
                    run->home = home == QLatin1String("/") ? QString() : home;
                    return {};
                });
        };
    }
    for (const ProfileFile& file : p.files) {
        steps << [this, run, file] {
            return writeFile(run, run->resolve(file.path), file.content, file.mode);
        };
    }
    for (const ProfileKey& key : p.keys)
        steps << [this, run, key] { return writeKey(run, key); };
    if (setup) {
        for (int i = 0; i < p.setup.size(); ++i) {
            const QString command = p.setup.at(i);
            steps << [this, run, command, i] { return runSetup(run, command, i); };
        }
    }
    return runSteps(steps);
}

Task<void> ProfileProvisioner::writeFile(const std::shared_ptr<Run>& run, const QString& path,
                                         const QByteArray& content, quint32 mode) {
    if (auto st = run->alive(); !st)
        return failedTask<void>(st.error());
    WriteOptions options;
    options.makeParents = true;
    options.mode = mode;
    auto written = run->backend->writeFile(run->sandbox.name, path, content, options);
    // The mode applies to a new file only; an existing one (a restore) gets it set again.
    return chain<void>(written, this, [run, path, mode](Result<void> r) -> Task<void> {
        if (!r)
            return failedTask<void>(makeError(
                r.error().code,
                QStringLiteral("writing %1 failed: %2").arg(path, r.error().message), path));
        if (auto st = run->alive(); !st)
            return failedTask<void>(st.error());
        return run->backend->chmod(run->sandbox.name, path, mode);
    });
}

Task<KeyPair> ProfileProvisioner::keyPair(const std::shared_ptr<Run>& run, const ProfileKey& key) {
    if (key.source == ProfileKey::Source::Import) {
        const QString publicKey = key.publicKey;
        return mapResult<KeyPair>(m_profiles.importedKey(run->profile.id, key.name), this,
                                  [publicKey](Result<QString> r) -> Result<KeyPair> {
                                      if (!r)
                                          return r.error();
                                      return KeyPair{r.value(), publicKey};
                                  });
    }
    const QString sandboxId = run->sandbox.id;
    const QString name = key.name;
    const QString comment = run->sandbox.name + QStringLiteral("-") + key.name;
    return chain<KeyPair>(
        m_profiles.sandboxKey(sandboxId, name), this,
        [this, sandboxId, name, comment](Result<std::optional<KeyPair>> kept) -> Task<KeyPair> {
            if (!kept)
                return failedTask<KeyPair>(kept.error());
            if (kept.value())
                return readyTask<KeyPair>(*kept.value());
            return chain<KeyPair>(generateKeyPair(comment, this), this,
                                  [this, sandboxId, name](Result<KeyPair> made) -> Task<KeyPair> {
                                      if (!made)
                                          return failedTask<KeyPair>(made.error());
                                      const KeyPair pair = made.value();
                                      return mapResult<KeyPair>(
                                          m_profiles.setSandboxKey(sandboxId, name, pair), this,
                                          [pair](Result<void> r) -> Result<KeyPair> {
                                              if (!r)
                                                  return r.error();
                                              return pair;
                                          });
                                  });
        });
}

Task<void> ProfileProvisioner::writeKey(const std::shared_ptr<Run>& run, const ProfileKey& key) {
    const QString path = run->resolve(key.effectivePath());
    return chain<void>(keyPair(run, key), this, [this, run, path](Result<KeyPair> pair) {
        if (!pair)
            return failedTask<void>(pair.error());
        QByteArray privateKey = pair.value().privateKey.toUtf8();
        if (!privateKey.endsWith('\n'))
            privateKey.append('\n');
        const QByteArray publicKey = pair.value().publicKey.trimmed().toUtf8() + '\n';
        return runSteps({
            [this, run, path, privateKey] { return writeFile(run, path, privateKey, 0600); },
            [this, run, path, publicKey] {
                return writeFile(run, path + QStringLiteral(".pub"), publicKey, 0644);
            },
            [run, path]() -> Task<void> {
                // ssh refuses keys in a directory others can write: ~/.ssh is 0700.
                const QString dir = path.left(path.lastIndexOf(QLatin1Char('/')));
                if (!dir.endsWith(QLatin1String("/.ssh")))
                    return readyTask();
                if (auto st = run->alive(); !st)
                    return failedTask<void>(st.error());
                return run->backend->chmod(run->sandbox.name, dir, 0700);
            },
        });
    });
}

Task<void> ProfileProvisioner::runSetup(const std::shared_ptr<Run>& run, const QString& command,
                                        int index) {
    if (auto st = run->alive(); !st)
        return failedTask<void>(st.error());
    ExecRequest request;
    request.argv = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), command};
    request.env = run->env;
    request.timeoutMs = kSetupTimeoutMs;
    const QString what = QStringLiteral("setup command %1: %2").arg(index + 1).arg(command);
    return mapResult<void>(
        run->backend->run(run->sandbox.name, request, kMaxSetupOutputBytes), this,
        [this, run, what](Result<ExecResult> r) -> Result<void> {
            NoteOptions note;
            note.actor = QStringLiteral("profile");
            if (!r) {
                note.error = redact(r.error().describe(), run->secrets);
                recordNote(run->sandbox.id, what, note);
                return makeError(r.error().code,
                                 what + QStringLiteral(" did not run: ") + note.error);
            }
            const ExecResult& result = r.value();
            QByteArray output = result.stdoutData;
            if (!result.stderrData.isEmpty()) {
                if (!output.isEmpty() && !output.endsWith('\n'))
                    output.append('\n');
                output.append(result.stderrData);
            }
            note.detail = redact(QString::fromUtf8(output), run->secrets);
            const bool ok = result.exitCode == 0 && !result.timedOut;
            if (!ok) {
                note.error = result.timedOut ? QStringLiteral("timed out")
                                             : QStringLiteral("exit code %1").arg(result.exitCode);
            }
            recordNote(run->sandbox.id, what, note);
            if (ok)
                return {};
            QString message = what + QStringLiteral(" failed (") + note.error + QLatin1Char(')');
            if (!note.detail.trimmed().isEmpty())
                message += QStringLiteral(": ") + note.detail.trimmed();
            qCWarning(lcProfiles).noquote() << run->sandbox.name << message;
            return makeError(ErrorCode::Unavailable, message);
        });
}

void ProfileProvisioner::recordNote(const QString& sandboxId, const QString& what,
                                    const NoteOptions& options) {
    // LifecycleService::note logs a failure itself; the setup's outcome does not depend on it.
    if (auto noted = m_engine.note(sandboxId, what, options); !noted)
        return;
}

void ProfileProvisioner::forgetSandboxKeys(const QString& sandboxId) {
    auto all = m_profiles.profiles();
    if (!all)
        return;
    QStringList names;
    for (const Profile& p : all.value()) {
        for (const ProfileKey& key : p.keys)
            names.append(key.name);
    }
    names.removeDuplicates();
    for (const QString& name : names) {
        const QString key = ProfileStore::sandboxKeyKey(sandboxId, name);
        m_profiles.secrets().remove(key);
        m_profiles.secrets().remove(key + QStringLiteral(".pub"));
    }
}

} // namespace hangar
