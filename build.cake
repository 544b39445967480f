// Build script: `dotnet tool restore && dotnet cake [--target=Build|Test|Interop|Bench|Pack]`.
// The default target builds and tests. CI calls `dotnet test` directly (see .ci/run); this
// script is the developer's front door to the same steps.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var benchFilter = Argument("filter", "*");
const string Solution = "./Devp2p.Actors.sln";

Task("Build")
    .Does(() =>
{
    DotNetBuild(Solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(Solution, new DotNetTestSettings { Configuration = configuration, NoBuild = true });
});

// Interop tests talk to the real @ethereumjs/devp2p peer under tests/interop/.
// DEVP2P_INTEROP=required turns a missing node/npm into a failure instead of a skip.
Task("Interop")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(Solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Filter = "Category=Interop",
        EnvironmentVariables = { ["DEVP2P_INTEROP"] = "required" },
    });
});

// BenchmarkDotNet micro-benchmarks; pass --filter=*Keccak* to pick some.
Task("Bench")
    .Does(() =>
{
    DotNetRun("./tests/Devp2p.Benchmarks/Devp2p.Benchmarks.csproj", new ProcessArgumentBuilder().Append("--filter").AppendQuoted(benchFilter),
        new DotNetRunSettings { Configuration = "Release" });
});

Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    foreach (var project in GetFiles("./src/**/*.csproj"))
        DotNetPack(project.FullPath, new DotNetPackSettings { Configuration = configuration, NoBuild = true, OutputDirectory = "./artifacts" });
});

Task("Default")
    .IsDependentOn("Build")
    .IsDependentOn("Test");

RunTarget(target);
