using System.Globalization;
using System.Text;

namespace EssaySearch.Analysis;

/// <summary>
/// A web address reduced to what names the page, so that the forms one page goes by match each other: the address in
/// an essay's front matter, the one a browser copies (percent-encoded, with a <c>?utm_source=</c> tail) and the one a
/// reader types (without the scheme, or with a trailing slash). <see cref="Key"/> leaves out the scheme, the user, a
/// default port, a leading <c>www.</c>, a trailing slash, tracking parameters and a fragment that is not a route
/// (<c>#/…</c>, <c>#!…</c>); it writes the host in Unicode (punycode decoded) and percent-encoded text as text.
/// </summary>
internal sealed record WebAddress(string Host, string Key)
{
    // Parameters that say how a reader came to a page, not which page it is: campaign tags, click ids and the share
    // tails of the sites Chinese essays are clipped from (WeChat, Bilibili, Xiaohongshu, Zhihu, Taobao's spm).
    private static readonly HashSet<string> Tracking =
    [
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
        "ref", "ref_src", "spm", "spm_id_from", "vd_source", "share_source", "share_medium", "share_plat", "share_from",
        "share_session_id", "share_tag", "share_token", "share_code", "xhsshare", "xsec_source", "scene", "chksm",
        "isappinstalled", "from", "timestamp", "wechat_redirect",
    ];

    private static readonly IdnMapping Idn = new();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The address in <paramref name="text"/> (lower-cased), written with a scheme (<c>https://…</c>) or as a host and a
    /// path (<c>mp.weixin.qq.com/s/…</c>); null for any other text (a note's name, a bare host name).
    /// </summary>
    public static WebAddress? Parse(string text)
    {
        int start = text.IndexOf("://", StringComparison.Ordinal) is var scheme and > 0 && IsScheme(text.AsSpan(0, scheme)) ? scheme + 3 : 0;
        int end = text.IndexOfAny(['/', '?', '#'], start) is var stop and >= 0 ? stop : text.Length;
        string authority = text[start..end];
        if (start == 0 && (end == text.Length || text[end] != '/'))
            return null; // without a scheme, only a host followed by a path is an address
        string host = HostOf(authority[(authority.LastIndexOf('@') + 1)..], out string port);
        if (host.Length == 0 || (start == 0 && !host.Contains('.')))
            return null;
        var (path, query, fragment) = Split(text[end..]);
        var key = new StringBuilder("//").Append(host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host).Append(port)
            .Append(Decoded(path.TrimEnd('/')));
        string parameters = string.Join('&', query.Split('&').Where(parameter => parameter.Length > 0 && !IsTracking(parameter)).Select(Decoded));
        if (parameters.Length > 0)
            key.Append('?').Append(parameters);
        if (fragment.StartsWith("#/", StringComparison.Ordinal) || fragment.StartsWith("#!", StringComparison.Ordinal))
            key.Append(Decoded(fragment));
        return new WebAddress(host, key.ToString());
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme) =>
        char.IsAsciiLetter(scheme[0]) && !scheme.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789+.-");

    /// <summary>The host of an authority in Unicode, and its port unless it is a scheme's default (<c>:8080</c>, or empty).</summary>
    private static string HostOf(string authority, out string port)
    {
        int colon = authority.LastIndexOf(':');
        bool hasPort = colon >= 0 && colon > authority.LastIndexOf(']');
        port = hasPort && authority[(colon + 1)..] is var number and not ("" or "80" or "443") ? ":" + number : "";
        string host = (hasPort ? authority[..colon] : authority).TrimEnd('.');
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

    private static bool IsTracking(string parameter)
    {
        string name = parameter.Split('=', 2)[0];
        return name.StartsWith("utm_", StringComparison.Ordinal) || Tracking.Contains(name);
    }

    /// <summary>
    /// <paramref name="text"/> with each run of percent-encoded bytes that is UTF-8 written as its characters, except
    /// those that would change how the address reads (<c>%2f</c>, <c>%3f</c>, <c>%26</c>, <c>%3d</c>, a space …), which stay encoded:
    /// browsers encode the parentheses of <c>人工智能_(学科)</c> or not, but a slash or an ampersand encoded is part of a name.
    /// </summary>
    private static string Decoded(string text)
    {
        if (!text.Contains('%'))
            return text;
        var decoded = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length;)
        {
            int run = i;
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
            try
            {
                foreach (char c in StrictUtf8.GetString(bytes.ToArray()))
                {
                    if (c >= 0x80 || char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '\'' or '(' or ')' or '*' or ',')
                        decoded.Append(c);
                    else
                        decoded.Append('%').Append(((int)c).ToString("x2"));
                }
            }
            catch (DecoderFallbackException)
            {
                decoded.Append(text, run, i - run); // not UTF-8 (an address in GBK): as written
            }
        }
        return decoded.ToString();
    }
}
