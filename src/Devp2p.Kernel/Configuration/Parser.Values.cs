using System.Text.RegularExpressions;

namespace Devp2p.Kernel.Configuration;

internal sealed partial class Parser
{
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    private static bool StartsValue(Token t) =>
        t.Kind is TokenKind.Quoted or TokenKind.Unquoted or TokenKind.Substitution or TokenKind.OpenBrace or TokenKind.OpenBracket;

    /// <summary>
    /// Reads one value up to the end of the line, a comma or a closing bracket. Several
    /// adjacent pieces form a concatenation, resolved at once when it holds no substitution.
    /// Returns an <see cref="ObjectBuilder"/> for a lone object so later keys merge into it.
    /// </summary>
    private object ParseValue(string[] path, string context)
    {
        var start = Peek();
        var parts = new List<object>();
        Token? lonelyUnquoted = null;
        while (true)
        {
            var t = Peek();
            switch (t.Kind)
            {
                case TokenKind.Quoted:
                    Next();
                    parts.Add(new ConfigString(t.Text, Origin(t)));
                    continue;
                case TokenKind.Unquoted:
                    Next();
                    lonelyUnquoted = parts.Count == 0 ? t : null;
                    parts.Add(new ConfigString(t.Text, Origin(t)));
                    continue;
                case TokenKind.Substitution:
                    Next();
                    parts.Add(Substitution(t));
                    continue;
                case TokenKind.OpenBrace:
                    Next();
                    parts.Add(ParseObjectBody(t, path, braced: true));
                    continue;
                case TokenKind.OpenBracket:
                    Next();
                    parts.Add(ParseArray(t, path));
                    continue;
                case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals
                    when parts.Count > 0 && _tokens[_pos - 1].Kind != TokenKind.Whitespace:
                    // glued inside unquoted text: 127.0.0.1:30303, base64 padding "abc=="
                    Next();
                    parts.Add(new ConfigString(t.Text, Origin(t)));
                    continue;
                case TokenKind.Whitespace when parts.Count > 0 && StartsValue(Peek(1)):
                    Next();
                    parts.Add(new ConfigString(t.Text, Origin(t), isFiller: true));
                    continue;
            }
            break;
        }
        if (parts.Count == 0)
            throw Error(Peek(), $"expected a value {context} but got {Peek().Describe()}");
        if (parts.Count == 1)
            return lonelyUnquoted is { } u ? Classify(u) : parts[0];

        var values = parts.Select(ObjectBuilder.Freeze).ToList();
        var origin = Origin(start);
        if (values.Any(v => !v.IsResolved))
            return new ConfigConcatenation(values, origin);
        return Merger.Concatenate(values, origin, message => Error(start, message))
            ?? new ConfigString("", origin);
    }

    private ConfigValue Classify(Token t)
    {
        var origin = Origin(t);
        return t.Text switch
        {
            "true" => new ConfigBoolean(true, origin),
            "false" => new ConfigBoolean(false, origin),
            "null" => new ConfigNull(origin),
            _ when NumberPattern().IsMatch(t.Text) => new ConfigNumber(t.Text, origin),
            _ => new ConfigString(t.Text, origin),
        };
    }

    private ConfigSubstitution Substitution(Token t)
    {
        var path = ConfigPath.Parse(t.Text);
        return _substitutionPrefix.Length == 0
            ? new ConfigSubstitution(path, null, t.Text, t.Optional, Origin(t))
            : new ConfigSubstitution(ConfigPath.Append(_substitutionPrefix, path), path, t.Text, t.Optional, Origin(t));
    }

    private ConfigArray ParseArray(Token open, string[] path)
    {
        Enter(open);
        var items = new List<ConfigValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (t.Kind == TokenKind.CloseBracket)
            {
                Next();
                break;
            }
            if (t.Kind == TokenKind.Eof)
                throw Error(t, $"end of input: '[' at line {open.Line} column {open.Column} is never closed");
            items.Add(ObjectBuilder.Freeze(ParseValue(path, "in the array")));
            SkipWhitespace();
            t = Peek();
            if (t.Kind == TokenKind.Comma)
                Next();
            else if (t.Kind is not (TokenKind.Newline or TokenKind.CloseBracket or TokenKind.Eof))
                throw Error(t, $"expected ',' or ']' in the array but got {t.Describe()}");
        }
        Exit();
        return new ConfigArray(items, Origin(open));
    }

    private static readonly string[] IncludeForms = ["required(", "file(", "classpath(", "url("];

    private bool IsInclude()
    {
        if (Peek() is not { Kind: TokenKind.Unquoted, Text: "include" } || Peek(1).Kind != TokenKind.Whitespace)
            return false;
        var target = Peek(2);
        return target.Kind == TokenKind.Quoted
            || (target.Kind == TokenKind.Unquoted && IncludeForms.Any(f => target.Text.StartsWith(f, StringComparison.Ordinal)));
    }

    /// <summary><c>include "file"</c>, <c>include required("file")</c>, <c>include file("file")</c>.</summary>
    private void ParseInclude(ObjectBuilder obj, string[] path)
    {
        var keyword = Next();
        SkipWhitespace();
        var t = Next();
        string name;
        if (t.Kind == TokenKind.Quoted)
        {
            name = t.Text;
        }
        else
        {
            if (t.Text.StartsWith("classpath(", StringComparison.Ordinal) || t.Text.StartsWith("url(", StringComparison.Ordinal))
                throw Error(t, $"include {t.Text[..(t.Text.IndexOf('(') + 1)]}...) is not supported; include files by path");
            if (t.Text is not ("required(" or "file("))
                throw Error(t, $"expected a quoted file name after include {t.Text[..(t.Text.IndexOf('(') + 1)]} but got \"{t.Text[(t.Text.IndexOf('(') + 1)..]}\"");
            SkipWhitespace();
            var quoted = Next();
            if (quoted.Kind != TokenKind.Quoted)
                throw Error(quoted, $"expected a quoted file name after include {t.Text} but got {quoted.Describe()}");
            name = quoted.Text;
            SkipWhitespace();
            var close = Next();
            if (close is not { Kind: TokenKind.Unquoted, Text: ")" })
                throw Error(close, $"expected ')' after include {t.Text}\"{name}\" but got {close.Describe()}");
        }
        var included = _includes.Parse(name, _baseDir, path, _depth, Origin(keyword));
        foreach (var (key, value) in included.Fields)
            obj.Merge(key, value);
    }
}
