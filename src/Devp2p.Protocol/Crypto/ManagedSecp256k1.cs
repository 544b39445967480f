using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// secp256k1 in managed code on BouncyCastle's curve arithmetic (its GLV-optimised custom curve),
/// so a machine without libsecp256k1 still works. It follows libsecp256k1's algorithms step by
/// step so results are byte-identical: RFC 6979 nonces (HMAC-SHA256, hash reduced mod n),
/// recovery id from the parity of R.y plus 2 when R.x overflowed n, s normalised low with the
/// id's parity flipped, ECDH returning the shared point's x. It is slower, allocates, and its
/// scalar multiplication is not constant-time: prefer the native backend for long-lived keys.
/// </summary>
public sealed class ManagedSecp256k1 : ISecp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECCurve Curve = Parameters.Curve;
    private static readonly ECPoint G = Parameters.G;
    private static readonly BigInteger N = Parameters.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly BigInteger P = Curve.Field.Characteristic;
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    public string Name => "managed";

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) => Secp256k1Input.IsScalarInRange(privateKey);

    public void CreatePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        var format = Secp256k1Input.OutputFormat(publicKey.Length, nameof(publicKey));
        var d = PrivateScalar(privateKey);
        Write(BaseMultiplier.Multiply(G, d).Normalize(), publicKey, format);
    }

    public bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        try
        {
            Decode(publicKey);
            return true;
        }
        catch (CryptoException)
        {
            return false;
        }
    }

    public void ConvertPublicKey(ReadOnlySpan<byte> publicKey, Span<byte> output)
    {
        var format = Secp256k1Input.OutputFormat(output.Length, nameof(output));
        Write(Decode(publicKey), output, format);
    }

    public void Ecdh(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> sharedX)
    {
        Secp256k1Input.CheckSharedSecretOutput(sharedX);
        var d = PrivateScalar(privateKey);
        var shared = Decode(publicKey).Multiply(d).Normalize();
        if (shared.IsInfinity)
            throw new CryptoException("ECDH produced the point at infinity");
        shared.AffineXCoord.GetEncoded().CopyTo(sharedX);
    }

    public void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash, Span<byte> signature)
    {
        Secp256k1Input.CheckSignatureOutput(signature);
        var d = PrivateScalar(privateKey);
        Secp256k1Input.CheckHash(hash);
        var message = hash.ToArray();
        var e = new BigInteger(1, message).Mod(N);

        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(N, d, message);
        while (true)
        {
            var k = nonces.NextK();
            var point = BaseMultiplier.Multiply(G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            if (r.SignValue == 0)
                continue;
            var s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0)
                continue;

            int recoveryId = (point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                s = N.Subtract(s);
                recoveryId ^= 1;
            }
            BigIntegers.AsUnsignedByteArray(32, r).CopyTo(signature);
            BigIntegers.AsUnsignedByteArray(32, s).CopyTo(signature[32..]);
            signature[64] = (byte)recoveryId;
            return;
        }
    }

    public void RecoverPublicKey(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, Span<byte> publicKey)
    {
        var format = Secp256k1Input.OutputFormat(publicKey.Length, nameof(publicKey));
        Secp256k1Input.CheckRecoverableSignature(signature);
        Secp256k1Input.CheckHash(hash);
        var r = Unsigned(signature[..32]);
        var s = Unsigned(signature[32..64]);
        int recoveryId = signature[64];

        // R has x = r (+ n when the id says x overflowed n) and the y parity the id gives.
        var x = recoveryId >= 2 ? r.Add(N) : r;
        if (x.CompareTo(P) >= 0)
            throw Secp256k1Input.NotRecoverable();
        var encodedR = new byte[33];
        encodedR[0] = (byte)(0x02 | (recoveryId & 1));
        BigIntegers.AsUnsignedByteArray(32, x).CopyTo(encodedR, 1);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.DecodePoint(encodedR);
        }
        catch (ArgumentException)
        {
            throw Secp256k1Input.NotRecoverable();
        }

        // Q = r⁻¹ (s·R − e·G)
        var e = Unsigned(hash).Mod(N);
        var rInverse = r.ModInverse(N);
        var u1 = N.Subtract(e).Multiply(rInverse).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity)
            throw Secp256k1Input.NotRecoverable();
        Write(q, publicKey, format);
    }

    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> publicKey)
    {
        Secp256k1Input.CheckHash(hash);
        var q = Decode(publicKey);
        if (!Secp256k1Input.TryGetVerifiableRs(signature, out var rs))
            return false;
        var r = Unsigned(rs[..32]);
        var w = Unsigned(rs[32..]).ModInverse(N);
        var e = Unsigned(hash).Mod(N);
        var point = ECAlgorithms.SumOfTwoMultiplies(G, e.Multiply(w).Mod(N), q, r.Multiply(w).Mod(N)).Normalize();
        return !point.IsInfinity && point.AffineXCoord.ToBigInteger().Mod(N).Equals(r);
    }

    private static BigInteger Unsigned(ReadOnlySpan<byte> bytes) => new(1, bytes.ToArray());

    private static BigInteger PrivateScalar(ReadOnlySpan<byte> privateKey)
    {
        Secp256k1Input.CheckPrivateKey(privateKey);
        return Unsigned(privateKey);
    }

    private static ECPoint Decode(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> buffer = stackalloc byte[65];
        var sec1 = Secp256k1Input.ToSec1(publicKey, buffer);
        try
        {
            var point = Curve.DecodePoint(sec1.ToArray()).Normalize();
            if (point.IsInfinity || !point.IsValid())
                throw Secp256k1Input.NotOnCurve();
            return point;
        }
        catch (ArgumentException)
        {
            // BouncyCastle reports coordinates ≥ p, off-curve points and x with no square root this way.
            throw Secp256k1Input.NotOnCurve();
        }
    }

    private static void Write(ECPoint point, Span<byte> output, PublicKeyFormat format)
    {
        var x = point.AffineXCoord.GetEncoded();
        switch (format)
        {
            case PublicKeyFormat.Compressed:
                output[0] = (byte)(point.AffineYCoord.TestBitZero() ? 0x03 : 0x02);
                x.CopyTo(output[1..]);
                break;
            case PublicKeyFormat.Raw64:
                x.CopyTo(output);
                point.AffineYCoord.GetEncoded().CopyTo(output[32..]);
                break;
            default:
                output[0] = 0x04;
                x.CopyTo(output[1..]);
                point.AffineYCoord.GetEncoded().CopyTo(output[33..]);
                break;
        }
    }
}
