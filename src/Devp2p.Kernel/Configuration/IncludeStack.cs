namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Follows <c>include</c> statements: paths relative to the including file, a missing file
/// is an error naming it, and a file that includes itself (directly or not) is reported
/// as an include cycle rather than recursing forever.
/// </summary>
internal sealed class IncludeStack
{
    /// <summary>Deepest chain of includes accepted.</summary>
    public const int MaxIncludeDepth = 32;

    private readonly List<string> _files = [];

    public IncludeStack(string? topFile = null)
    {
        if (topFile is not null)
            _files.Add(Path.GetFullPath(topFile));
    }

    public ObjectBuilder Parse(string name, string baseDir, string[] prefix, int depth, ConfigOrigin at)
    {
        var file = Path.GetFullPath(Path.Combine(baseDir, name));
        if (_files.Contains(file, StringComparer.Ordinal))
        {
            var chain = string.Join(" -> ", _files.SkipWhile(f => f != file).Append(file).Select(Path.GetFileName));
            throw new ConfigParseException($"include cycle: {chain}", at);
        }
        if (_files.Count >= MaxIncludeDepth)
            throw new ConfigParseException($"includes nested deeper than {MaxIncludeDepth} files", at);
        if (!File.Exists(file))
            throw new ConfigParseException($"include file \"{name}\" not found (looked for {file})", at);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigParseException($"cannot read include file \"{name}\" ({file}): {e.Message}", at, e);
        }
        _files.Add(file);
        try
        {
            return Parser.Parse(text, file, Path.GetDirectoryName(file) ?? baseDir, prefix, this, depth);
        }
        finally
        {
            _files.RemoveAt(_files.Count - 1);
        }
    }
}
