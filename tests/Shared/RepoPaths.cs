namespace Devp2p.Tests.Shared;

/// <summary>
/// Finds the repository root (the folder holding Devp2p.Actors.sln) and the shared test
/// vectors beside it, so tests read the vector files rather than retyping their hex.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>The shared vectors folder: <c>../shared/vectors</c> from the repository root.</summary>
    public static string VectorsDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "vectors"));

    public static string Vector(string fileName)
    {
        var path = Path.Combine(VectorsDir, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"test vector file not found: {path} (expected ../shared/vectors beside the checkout)", path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Devp2p.Actors.sln")))
                return dir.FullName;
            dir = dir.Parent;
        }
        throw new InvalidOperationException("repository root (Devp2p.Actors.sln) not found above " + AppContext.BaseDirectory);
    }
}
