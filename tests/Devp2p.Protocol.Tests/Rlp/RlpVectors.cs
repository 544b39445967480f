using System.Numerics;
using System.Text;
using System.Text.Json;
using Devp2p.Protocol.Rlp;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>
/// Loads ethereum/tests' RLP vectors from ../shared/vectors and turns their JSON inputs into
/// RLP items: a string starting with '#' is a decimal big integer, other strings are Latin-1
/// bytes, numbers are integers, arrays are lists.
/// </summary>
internal static class RlpVectors
{
    private static readonly Lazy<Dictionary<string, JsonElement>> ValidVectors = new(() => Load("rlp_valid.json"));
    private static readonly Lazy<Dictionary<string, JsonElement>> InvalidVectors = new(() => Load("rlp_invalid.json"));

    public static TheoryData<string> ValidNames => new(ValidVectors.Value.Keys);

    public static TheoryData<string> InvalidNames => new(InvalidVectors.Value.Keys);

    public static IReadOnlyCollection<string> InvalidNameSet => InvalidVectors.Value.Keys;

    public static JsonElement ValidInput(string name) => ValidVectors.Value[name].GetProperty("in");

    public static byte[] ValidOutput(string name) => Hex(ValidVectors.Value[name].GetProperty("out").GetString()!);

    public static byte[] InvalidOutput(string name) => Hex(InvalidVectors.Value[name].GetProperty("out").GetString()!);

    /// <summary>Parses hex with or without the 0x prefix (upstream is inconsistent).</summary>
    public static byte[] Hex(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);

    /// <summary>True for a "#..." big integer input.</summary>
    public static bool IsBigInteger(JsonElement input, out BigInteger value)
    {
        value = default;
        if (input.ValueKind != JsonValueKind.String || input.GetString() is not ['#', .. var digits])
            return false;
        value = BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The bytes of a plain string input (Latin-1: one byte per char).</summary>
    public static byte[] Latin1(JsonElement input) => Encoding.Latin1.GetBytes(input.GetString()!);

    /// <summary>Minimal big-endian bytes of a non-negative integer (empty for zero).</summary>
    public static byte[] MinimalBigEndian(BigInteger value) =>
        value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>The expected decoded structure of a vector input.</summary>
    public static RlpItem ToItem(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Array:
                return RlpItem.List(input.EnumerateArray().Select(ToItem).ToArray());
            case JsonValueKind.Number:
                return RlpItem.FromUInt64(input.GetUInt64());
            case JsonValueKind.String when IsBigInteger(input, out var big):
                // One vector is 2^256, beyond the codec's integer range: it is still a valid byte string.
                return big.GetBitLength() <= 256 ? RlpItem.FromBigInteger(big) : RlpItem.FromBytes(MinimalBigEndian(big));
            case JsonValueKind.String:
                return RlpItem.FromBytes(Latin1(input));
            default:
                throw new InvalidDataException($"unexpected vector input kind {input.ValueKind}");
        }
    }

    private static Dictionary<string, JsonElement> Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector(file)));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
