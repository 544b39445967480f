using System.Text;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Turns HOCON text into tokens. Comments (<c>#</c>, <c>//</c>) are dropped; newlines and
/// whitespace are kept because they separate fields and take part in concatenation.
/// Unquoted text may contain <c>@ / . - * ? ! &amp; +</c>; a <c>:</c> or <c>=</c> directly
/// inside a value (<c>127.0.0.1:30303</c>) is glued back by the parser.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly string _origin;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text, string origin)
    {
        _text = text;
        _origin = origin;
    }

    public static List<Token> Tokenize(string text, string origin) => new Lexer(text, origin).Run();

    private ConfigParseException Error(string reason, int line, int column) =>
        new(reason, new ConfigOrigin(_origin, line, column));

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool At(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && _pos < _text.Length; i++)
        {
            if (_text[_pos++] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }
        }
    }

    private void Add(TokenKind kind, string text, int line, int column, bool optional = false) =>
        _tokens.Add(new Token(kind, text, line, column, optional));

    private static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private List<Token> Run()
    {
        while (_pos < _text.Length)
        {
            var (line, column) = (_line, _column);
            var c = _text[_pos];
            switch (c)
            {
                case '\n': Advance(); Add(TokenKind.Newline, "\n", line, column); break;
                case '#': SkipComment(); break;
                case '/' when Peek(1) == '/':
                    if (_tokens.Count > 0 && _tokens[^1] is { Kind: TokenKind.Colon } colon && colon.Line == line && colon.Column == column - 1)
                        throw Error("'//' right after ':' starts a comment, so a URL such as enode://... must be quoted", line, column);
                    SkipComment();
                    break;
                case '{': Advance(); Add(TokenKind.OpenBrace, "{", line, column); break;
                case '}': Advance(); Add(TokenKind.CloseBrace, "}", line, column); break;
                case '[': Advance(); Add(TokenKind.OpenBracket, "[", line, column); break;
                case ']': Advance(); Add(TokenKind.CloseBracket, "]", line, column); break;
                case ',': Advance(); Add(TokenKind.Comma, ",", line, column); break;
                case '=': Advance(); Add(TokenKind.Equals, "=", line, column); break;
                case ':': Advance(); Add(TokenKind.Colon, ":", line, column); break;
                case '+' when Peek(1) == '=': Advance(2); Add(TokenKind.PlusEquals, "+=", line, column); break;
                case '"': ReadQuoted(line, column); break;
                case '$' when Peek(1) == '{': ReadSubstitution(line, column); break;
                default:
                    if (IsSpace(c))
                        ReadWhitespace(line, column);
                    else
                        ReadUnquoted(line, column);
                    break;
            }
        }
        Add(TokenKind.Eof, "", _line, _column);
        return _tokens;
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n')
            Advance();
    }

    private void ReadWhitespace(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && IsSpace(_text[_pos]))
            Advance();
        Add(TokenKind.Whitespace, _text[start.._pos], line, column);
    }

    private void ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is '\n' or '"' or '{' or '}' or '[' or ']' or ',' or '=' or ':' or '#' || IsSpace(c))
                break;
            if ((c == '/' && Peek(1) == '/') || (c == '$' && Peek(1) == '{') || (c == '+' && Peek(1) == '='))
                break;
            if (c is '`' or '\\' or '^' or '$')
                throw Error($"character '{c}' is not allowed in unquoted text; put the value in double quotes", _line, _column);
            Advance();
        }
        Add(TokenKind.Unquoted, _text[start.._pos], line, column);
    }

    private void ReadQuoted(int line, int column)
    {
        if (At("\"\"\""))
        {
            ReadTripleQuoted(line, column);
            return;
        }
        Advance(); // opening quote
        var start = _pos;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw Error("unterminated quoted string (a \"...\" string must close on the same line; use \"\"\"...\"\"\" for several lines)", line, column);
            var c = _text[_pos];
            if (c == '"')
                break;
            if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n')
                Advance();
            Advance();
        }
        var raw = _text.AsSpan(start, _pos - start);
        if (!TryUnescape(raw, out var value, out var badAt))
            throw Error("bad escape sequence in quoted string (JSON escapes only: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", line, column + 1 + badAt);
        Advance(); // closing quote
        Add(TokenKind.Quoted, value, line, column);
    }

    private void ReadTripleQuoted(int line, int column)
    {
        Advance(3);
        var start = _pos;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0)
            throw Error("unterminated triple-quoted string", line, column);
        // Quotes just before the closing """ belong to the string: """a"""" is a".
        while (end + 3 < _text.Length && _text[end + 3] == '"')
            end++;
        Advance(end - start + 3);
        Add(TokenKind.Quoted, _text[start..end], line, column);
    }

    private void ReadSubstitution(int line, int column)
    {
        Advance(2);
        var optional = false;
        if (Peek() == '?')
        {
            optional = true;
            Advance();
        }
        var start = _pos;
        var inQuotes = false;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw Error("unterminated substitution: '${' without a closing '}' on the same line", line, column);
            var c = _text[_pos];
            if (inQuotes && c == '\\')
                Advance();
            else if (c == '"')
                inQuotes = !inQuotes;
            else if (c == '}' && !inQuotes)
                break;
            Advance();
        }
        var expression = _text[start.._pos].Trim();
        Advance(); // }
        if (!ConfigPath.TryParse(expression, out _, out var error))
            throw Error($"bad substitution ${{{(optional ? "?" : "")}{expression}}}: {error}", line, column);
        Add(TokenKind.Substitution, expression, line, column, optional);
    }

    /// <summary>Decodes JSON escapes; <paramref name="badAt"/> is the offset of a bad escape.</summary>
    internal static bool TryUnescape(ReadOnlySpan<char> raw, out string value, out int badAt)
    {
        badAt = -1;
        if (raw.IndexOf('\\') < 0)
        {
            value = raw.ToString();
            return true;
        }
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            badAt = i;
            value = "";
            if (i + 1 >= raw.Length)
                return false;
            var e = raw[++i];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (i + 4 >= raw.Length)
                        return false;
                    if (!ushort.TryParse(raw.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
                        return false;
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    return false;
            }
        }
        badAt = -1;
        value = sb.ToString();
        return true;
    }
}
