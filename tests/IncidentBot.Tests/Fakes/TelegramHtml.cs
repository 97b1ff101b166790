using System.Globalization;
using System.Text;

namespace IncidentBot.Tests.Fakes;

/// <summary>An entity the way Telegram reports it: UTF-16 offset and length into the plain text.</summary>
public sealed record ParsedEntity(string Type, int Offset, int Length, string? Argument = null);

public sealed record ParsedText(string Text, IReadOnlyList<ParsedEntity> Entities, string? Error);

/// <summary>
/// Telegram's HTML parse mode, strict: only the documented tags, properly nested, and every '&amp;'
/// and '&lt;' escaped. Stricter than Telegram on a bare '&amp;' on purpose: escaping bugs surface in tests.
/// </summary>
public static class TelegramHtml
{
    private static readonly Dictionary<string, string> TagTypes = new()
    {
        ["b"] = "bold", ["strong"] = "bold", ["i"] = "italic", ["em"] = "italic",
        ["u"] = "underline", ["ins"] = "underline", ["s"] = "strikethrough", ["strike"] = "strikethrough",
        ["del"] = "strikethrough", ["span"] = "spoiler", ["tg-spoiler"] = "spoiler", ["a"] = "text_link",
        ["code"] = "code", ["pre"] = "pre", ["blockquote"] = "blockquote", ["tg-emoji"] = "custom_emoji",
    };

    private static readonly string[] NamedEntities = ["&lt;", "&gt;", "&amp;", "&quot;"];

    public static ParsedText Plain(string text) => new(text, [], null);

    public static ParsedText Parse(string html)
    {
        var parser = new Parser(html);
        var error = parser.Run();
        return new ParsedText(parser.Output.ToString(), parser.Entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length).ToList(), error);
    }

    private sealed class Parser(string s)
    {
        private readonly Stack<(string Name, int Start, Dictionary<string, string> Attrs)> _open = new();
        private int _i;

        public StringBuilder Output { get; } = new();
        public List<ParsedEntity> Entities { get; } = [];

        private int ByteOffset(int index) => Encoding.UTF8.GetByteCount(s.AsSpan(0, index));

        public string? Run()
        {
            while (_i < s.Length)
            {
                var error = s[_i] switch
                {
                    '&' => Entity(Output),
                    '<' when _i + 1 < s.Length && s[_i + 1] == '/' => EndTag(),
                    '<' => StartTag(),
                    _ => Append(s[_i++]),
                };
                if (error is not null)
                    return error;
            }
            return _open.Count > 0 ? $"Can't find end tag corresponding to start tag \"{_open.Peek().Name}\"" : null;
        }

        private string? Append(char c) { Output.Append(c); return null; }

        private string? Entity(StringBuilder into)
        {
            var at = _i;
            foreach (var named in NamedEntities)
                if (string.CompareOrdinal(s, _i, named, 0, named.Length) == 0)
                {
                    into.Append(named switch { "&lt;" => '<', "&gt;" => '>', "&amp;" => '&', _ => '"' });
                    _i += named.Length;
                    return null;
                }
            var semicolon = s.IndexOf(';', _i);
            if (s.AsSpan(_i).StartsWith("&#") && semicolon > _i + 2 && semicolon - _i < 12)
            {
                var digits = s[(_i + 2)..semicolon];
                var ok = digits.StartsWith('x') || digits.StartsWith('X')
                    ? int.TryParse(digits[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out code);
                if (ok && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                {
                    into.Append(char.ConvertFromUtf32(code));
                    _i = semicolon + 1;
                    return null;
                }
            }
            return $"Unescaped \"&\" at byte offset {ByteOffset(at)}: write it as &amp;";
        }

        private string ReadName()
        {
            var start = _i;
            while (_i < s.Length && (char.IsAsciiLetterOrDigit(s[_i]) || s[_i] == '-' || s[_i] == '_'))
                _i++;
            return s[start.._i].ToLowerInvariant();
        }

        private string? EndTag()
        {
            var at = _i;
            _i += 2;
            var name = ReadName();
            while (_i < s.Length && char.IsWhiteSpace(s[_i])) _i++;
            if (_i >= s.Length || s[_i] != '>')
                return $"Unclosed end tag at byte offset {ByteOffset(at)}";
            _i++;
            if (_open.Count == 0)
                return $"Unexpected end tag at byte offset {ByteOffset(at)}";
            var (open, start, attrs) = _open.Pop();
            if (open != name)
                return $"Unmatched end tag at byte offset {ByteOffset(at)}, expected \"</{open}>\", found \"</{name}>\"";
            AddEntity(open, start, attrs);
            return null;
        }

        private void AddEntity(string tag, int start, Dictionary<string, string> attrs)
        {
            var type = TagTypes[tag];
            string? argument = null;
            if (tag == "a" && !attrs.TryGetValue("href", out argument)) return;
            if (tag == "blockquote" && attrs.ContainsKey("expandable")) type = "expandable_blockquote";
            if (tag == "tg-emoji") argument = attrs["emoji-id"];
            if (tag is "code" or "pre" && attrs.TryGetValue("class", out var cls)) argument = cls;
            if (Output.Length > start)
                Entities.Add(new ParsedEntity(type, start, Output.Length - start, argument));
        }

        private string? StartTag()
        {
            var at = _i;
            _i++;
            var name = ReadName();
            if (name.Length == 0)
                return $"Unexpected \"<\" at byte offset {ByteOffset(at)}: write it as &lt;";
            if (!TagTypes.ContainsKey(name))
                return $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(at)}";
            var attrs = new Dictionary<string, string>();
            while (true)
            {
                while (_i < s.Length && char.IsWhiteSpace(s[_i])) _i++;
                if (_i >= s.Length)
                    return $"Unclosed start tag at byte offset {ByteOffset(at)}";
                if (s[_i] == '>') { _i++; break; }
                var attr = ReadName();
                if (attr.Length == 0)
                    return $"Expected equal sign in declaration of an attribute of the tag \"{name}\" at byte offset {ByteOffset(at)}";
                var value = "";
                if (_i < s.Length && s[_i] == '=')
                {
                    _i++;
                    var error = ReadAttributeValue(out value);
                    if (error is not null) return error;
                }
                attrs[attr] = value;
            }
            if (name == "span" && (!attrs.TryGetValue("class", out var cls) || cls != "tg-spoiler"))
                return $"Tag \"span\" must have class \"tg-spoiler\" at byte offset {ByteOffset(at)}";
            if (name == "tg-emoji" && !attrs.ContainsKey("emoji-id"))
                return $"Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset {ByteOffset(at)}";
            _open.Push((name, Output.Length, attrs));
            return null;
        }

        private string? ReadAttributeValue(out string value)
        {
            var into = new StringBuilder();
            value = "";
            char? quote = _i < s.Length && s[_i] is '"' or '\'' ? s[_i++] : null;
            while (_i < s.Length && (quote is { } q ? s[_i] != q : !char.IsWhiteSpace(s[_i]) && s[_i] != '>'))
            {
                if (s[_i] == '&')
                {
                    var error = Entity(into);
                    if (error is not null) return error;
                }
                else into.Append(s[_i++]);
            }
            if (quote is not null)
            {
                if (_i >= s.Length) return "Unclosed attribute value";
                _i++;
            }
            value = into.ToString();
            return null;
        }
    }
}
