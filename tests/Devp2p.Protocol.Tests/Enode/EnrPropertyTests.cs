using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Protocol.Tests.Enode;

/// <summary>Random records, built and signed, round-trip through both forms and verify.</summary>
public class EnrPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private sealed record Spec(
        byte[] PrivateKey, ulong Seq, byte[]? Ip, int Tcp, int Udp, byte[]? Ip6, int Tcp6, int Udp6, (string Key, byte[] Value)[] Extra)
    {
        public override string ToString() =>
            $"seq={Seq} ip={Hex(Ip)} tcp={Tcp} udp={Udp} ip6={Hex(Ip6)} tcp6={Tcp6} udp6={Udp6} extra=[{string.Join(", ", Extra.Select(e => e.Key + "=" + Hex(e.Value)))}]";

        private static string Hex(byte[]? b) => b is null ? "-" : Convert.ToHexStringLower(b);
    }

    private static readonly string[] Known = ["id", "secp256k1", "ip", "ip6", "tcp", "tcp6", "udp", "udp6"];

    private static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);

    private static Gen<byte[]?> Maybe(Gen<byte[]> gen) =>
        Gen.Frequency((1, Gen.Constant<byte[]?>(null)), (2, gen.Select(b => (byte[]?)b)));

    private static readonly Gen<int> Port = Gen.Frequency((1, Gen.Constant(-1)), (1, Gen.Choose(0, 255)), (2, Gen.Choose(0, 65535)));

    private static readonly Gen<ulong> Seq = Gen.Choose(0, 8).SelectMany(n => Byte.ArrayOf(n))
        .Select(b => b.Aggregate(0UL, (v, x) => (v << 8) | x));

    private static readonly Gen<(string, byte[])> ExtraPair =
        from key in Gen.Choose(1, 6).SelectMany(n => Gen.Choose('a', 'z').Select(c => (char)c).ArrayOf(n)).Select(c => new string(c))
        from value in Gen.Choose(0, 40).SelectMany(n => Byte.ArrayOf(n))
        select (key, value);

    private static readonly Gen<Spec> Specs =
        from key in Byte.ArrayOf(32).Where(k => Secp256k1.Default.IsValidPrivateKey(k))
        from seq in Seq
        from ip in Maybe(Byte.ArrayOf(4))
        from tcp in Port
        from udp in Port
        from ip6 in Maybe(Byte.ArrayOf(16))
        from tcp6 in Port
        from udp6 in Port
        from extra in Gen.Choose(0, 3).SelectMany(n => ExtraPair.ArrayOf(n))
        select new Spec(key, seq, ip, tcp, udp, ip6, tcp6, udp6,
            [.. extra.Where(e => !Known.Contains(e.Item1)).DistinctBy(e => e.Item1)]);

    [Fact]
    public void Built_records_round_trip_and_verify()
    {
        Check.One(Config, Prop.ForAll(Specs.ToArbitrary(), spec =>
        {
            var builder = new EnrBuilder().WithSeq(spec.Seq);
            if (spec.Ip is not null) builder.WithIp(new IPAddress(spec.Ip));
            if (spec.Ip6 is not null) builder.WithIp(new IPAddress(spec.Ip6));
            if (spec.Tcp >= 0) builder.WithTcp(spec.Tcp);
            if (spec.Udp >= 0) builder.WithUdp(spec.Udp);
            if (spec.Tcp6 >= 0) builder.WithTcp6(spec.Tcp6);
            if (spec.Udp6 >= 0) builder.WithUdp6(spec.Udp6);
            foreach (var (key, value) in spec.Extra) builder.WithBytes(key, value);

            Enr record;
            try
            {
                record = builder.Sign(spec.PrivateKey);
            }
            catch (EnrFormatException e) when (e.Error == EnrError.TooBig)
            {
                return true; // the limit is tested exactly elsewhere; big specs just have nothing to round-trip
            }

            var fromText = Enr.Parse(record.ToText());
            var fromRlp = Enr.Decode(record.ToRlp());
            var keys = record.Entries.Select(e => e.KeyBytes.ToArray()).ToArray();
            bool sorted = keys.Zip(keys.Skip(1)).All(p => p.First.AsSpan().SequenceCompareTo(p.Second) < 0);
            bool ip4MappedV6 = spec.Ip6 is not null && new IPAddress(spec.Ip6).IsIPv4MappedToIPv6;

            return record.Size <= Enr.MaxSize
                && fromText == record && fromRlp == record
                && fromText.ToText() == record.ToText()
                && fromText.IsSignatureValid
                && sorted
                && fromText.Seq == spec.Seq
                && fromText.PublicKey == NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(spec.PrivateKey))
                && (ip4MappedV6 || SameIp(spec.Ip, fromText.Ip) && SameIp(spec.Ip6, fromText.Ip6))
                && SamePort(spec.Tcp, fromText.Tcp) && SamePort(spec.Udp, fromText.Udp)
                && SamePort(spec.Tcp6, fromText.Tcp6) && SamePort(spec.Udp6, fromText.Udp6)
                && spec.Extra.All(e => fromText.Find(e.Key)!.Content.Span.SequenceEqual(e.Value));
        }));
    }

    private static bool SameIp(byte[]? expected, IPAddress? actual) =>
        expected is null ? actual is null : actual is not null && actual.GetAddressBytes().AsSpan().SequenceEqual(expected);

    private static bool SamePort(int expected, int? actual) => expected < 0 ? actual is null : actual == expected;
}
