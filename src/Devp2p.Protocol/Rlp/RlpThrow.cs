using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Builds and throws <see cref="RlpException"/>s out of line, so the decoding hot paths stay
/// small enough to inline and never format a message unless something is actually wrong.
/// </summary>
internal static class RlpThrow
{
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void UnexpectedEnd(int offset, bool inList) =>
        throw new RlpException(RlpError.UnexpectedEnd, offset,
            inList ? "expected an item but the list has ended" : "expected an item but the input has ended");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void TruncatedSize(int offset, int sizeBytes, bool inList) =>
        throw new RlpException(inList ? RlpError.ElementTooLarge : RlpError.ValueTooLarge, offset,
            $"{sizeBytes}-byte length prefix runs past the end of the {(inList ? "enclosing list" : "input")}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void PastEnd(int offset, long length, int available, bool inList) =>
        throw new RlpException(inList ? RlpError.ElementTooLarge : RlpError.ValueTooLarge, offset,
            inList
                ? $"item declares {length} payload bytes but only {available} remain in the enclosing list"
                : $"item declares {length} payload bytes but only {available} remain in the input");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void NonCanonicalSize(int offset, RlpKind kind, ulong length) =>
        throw new RlpException(RlpError.NonCanonicalSize, offset,
            $"long-form {Describe(kind)} header used for {length} bytes; 55 or fewer must use the short form");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void LeadingZeroInSize(int offset) =>
        throw new RlpException(RlpError.LeadingZeroInSize, offset, "long-form length has a leading zero byte");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void SizeOverflow(int offset, int sizeBytes) =>
        throw new RlpException(RlpError.SizeOverflow, offset,
            $"{sizeBytes}-byte length prefix declares a size larger than {int.MaxValue}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void NonCanonicalSingleByte(int offset, byte value) =>
        throw new RlpException(RlpError.NonCanonicalSingleByte, offset,
            $"single byte 0x{value:x2} is wrapped as a 1-byte string; bytes below 0x80 encode as themselves");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void NonCanonicalInteger(int offset) =>
        throw new RlpException(RlpError.NonCanonicalInteger, offset,
            "integer has a leading zero byte (zero must be encoded as the empty string 0x80)");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void IntegerOverflow(int offset, int length, string typeName, int maxBytes) =>
        throw new RlpException(RlpError.IntegerOverflow, offset,
            $"{length}-byte integer does not fit in {typeName} (at most {maxBytes} bytes)");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidBoolean(int offset, ulong value) =>
        throw new RlpException(RlpError.InvalidBoolean, offset, $"boolean must be 0 or 1, got {value}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ExpectedString(int offset) =>
        throw new RlpException(RlpError.ExpectedString, offset, "expected a byte string, found a list");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ExpectedList(int offset) =>
        throw new RlpException(RlpError.ExpectedList, offset, "expected a list, found a byte string");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void WrongLength(int offset, int expected, int actual) =>
        throw new RlpException(RlpError.WrongLength, offset,
            $"expected a byte string of exactly {expected} bytes, found {actual}");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void TrailingBytes(int offset, int count, bool inList) =>
        throw new RlpException(RlpError.TrailingBytes, offset,
            inList
                ? $"{count} unread bytes remain at the end of the list"
                : $"{count} bytes follow the single expected item");

    private static string Describe(RlpKind kind) => kind == RlpKind.List ? "list" : "string";
}
