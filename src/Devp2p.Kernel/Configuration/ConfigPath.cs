using System.Text;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Path expressions: <c>a.b.c</c>, with quoted segments for keys that contain dots
/// (<c>"a.b".c</c>). Used by getters and by <c>${...}</c> substitutions.
/// </summary>
internal static class ConfigPath
{
    /// <summary>Splits a path expression into keys; throws <see cref="ConfigException"/> on a malformed one.</summary>
    public static string[] Parse(string expression)
    {
        if (!TryParse(expression, out var segments, out var error))
            throw new ConfigException($"bad path expression \"{expression}\": {error}", expression);
        return segments;
    }

    public static bool TryParse(string expression, out string[] segments, out string error)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        segments = [];
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '.')
            {
                if (!hasContent)
                {
                    error = "empty key";
                    return false;
                }
                result.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
            else if (c == '"')
            {
                var end = i + 1;
                while (end < expression.Length && expression[end] != '"')
                    end += expression[end] == '\\' ? 2 : 1;
                if (end >= expression.Length)
                {
                    error = "unterminated quoted key";
                    return false;
                }
                if (!Lexer.TryUnescape(expression.AsSpan(i + 1, end - i - 1), out var unescaped, out _))
                {
                    error = "bad escape in quoted key";
                    return false;
                }
                current.Append(unescaped);
                hasContent = true;
                i = end;
            }
            else
            {
                current.Append(c);
                hasContent = true;
            }
        }
        if (!hasContent)
        {
            error = expression.Length == 0 ? "empty path" : "empty key";
            return false;
        }
        result.Add(current.ToString());
        segments = result.ToArray();
        error = "";
        return true;
    }

    /// <summary>Joins keys back into an expression, quoting keys that need it.</summary>
    public static string Render(IEnumerable<string> segments) => string.Join('.', segments.Select(RenderKey));

    public static string RenderKey(string key)
    {
        if (key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return key;
        return ConfigRenderer.Quote(key);
    }

    public static string[] Append(string[] prefix, string[] tail)
    {
        var result = new string[prefix.Length + tail.Length];
        prefix.CopyTo(result, 0);
        tail.CopyTo(result, prefix.Length);
        return result;
    }

    public static string[] Append(string[] prefix, string key) => Append(prefix, [key]);
}
