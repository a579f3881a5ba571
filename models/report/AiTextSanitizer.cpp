// AiTextSanitizer: regular expressions over the model's text, applied in a fixed order.
#include "AiTextSanitizer.h"

#include <QRegularExpression>

#include <functional>

namespace cl {

namespace {

using Rx = QRegularExpression;
constexpr auto kCi = QRegularExpression::CaseInsensitiveOption;

/// `text` with every match of `rx` replaced by what `with` makes of it.
QString replaceEach(const QString &text, const Rx &rx,
                    const std::function<QString(const QRegularExpressionMatch &)> &with)
{
    QString out;
    qsizetype last = 0;
    for (auto it = rx.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += with(m);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

/// The first of the captured groups `from`.. that matched.
QString firstCaptured(const QRegularExpressionMatch &m, int from)
{
    for (int i = from; i <= m.lastCapturedIndex(); ++i) {
        if (m.capturedStart(i) >= 0)
            return m.captured(i);
    }
    return {};
}

/// The address of a Markdown link's "(...)": `<dest>` or the first word; the title is dropped.
QString destination(const QString &inner)
{
    const QString s = inner.trimmed();
    if (s.startsWith(QLatin1Char('<'))) {
        const qsizetype end = s.indexOf(QLatin1Char('>'));
        return end > 0 ? s.mid(1, end - 1) : s.mid(1);
    }
    const qsizetype space = s.indexOf(QRegularExpression(QStringLiteral("\\s")));
    return space < 0 ? s : s.left(space);
}

QString linkAsText(const QString &text, const QString &url)
{
    const QString t = text.trimmed();
    if (url.isEmpty())
        return t;
    if (t.isEmpty() || t == url)
        return url;
    return t + QStringLiteral(" (") + url + QLatin1Char(')');
}

QString defangHost(QString host)
{
    return host.replace(QLatin1Char('.'), QStringLiteral("[.]"));
}

} // namespace

QString AiTextSanitizer::sanitize(const QString &input)
{
    // HTML that carries no words worth keeping, contents included.
    static const Rx comment(QStringLiteral("<!--[\\s\\S]*?(?:-->|\\z)"));
    static const Rx scriptOrStyle(
        QStringLiteral("<(script|style)\\b[^>]*>[\\s\\S]*?(?:</\\1\\s*>|\\z)"), kCi);
    static const Rx cdata(QStringLiteral("<!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>|\\z)"), kCi);
    static const Rx declaration(QStringLiteral("<[!?][^>]*>"));
    // Autolinks: <https://...>, <mailto:...>, <me@example.com>.
    static const Rx autolink(
        QStringLiteral("<([a-z][a-z0-9+.-]{1,31}:[^<>\\s]*|[^<>\\s@]+@[^<>\\s@]+)>"), kCi);
    // Tags; an attribute value may hold '>' inside its quotes.
    static const QString attrs = QStringLiteral("(?:[^>\"']|\"[^\"]*\"|'[^']*')*");
    static const Rx img(QStringLiteral("<img(?=[\\s/>])") + attrs + QStringLiteral(">"), kCi);
    static const Rx alt(QStringLiteral("\\balt\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))"),
                        kCi);
    static const Rx blockTag(
        QStringLiteral("</?(?:br|p|div|li|tr|td|th|h[1-6]|ul|ol|table|blockquote|hr)(?=[\\s/>])") +
            attrs + QStringLiteral(">"),
        kCi);
    static const Rx tag(
        QStringLiteral("</?[a-z][a-z0-9-]*(?=[\\s/>])") + attrs + QStringLiteral(">"), kCi);
    // Markdown: the bracketed text may hold one level of brackets, the parentheses one level.
    static const QString label = QStringLiteral("\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]");
    static const QString parens = QStringLiteral("\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)");
    static const Rx mdImage(QStringLiteral("!") + label + parens);
    static const Rx mdRefImage(QStringLiteral("!") + label + QStringLiteral("\\[[^\\[\\]]*\\]"));
    static const Rx mdLink(label + parens);
    static const Rx mdRefLink(label + QStringLiteral("\\[[^\\[\\]]*\\]"));
    static const Rx mdDefinition(
        QStringLiteral("^[ \\t]{0,3}\\[([^\\[\\]]+)\\]:[ \\t]*<?([^\\s>]*)>?.*$"),
        QRegularExpression::MultilineOption);
    static const Rx openAngle(QStringLiteral("<(?=[a-z/!?])"), kCi);
    // Addresses a viewer would turn into links.
    static const QString hostChars = QStringLiteral("[^\\s/?#<>\"'()\\[\\]]*");
    static const Rx schemeUrl(
        QStringLiteral("\\b([a-z][a-z0-9+.-]*)://(") + hostChars + QStringLiteral(")"), kCi);
    static const Rx www(QStringLiteral("\\bwww\\.(") + hostChars + QStringLiteral(")"), kCi);
    static const Rx email(QStringLiteral("([a-z0-9._%+-]+)@([a-z0-9-]+(?:\\.[a-z0-9-]+)+)"), kCi);

    QString s = input;
    s.remove(comment);
    s.remove(scriptOrStyle);
    s.remove(cdata);
    s.remove(declaration);
    s.replace(autolink, QStringLiteral("\\1"));
    s = replaceEach(s, img, [](const QRegularExpressionMatch &m) {
        return firstCaptured(alt.match(m.captured(0)), 1);
    });
    s.replace(blockTag, QStringLiteral(" "));
    s.remove(tag);
    s.replace(mdImage, QStringLiteral("\\1"));
    s.replace(mdRefImage, QStringLiteral("\\1"));
    s.replace(QStringLiteral("!["), QStringLiteral("["));
    s = replaceEach(s, mdLink, [](const QRegularExpressionMatch &m) {
        return linkAsText(m.captured(1), destination(m.captured(2)));
    });
    s.replace(mdRefLink, QStringLiteral("\\1"));
    s.replace(mdDefinition, QStringLiteral("\\1: \\2"));
    s.replace(openAngle, QStringLiteral("< "));
    s = replaceEach(s, schemeUrl, [](const QRegularExpressionMatch &m) {
        return m.captured(1) + QStringLiteral("[:]//") + defangHost(m.captured(2));
    });
    s = replaceEach(s, www, [](const QRegularExpressionMatch &m) {
        return QStringLiteral("www[.]") + defangHost(m.captured(1));
    });
    s = replaceEach(s, email, [](const QRegularExpressionMatch &m) {
        return m.captured(1) + QLatin1Char('@') + defangHost(m.captured(2));
    });
    return s;
}

} // namespace cl
