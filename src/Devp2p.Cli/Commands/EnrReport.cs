using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// Renders a decoded record for people (aligned text) and for scripts (one JSON object).
/// Hex is lower case without a 0x prefix. In <c>pairs</c> a byte-string value is shown as its
/// content bytes (as EIP-778's examples list them) and a list value as its complete RLP
/// encoding, so nested values stay unambiguous.
/// </summary>
internal static class EnrReport
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The hex shown for a value in <c>pairs</c>.</summary>
    public static string PairHex(EnrEntry entry) =>
        Convert.ToHexStringLower(entry.IsList ? entry.RawValue.Span : entry.Content.Span);

    public static void WriteJson(TextWriter output, Enr record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", record.Seq);
            WriteHexOrNull(json, "nodeId", record.NodeIdHash);
            WriteHexOrNull(json, "publicKey", record.Secp256k1);
            WriteStringOrNull(json, "ip", record.Ip?.ToString());
            WriteNumberOrNull(json, "tcp", record.Tcp);
            WriteNumberOrNull(json, "udp", record.Udp);
            WriteStringOrNull(json, "ip6", record.Ip6?.ToString());
            WriteNumberOrNull(json, "tcp6", record.Tcp6);
            WriteNumberOrNull(json, "udp6", record.Udp6);
            json.WriteBoolean("signatureValid", record.IsSignatureValid);
            json.WriteStartObject("pairs");
            foreach (var entry in record.Entries)
                json.WriteString(entry.Key, PairHex(entry));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void WriteText(TextWriter output, Enr record)
    {
        string signature = Convert.ToHexStringLower(record.Signature.Span);
        Line(output, "seq", record.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(output, "signature", $"{signature} ({(record.IsSignatureValid ? "valid" : "INVALID")})");
        Line(output, "node id", Hex(record.NodeIdHash) ?? "-");
        Line(output, "public key", Hex(record.Secp256k1) ?? "-");
        if (record.Ip is { } ip) Line(output, "ip", ip.ToString());
        if (record.Tcp is { } tcp) Line(output, "tcp", Port(tcp));
        if (record.Udp is { } udp) Line(output, "udp", Port(udp));
        if (record.Ip6 is { } ip6) Line(output, "ip6", ip6.ToString());
        if (record.Tcp6 is { } tcp6) Line(output, "tcp6", Port(tcp6));
        if (record.Udp6 is { } udp6) Line(output, "udp6", Port(udp6));
        if (record.PublicKey is not null)
            Line(output, "enode", record.ToEnodeUrl().ToString());
        Line(output, "size", $"{record.Size} bytes");
        output.WriteLine("pairs:");
        int width = record.Entries.Count == 0 ? 0 : record.Entries.Max(e => e.Key.Length);
        foreach (var entry in record.Entries)
            output.WriteLine($"  {entry.Key.PadRight(width)}  {PairHex(entry)}{(entry.IsList ? " (list, full RLP)" : "")}");
    }

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label + ":",-12}{value}");

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Hex(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? Convert.ToHexStringLower(b.Span) : null;

    private static void WriteHexOrNull(Utf8JsonWriter json, string name, ReadOnlyMemory<byte>? bytes) =>
        WriteStringOrNull(json, name, Hex(bytes));

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
