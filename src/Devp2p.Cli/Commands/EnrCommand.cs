using System.CommandLine;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p enr</c>: inspect Ethereum Node Records. <c>decode</c> shows a record even when its
/// signature does not verify (it reports <c>signatureValid</c> instead), because looking at a
/// suspicious record is exactly when one needs the tool; a malformed record is an error.
/// </summary>
internal static class EnrCommand
{
    public static Command Create(CliOutput io)
    {
        var enr = new Command("enr", "Ethereum Node Records (EIP-778)");
        enr.Subcommands.Add(CreateDecode(io));
        return enr;
    }

    private static Command CreateDecode(CliOutput io)
    {
        var record = new Argument<string>("RECORD") { Description = "The record in text form, enr:<base64url>" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("decode", "Decode a node record, check its signature and show its fields");
        command.Arguments.Add(record);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var decoded = Enr.ParseUnverified(parse.GetValue(record)!.Trim());
            if (parse.GetValue(json))
                EnrReport.WriteJson(io.Out, decoded);
            else
                EnrReport.WriteText(io.Out, decoded);
            return 0;
        });
        return command;
    }
}
