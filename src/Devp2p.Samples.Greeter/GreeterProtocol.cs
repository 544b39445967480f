using System.Text;
using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Samples.Greeter;

/// <summary>
/// greet/1, a sub-protocol small enough to read in one sitting: code 0 <c>Greet(name)</c> asks the
/// remote to greet us, code 1 <c>Greeting(text)</c> is its answer. Both payloads are one RLP string.
/// The wire codes are these plus the offset the capability got in the Hello match; the PeerActor adds it.
/// </summary>
public static class GreeterProtocol
{
    public const string Name = "greet";
    public const uint Version = 1;

    /// <summary>Message codes used: 0 and 1.</summary>
    public const int Length = 2;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public const ulong GreetCode = 0;
    public const ulong GreetingCode = 1;

    /// <summary>Longest name or greeting accepted, in bytes; more is a protocol error.</summary>
    public const int MaxTextBytes = 256;

    /// <summary>The registration to pass to <c>options.AddProtocol</c>; <paramref name="signature"/> ends our greetings.</summary>
    public static ProtocolRegistration Registration(string signature) =>
        new(Name, Version, Length, context => Props.Create(() => new GreeterProtocolActor(context, signature)));

    /// <summary>The text of a greeting to <paramref name="name"/>.</summary>
    public static string GreetingFor(string name, string signature) => $"Hello, {name}! ({signature})";

    public static byte[] EncodeText(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
            throw new ArgumentException($"greet/1 texts are at most {MaxTextBytes} bytes", nameof(text));
        return RlpCodec.EncodeUtf8(text);
    }

    /// <summary>One RLP string of UTF-8 text; throws <see cref="FormatException"/> on anything else (the caller drops the peer).</summary>
    public static string DecodeText(ReadOnlySpan<byte> payload)
    {
        var bytes = RlpCodec.DecodeBytes(payload);
        if (bytes.Length > MaxTextBytes)
            throw new FormatException($"greet/1 text of {bytes.Length} bytes is over the {MaxTextBytes}-byte limit");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("greet/1 text is not UTF-8", e);
        }
    }
}
