using System.Globalization;
using System.Text;

namespace EssaySearch.Analysis;

/// <summary>
/// A web address reduced to what names the page, so that the forms one page goes by match each other: the address in
/// an essay's front matter, the one a browser copies (percent-encoded, with a share tail) and the one a reader types
/// (without the scheme, or with a trailing slash). <see cref="Key"/> leaves out the scheme, the user, a default port,
/// a leading <c>www.</c> or <c>m.</c>, a trailing slash, tracking parameters (and, on the sites below, every parameter that does not
/// name the page) and a fragment that is not a route (<c>#/…</c>, <c>#!…</c>); it writes the scheme and host in lower
/// case, the host in Unicode (punycode decoded), percent-encoded text as text, and the parameters in name order. The
/// path, the parameters and the route keep their case: video and article ids differ by case alone.
/// </summary>
/// <param name="Host">The host, in lower case and Unicode.</param>
/// <param name="Key">The page, as one term.</param>
/// <param name="HasScheme">Whether it was written with its scheme (<c>https://…</c>), which no other text is; without,
/// it may be a file's path (<c>node.js/express</c>).</param>
internal sealed record WebAddress(string Host, string Key, bool HasScheme)
{
    // Parameters that say how a reader came to a page, on any site: campaign tags, click ids, share tails.
    private static readonly HashSet<string> Tracking =
    [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ttclid", "twclid", "li_fat_id",
        "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "_gl", "mkt_tok", "srsltid", "spm", "spm_id_from",
        "share_source", "share_medium", "share_plat", "share_from", "share_session_id", "share_tag", "share_token",
        "share_code", "xhsshare", "xsec_source", "xsec_token", "isappinstalled", "u_atoken", "u_asession", "u_asig", "u_aref",
    ];

    // Sites whose pages are named by their path and these parameters alone: every other parameter is a share tail, a
    // session or a position (WeChat's share menu and desktop client add a dozen, Bilibili's app as many).
    private static readonly Dictionary<string, string[]> PageParameters = new()
    {
        ["mp.weixin.qq.com"] = ["__biz", "mid", "idx", "sn"],
        ["bilibili.com"] = ["p"],
        ["b23.tv"] = [],
        ["youtube.com"] = ["v", "list"],
        ["youtu.be"] = [],
        ["zhihu.com"] = [],
        ["xiaohongshu.com"] = [],
        ["jianshu.com"] = [],
        ["csdn.net"] = [],
        ["juejin.cn"] = [],
        ["sspai.com"] = [],
        ["36kr.com"] = [],
        ["douban.com"] = [],
        ["toutiao.com"] = [],
        ["weibo.com"] = [],
        ["medium.com"] = [],
        ["twitter.com"] = [],
        ["x.com"] = [],
    };

    private static readonly IdnMapping Idn = new();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The address in <paramref name="text"/>, written with a scheme (<c>https://…</c>), or, when
    /// <paramref name="withoutScheme"/>, also as a host and a path (<c>mp.weixin.qq.com/s/…</c>, as a reader types it; a
    /// link target so written is a relative path, <c>images.old/a.png</c>); null for any other text (a note's name, a
    /// file, a bare host name).
    /// </summary>
    public static WebAddress? Parse(string text, bool withoutScheme = false)
    {
        int start = text.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 && IsScheme(text.AsSpan(0, scheme)) ? scheme + 3 : 0;
        int end = text.IndexOfAny(['/', '?', '#'], start) is var stop and >= 0 ? stop : text.Length;
        if (start == 0 && (!withoutScheme || end == text.Length || text[end] != '/'))
            return null; // without a scheme, only a host followed by a path is an address
        string authority = text[start..end];
        string host = HostOf(authority[(authority.LastIndexOf('@') + 1)..], out string port);
        // Without a scheme, a host ends in a top-level domain: letters (v1.2/notes is a path).
        if (host.Length == 0 || (start == 0 && (host.LastIndexOf('.') is var dot && dot < 0 || host.Length - dot < 3 || !host[(dot + 1)..].All(char.IsAsciiLetter))))
            return null;
        // An address taken from HTML or RSS keeps its &amp; (…&amp;mid=…).
        var (path, query, fragment) = Split(text[end..].Replace("&amp;", "&"));
        var kept = PageParameters.FirstOrDefault(site => host == site.Key || host.EndsWith("." + site.Key, StringComparison.Ordinal)).Value;
        var parameters = query.Split('&')
            .Select(parameter => Decoded(parameter, QueryReserved))
            .Where(parameter => parameter.Length > 0 && (kept is null ? !IsTracking(parameter) : kept.Contains(NameOf(parameter))))
            .OrderBy(NameOf, StringComparer.Ordinal);
        var key = new StringBuilder("//").Append(Site(host)).Append(port)
            .Append(Decoded(path.TrimEnd('/'), PathReserved));
        string joined = string.Join('&', parameters);
        if (joined.Length > 0)
            key.Append('?').Append(joined);
        if (fragment.StartsWith("#/", StringComparison.Ordinal) || fragment.StartsWith("#!", StringComparison.Ordinal))
            key.Append(Decoded(fragment, PathReserved));
        return new WebAddress(host, key.ToString(), start > 0);
    }

    /// <summary>The host without a leading <c>www.</c> or a mobile site's <c>m.</c>, which serve the same pages.</summary>
    private static string Site(string host) =>
        host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host.StartsWith("m.", StringComparison.Ordinal) && host.IndexOf('.', 2) > 0 ? host[2..] : host;

    private static bool IsScheme(ReadOnlySpan<char> scheme) =>
        char.IsAsciiLetter(scheme[0]) && !scheme.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>The host of an authority in lower case and Unicode, and its port unless it is a scheme's default (<c>:8080</c>, or empty).</summary>
    private static string HostOf(string authority, out string port)
    {
        int colon = authority.LastIndexOf(':');
        bool hasPort = colon >= 0 && colon > authority.LastIndexOf(']');
        port = hasPort && authority[(colon + 1)..] is var number and not ("" or "80" or "443") ? ":" + number : "";
        string host = (hasPort ? authority[..colon] : authority).TrimEnd('.').ToLowerInvariant();
        if (host.Contains("xn--", StringComparison.Ordinal))
        {
            try
            {
                host = Idn.GetUnicode(host);
            }
            catch (ArgumentException)
            {
                // Not valid punycode: kept as written, which matches the same text written alike.
            }
        }
        return host;
    }

    private static (string Path, string Query, string Fragment) Split(string rest)
    {
        int hash = rest.IndexOf('#') is var h and >= 0 ? h : rest.Length;
        int question = rest.IndexOf('?', 0, hash) is var q and >= 0 ? q : hash;
        return (rest[..question], question < hash ? rest[(question + 1)..hash] : "", rest[hash..]);
    }

    private static string NameOf(string parameter) => parameter.Split('=', 2)[0];

    // CSDN's depth_1-utm_source is a utm tag too.
    private static bool IsTracking(string parameter) =>
        NameOf(parameter) is var name && (name.StartsWith("utm_", StringComparison.Ordinal) || name.Contains("-utm_", StringComparison.Ordinal) || Tracking.Contains(name));

    // What stays percent-encoded, as it would change how the address reads: in a path, a slash or question mark that is
    // part of a name; in a parameter (split from the others already), what would part it from the next one or end it.
    // A space and the percent sign itself stay encoded in both.
    private const string PathReserved = "/?#% ";
    private const string QueryReserved = "&#+% ";

    /// <summary>
    /// <paramref name="text"/> with each run of percent-encoded bytes that is UTF-8 written as its characters, but for
    /// <paramref name="reserved"/>; encoded bytes that are no UTF-8 (an address in GBK) stay encoded, in upper-case hex.
    /// Browsers encode the parentheses of <c>人工智能_(学科)</c> or the <c>==</c> of WeChat's <c>__biz</c>, or not.
    /// </summary>
    private static string Decoded(string text, string reserved)
    {
        if (!text.Contains('%'))
            return text;
        var decoded = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length;)
        {
            bytes.Clear();
            while (i + 2 < text.Length && text[i] == '%' && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, null, out byte value))
            {
                bytes.Add(value);
                i += 3;
            }
            if (bytes.Count == 0)
            {
                decoded.Append(text[i++]);
                continue;
            }
            string characters;
            try
            {
                characters = StrictUtf8.GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                characters = ""; // not UTF-8: each byte stays encoded
                foreach (byte b in bytes)
                    decoded.Append('%').Append(b.ToString("X2"));
            }
            foreach (char c in characters)
            {
                if (reserved.Contains(c) || char.IsControl(c))
                    decoded.Append('%').Append(((int)c).ToString("X2"));
                else
                    decoded.Append(c);
            }
        }
        return decoded.ToString();
    }
}
