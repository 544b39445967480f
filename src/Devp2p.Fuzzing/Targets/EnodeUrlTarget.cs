using System.Text;
using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Enode;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// <see cref="EnodeUrl.Parse"/> on text (the input bytes read as UTF-8): valid URLs with IPv4,
/// IPv6 and discport, damaged by byte mutations or by inserting the characters the grammar
/// splits on. A parsed URL must print and re-parse to the same value.
/// </summary>
internal sealed class EnodeUrlTarget : FuzzTarget
{
    private static readonly string[] Syntax = ["@", ":", "[", "]", "?", "&", "=", "discport=", "%", "::", ".", "0x", "-1", "99999", " ", "\u0000", "é", "enode://"];

    public override string Name => "enode-url";

    public override string Description => "EnodeUrl.Parse on text; parsed URLs round-trip through ToString";

    public override FuzzInput CreateInput(FuzzCaseRandom random)
    {
        if (random.Chance(1, 3))
        {
            var text = Encoding.UTF8.GetString(CreateValid(random));
            int at = random.Next(text.Length + 1);
            int remove = random.Chance(1, 2) ? random.Next(Math.Min(6, text.Length - at) + 1) : 0;
            var mutated = text.Remove(at, remove).Insert(at, Syntax[random.Next(Syntax.Length)]);
            return new FuzzInput(Encoding.UTF8.GetBytes(mutated), MustDecode: false, "syntax");
        }
        return base.CreateInput(random);
    }

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var id = Convert.ToHexStringLower(TestKeys.Public(random.Next(TestKeys.Count)));
        string host = random.Next(3) switch
        {
            0 => $"{random.Next(256)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
            1 => "[" + new System.Net.IPAddress(random.Bytes(16)) + "]",
            _ => "",
        };
        if (host.Length == 0)
            return Encoding.UTF8.GetBytes("enode://" + id);
        var url = $"enode://{id}@{host}:{random.Next(65536)}";
        if (random.Chance(1, 2))
            url += $"?discport={random.Next(65536)}";
        return Encoding.UTF8.GetBytes(url);
    }

    public override bool Execute(byte[] input)
    {
        var url = EnodeUrl.Parse(Encoding.UTF8.GetString(input));
        var again = EnodeUrl.Parse(url.ToString());
        if (!again.Id.Equals(url.Id) || !Equals(Normal(again.Ip), Normal(url.Ip)) || again.TcpPort != url.TcpPort || again.UdpPort != url.UdpPort)
            throw new FuzzInvariantException($"\"{url}\" re-parses to a different node");
        return true;
    }

    private static System.Net.IPAddress? Normal(System.Net.IPAddress? ip) => ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip;

    public override bool IsTypedError(Exception exception) => exception is EnodeFormatException;
}
