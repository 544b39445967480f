using System.Buffers.Text;
using System.Text;
using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Enode;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// <see cref="Enr.Parse"/> on text: mutated characters of valid "enr:" texts (padding, whitespace,
/// non-alphabet characters, truncation), and valid texts of mutated records.
/// </summary>
internal sealed class EnrTextTarget : FuzzTarget
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n\u00e9";

    public override string Name => "enr-text";

    public override string Description => "Enr.Parse: strict base64url text, then the record";

    public override int QuickCases => 1500;

    protected override long AllocationBase => 1024 * 1024;

    protected override long AllocationPerInputByte => 128;

    public override FuzzInput CreateInput(FuzzCaseRandom random)
    {
        int roll = random.Next(100);
        if (roll < 10)
            return new FuzzInput(CreateValid(random), MustDecode: true, "valid");
        if (roll < 50)
        {
            var record = Mutator.MutateRandomly(EnrRecords.Pick(random), random);
            return new FuzzInput(Encoding.UTF8.GetBytes("enr:" + Base64Url.EncodeToString(record)), MustDecode: false, "mutated record");
        }
        var text = new StringBuilder(Encoding.UTF8.GetString(CreateValid(random)));
        int edits = 1 + random.Next(3);
        for (int i = 0; i < edits && text.Length > 0; i++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 2: text.Remove(at, 1); break;
                default: text.Length = at; break;
            }
        }
        return new FuzzInput(Encoding.UTF8.GetBytes(text.ToString()), MustDecode: false, "mutated text");
    }

    public override byte[] CreateValid(FuzzCaseRandom random) =>
        Encoding.UTF8.GetBytes("enr:" + Base64Url.EncodeToString(EnrRecords.Pick(random)));

    public override bool Execute(byte[] input) => Enr.Parse(Encoding.UTF8.GetString(input)) is not null;

    public override bool IsTypedError(Exception exception) => exception is EnrFormatException;
}
