#include "StreamRedactor.h"

#include <algorithm>

namespace hangar {

void StreamRedactor::setSecrets(const QMap<QString, QString>& secrets) {
    m_replacements.clear();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        m_replacements.append(
            {it.value().toUtf8(), QStringLiteral("[secret %1]").arg(it.key()).toUtf8()});
    }
    std::sort(m_replacements.begin(), m_replacements.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    m_longest = m_replacements.isEmpty() ? 0 : m_replacements.constFirst().first.size();
    m_known = true;
}

QByteArray StreamRedactor::take(qsizetype upTo) {
    // Left to right, the longest value first at each position. A value starting before `upTo`
    // is whole in m_pending (upTo leaves the longest value's length minus one behind), so the
    // choice between a value and a longer one that starts alike is never made too early.
    QByteArray out;
    qsizetype at = 0;
    while (at < upTo) {
        bool replaced = false;
        for (const auto& [value, replacement] : m_replacements) {
            if (QByteArrayView(m_pending).sliced(at).startsWith(value)) {
                out += replacement;
                at += value.size();
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += m_pending.at(at++);
    }
    m_pending.remove(0, at);
    return out;
}

QByteArray StreamRedactor::feed(const QByteArray& data) {
    m_pending += data;
    if (!m_known)
        return {};
    return take(m_pending.size() -
                std::min(m_pending.size(), std::max<qsizetype>(m_longest - 1, 0)));
}

QByteArray StreamRedactor::finish() {
    if (!m_known) {
        m_pending.clear();
        return {};
    }
    return take(m_pending.size());
}

} // namespace hangar
