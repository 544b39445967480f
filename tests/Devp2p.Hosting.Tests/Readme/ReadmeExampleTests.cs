using Devp2p.Tests.Shared;

namespace Devp2p.Hosting.Tests.Readme;

/// <summary>The README's embedding example is the compiled <see cref="ReadmeExample"/>, line for line.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_is_the_compiled_one()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.RepoRoot, "README.md"));
        int open = Array.FindIndex(readme, l => l.TrimEnd() == "```csharp");
        Assert.True(open >= 0, "README.md has no ```csharp block");
        int close = Array.FindIndex(readme, open + 1, l => l.TrimEnd() == "```");
        var block = readme[(open + 1)..close];

        var source = File.ReadAllLines(Path.Combine(RepoPaths.RepoRoot, "tests", "Devp2p.Hosting.Tests", "Readme", "ReadmeExample.cs"));
        int begin = Array.FindIndex(source, l => l.Trim() == "// README begin");
        int end = Array.FindIndex(source, l => l.Trim() == "// README end");
        var compiledBody = source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim()).ToArray();
        var compiledUsings = source.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();

        var readmeUsings = block.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        var readmeBody = block[readmeUsings.Length..].SkipWhile(string.IsNullOrWhiteSpace).ToArray();
        Assert.Equal(compiledUsings, readmeUsings);
        Assert.Equal(compiledBody, readmeBody);
    }
}
