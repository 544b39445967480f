using System.Text;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Builds the unresolved value tree of one HOCON text: fields, dotted keys, includes and
/// value concatenations. Substitutions stay as nodes for the <see cref="Resolver"/>, which
/// sees the whole merged fallback chain. Nesting is limited to <see cref="MaxDepth"/> levels
/// so hostile input fails with a message instead of overflowing the stack.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Deepest nesting of objects, arrays and dotted-key segments accepted.</summary>
    public const int MaxDepth = 256;

    private readonly List<Token> _tokens;
    private readonly string _origin;
    private readonly string _baseDir;
    private readonly string[] _substitutionPrefix;
    private readonly IncludeStack _includes;
    private int _pos;
    private int _depth;

    private Parser(List<Token> tokens, string origin, string baseDir, string[] prefix, IncludeStack includes, int depth)
    {
        _tokens = tokens;
        _origin = origin;
        _baseDir = baseDir;
        _substitutionPrefix = prefix;
        _includes = includes;
        _depth = depth;
    }

    /// <summary>
    /// Parses a whole text. <paramref name="prefix"/> is the path at which the text is included
    /// (empty for a top-level file): keys and substitutions inside it are relative to it.
    /// </summary>
    public static ObjectBuilder Parse(string text, string origin, string baseDir, string[] prefix, IncludeStack includes, int depth)
    {
        var tokens = Lexer.Tokenize(text, origin);
        return new Parser(tokens, origin, baseDir, prefix, includes, depth).ParseRoot(prefix);
    }

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private ConfigOrigin Origin(Token t) => new(_origin, t.Line, t.Column);

    private ConfigParseException Error(Token at, string reason) => new(reason, Origin(at));

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
            _pos++;
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
            _pos++;
    }

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth)
            throw Error(at, $"nesting deeper than {MaxDepth} levels");
    }

    private void Exit() => _depth--;

    private ObjectBuilder ParseRoot(string[] path)
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
            throw Error(first, "the root of a config must be an object, not an array");
        if (first.Kind != TokenKind.OpenBrace)
            return ParseObjectBody(first, path, braced: false);
        Next();
        var root = ParseObjectBody(first, path, braced: true);
        SkipWhitespaceAndNewlines();
        var after = Peek();
        if (after.Kind != TokenKind.Eof)
            throw Error(after, $"unexpected {after.Describe()} after the closing '}}' of the root object");
        return root;
    }

    private ObjectBuilder ParseObjectBody(Token open, string[] path, bool braced)
    {
        Enter(open);
        var obj = new ObjectBuilder(Origin(open));
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var t = Peek();
            if (t.Kind == TokenKind.CloseBrace)
            {
                if (!braced)
                    throw Error(t, "unexpected '}' (unbalanced braces: no '{' is open)");
                Next();
                break;
            }
            if (t.Kind == TokenKind.Eof)
            {
                if (braced)
                    throw Error(t, $"end of input: '{{' at line {open.Line} column {open.Column} is never closed (unbalanced braces)");
                break;
            }
            if (IsInclude())
                ParseInclude(obj, path);
            else
                ParseField(obj, path);
            SkipWhitespace();
            t = Peek();
            if (t.Kind == TokenKind.Comma)
                Next();
            else if (t.Kind is not (TokenKind.Newline or TokenKind.CloseBrace or TokenKind.Eof))
                throw Error(t, $"expected ',' or a new line after a field but got {t.Describe()}");
        }
        Exit();
        return obj;
    }

    private void ParseField(ObjectBuilder obj, string[] path)
    {
        var keyToken = Peek();
        var (segments, keyText) = ParseKey();
        if (_depth + segments.Length > MaxDepth)
            throw Error(keyToken, $"nesting deeper than {MaxDepth} levels");
        SkipWhitespace();
        var t = Peek();
        var fullPath = ConfigPath.Append(path, segments);
        object value;
        switch (t.Kind)
        {
            case TokenKind.Equals or TokenKind.Colon:
                Next();
                SkipWhitespace();
                value = ParseValue(fullPath, $"for key \"{keyText}\"");
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipWhitespace();
                var element = ObjectBuilder.Freeze(ParseValue(fullPath, $"for key \"{keyText}\""));
                var self = new ConfigSubstitution(fullPath, null, ConfigPath.Render(fullPath), optional: true, Origin(t));
                value = new ConfigConcatenation([self, new ConfigArray([element], element.Origin)], Origin(t));
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(fullPath, $"for key \"{keyText}\"");
                break;
            default:
                throw Error(t, $"expected '=' ':' or '{{' after key \"{keyText}\" but got {t.Describe()}");
        }
        for (var i = segments.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectBuilder(Origin(keyToken));
            wrapper.Merge(segments[i], value);
            value = wrapper;
        }
        obj.Merge(segments[0], value);
    }

    /// <summary>Reads a key: unquoted parts split at dots, quoted parts kept whole.</summary>
    private (string[] Segments, string Text) ParseKey()
    {
        var first = Peek();
        if (first.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
            throw Error(first, $"expected a key but got {first.Describe()}");
        var segments = new List<string>();
        var current = new StringBuilder();
        var raw = new StringBuilder();
        var hasContent = false;
        while (true)
        {
            var t = Peek();
            if (t.Kind == TokenKind.Whitespace)
            {
                if (Peek(1).Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
                    break;
                current.Append(t.Text);
                raw.Append(t.Text);
            }
            else if (t.Kind == TokenKind.Quoted)
            {
                current.Append(t.Text);
                raw.Append(ConfigRenderer.Quote(t.Text));
                hasContent = true;
            }
            else if (t.Kind == TokenKind.Unquoted)
            {
                raw.Append(t.Text);
                var pieces = t.Text.Split('.');
                for (var i = 0; i < pieces.Length; i++)
                {
                    if (i > 0)
                    {
                        if (!hasContent)
                            throw Error(t, $"empty key segment in \"{raw}\" (quote keys that contain dots)");
                        segments.Add(current.ToString());
                        current.Clear();
                        hasContent = false;
                    }
                    current.Append(pieces[i]);
                    hasContent |= pieces[i].Length > 0;
                }
            }
            else
            {
                break;
            }
            _pos++;
        }
        if (!hasContent)
            throw Error(first, $"empty key segment in \"{raw}\" (quote keys that contain dots)");
        segments.Add(current.ToString());
        return (segments.ToArray(), raw.ToString());
    }
}
