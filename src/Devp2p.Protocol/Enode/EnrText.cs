using System.Buffers.Text;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// The text form of a node record: "enr:" followed by the RLP in URL-safe base64 without
/// padding (RFC 4648 §5). Decoding is strict — no padding, no whitespace, no characters
/// outside the URL-safe alphabet, and zero unused bits in the last character — so every
/// record has exactly one text form.
/// </summary>
internal static class EnrText
{
    public const string Prefix = "enr:";

    /// <summary>Longest text that can hold a record of <see cref="Enr.MaxSize"/> bytes.</summary>
    private static readonly int MaxTextLength = Prefix.Length + (Enr.MaxSize * 4 + 2) / 3;

    public static string Encode(ReadOnlySpan<byte> rlp) => Prefix + Base64Url.EncodeToString(rlp);

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
            throw new EnrFormatException(EnrError.InvalidText, $"text must start with \"{Prefix}\"");
        var body = text.AsSpan(Prefix.Length);
        if (body.IsEmpty)
            throw new EnrFormatException(EnrError.InvalidText, $"nothing after \"{Prefix}\"");
        if (text.Length > MaxTextLength)
            throw new EnrFormatException(EnrError.TooBig, $"text is {text.Length} characters; a record of at most {Enr.MaxSize} bytes needs at most {MaxTextLength}");

        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '=')
                throw new EnrFormatException(EnrError.InvalidText, $"base64 padding '=' at position {Prefix.Length + i}; the text form is unpadded base64url");
            if (!IsUrlSafe(c))
                throw new EnrFormatException(EnrError.InvalidText, $"character '{Printable(c)}' at position {Prefix.Length + i} is not base64url (A-Z a-z 0-9 - _)");
        }
        if (body.Length % 4 == 1)
            throw new EnrFormatException(EnrError.InvalidText, $"base64url text of {body.Length} characters is truncated (length mod 4 is 1)");
        if (!UnusedBitsAreZero(body))
            throw new EnrFormatException(EnrError.InvalidText, "the last base64url character has non-zero unused bits (not the canonical encoding)");

        var bytes = new byte[Base64Url.GetMaxDecodedLength(body.Length)];
        if (!Base64Url.TryDecodeFromChars(body, bytes, out int written))
            throw new EnrFormatException(EnrError.InvalidText, "not valid base64url");
        return written == bytes.Length ? bytes : bytes[..written];
    }

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_';

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();

    // With 2 characters left over the last one carries 2 data bits (4 unused); with 3, 4 bits (2 unused).
    private static bool UnusedBitsAreZero(ReadOnlySpan<char> body)
    {
        int rem = body.Length % 4;
        if (rem == 0) return true;
        int value = SextetOf(body[^1]);
        int unusedMask = rem == 2 ? 0x0f : 0x03;
        return (value & unusedMask) == 0;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
