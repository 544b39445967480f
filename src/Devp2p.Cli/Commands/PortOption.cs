using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Devp2p.Cli.Commands;

/// <summary>
/// Port options (0-65535) parsed by hand, so "abc" and "70000" are both ordinary parse errors
/// naming the option — one line on stderr — rather than a conversion failure later.
/// </summary>
internal static class PortOption
{
    public static Option<int> Create(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(name, result) ?? defaultValue,
    };

    /// <summary>An optional port: null when not given.</summary>
    public static Option<int?> CreateOptional(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(name, result),
    };

    private static int? Parse(string name, ArgumentResult result)
    {
        if (result.Tokens.Count != 1)
        {
            result.AddError($"{name} needs one port number");
            return null;
        }
        var text = result.Tokens[0].Value;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            result.AddError($"{name}: \"{text}\" is not a port number 0-65535");
            return null;
        }
        return port;
    }
}
