using System.Security.Cryptography;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Tests.Crypto;

public class Secp256k1SelectionTests
{
    private static ISecp256k1 Missing() => throw new DllNotFoundException("libsecp256k1.so.1: cannot open shared object file");

    [Fact]
    public void DefaultFollowsTheEnvironmentVariable()
    {
        var requested = Environment.GetEnvironmentVariable(Secp256k1.EnvironmentVariable)?.Trim().ToLowerInvariant();
        if (requested is "native" or "managed")
        {
            Assert.Equal(requested, Secp256k1.BackendName);
            Assert.Contains("requested by " + Secp256k1.EnvironmentVariable, Secp256k1.SelectionMessage);
        }
        else
        {
            Assert.True(string.IsNullOrWhiteSpace(requested), $"unexpected {Secp256k1.EnvironmentVariable}={requested}");
            var expected = Backends.NativeSkipReason is null ? "native" : "managed";
            Assert.Equal(expected, Secp256k1.BackendName);
            Assert.Contains("chosen", Secp256k1.SelectionMessage);
        }
        Assert.Same(Secp256k1.Default, Secp256k1.Default);
    }

    [Fact]
    public void UnsetFallsBackToManagedWhenNativeIsMissing()
    {
        var (backend, message) = Secp256k1.Select(null, Missing);
        Assert.Equal("managed", backend.Name);
        Assert.Contains("libsecp256k1 is unavailable", message);
        Assert.Equal("managed", Secp256k1.Select("", Missing).Backend.Name);
    }

    [Fact]
    public void ForcedNativeWhenMissingIsAClearError()
    {
        var e = Assert.Throws<DllNotFoundException>(() => Secp256k1.Select("native", Missing));
        Assert.Contains(Secp256k1.EnvironmentVariable + "=native", e.Message);
        Assert.Contains("libsecp256k1.so.1", e.Message);
    }

    [Fact]
    public void MissingLibraryMessageNamesTheDebianPackage()
    {
        // The loader's own message when nothing loads, checked without needing the library to be absent.
        Assert.Equal("libsecp256k1-1", NativeMethods.DebianPackage);
        Assert.Contains("libsecp256k1.so.1", NativeMethods.LibraryNames);
    }

    [Fact]
    public void ForcedManagedNeverTouchesNative()
    {
        var (backend, message) = Secp256k1.Select("managed", () => throw new InvalidOperationException("must not be called"));
        Assert.IsType<ManagedSecp256k1>(backend);
        Assert.Contains("requested by", message);
        Assert.Equal("managed", Secp256k1.Select(" Managed ", Missing).Backend.Name);
    }

    [Fact]
    public void UnknownValueIsAClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Secp256k1.Select("openssl", Missing));
        Assert.Contains("'openssl'", e.Message);
        Assert.Contains("'native', 'managed'", e.Message);
        Assert.Throws<ArgumentException>(() => Secp256k1.Create("openssl"));
    }

    [NativeFact]
    public void AutomaticChoiceIsNativeWhenItLoads()
    {
        var (backend, message) = Secp256k1.Select(null, () => new NativeSecp256k1());
        Assert.Equal("native", backend.Name);
        Assert.Contains("libsecp256k1", message);
    }

    [Fact]
    public void GeneratedPrivateKeysAreValidAndDistinct()
    {
        var a = Secp256k1.GeneratePrivateKey();
        var b = Secp256k1.GeneratePrivateKey(RandomNumberGenerator.Create());
        Assert.True(new ManagedSecp256k1().IsValidPrivateKey(a));
        Assert.True(new ManagedSecp256k1().IsValidPrivateKey(b));
        Assert.NotEqual(Convert.ToHexString(a), Convert.ToHexString(b));
        Assert.Throws<ArgumentException>(() => Secp256k1.GeneratePrivateKey(new byte[31]));
    }

    [Fact]
    public void GenerationRedrawsOutOfRangeValues()
    {
        using var rng = new ScriptedRandom(new byte[32], Enumerable.Repeat((byte)0xff, 32).ToArray(), [.. new byte[31], 7]);
        var key = Secp256k1.GeneratePrivateKey(rng);
        Assert.Equal(7, key[31]);
        Assert.Equal(3, rng.Draws);
    }

    private sealed class ScriptedRandom(params byte[][] outputs) : RandomNumberGenerator
    {
        public int Draws { get; private set; }

        public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

        public override void GetBytes(Span<byte> data) => outputs[Draws++].CopyTo(data);
    }
}
