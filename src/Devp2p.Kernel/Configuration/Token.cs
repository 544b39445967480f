namespace Devp2p.Kernel.Configuration;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Newline,
    Equals,
    Colon,
    PlusEquals,
    Whitespace,
    Quoted,
    Unquoted,
    Substitution,
    Eof,
}

/// <summary>One lexical token with its 1-based position. For substitutions, Text is the path expression.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool Optional = false)
{
    public string Describe() => Kind switch
    {
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.Comma => "','",
        TokenKind.Newline => "end of line",
        TokenKind.Equals => "'='",
        TokenKind.Colon => "':'",
        TokenKind.PlusEquals => "'+='",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Quoted => "string " + ConfigValue.Abbreviate(Text),
        TokenKind.Unquoted => "\"" + (Text.Length > 40 ? Text[..40] + "..." : Text) + "\"",
        TokenKind.Substitution => Optional ? "${?" + Text + "}" : "${" + Text + "}",
        TokenKind.Eof => "end of input",
        _ => Kind.ToString(),
    };
}
