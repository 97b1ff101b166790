namespace IncidentBot.Tests;

/// <summary>Where the repository and the bot's own build output are, seen from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// IncidentBot.dll from src/IncidentBot's own output (same configuration as the tests): the copy
    /// next to the tests resolves its dependencies through the test's ASP.NET framework and cannot run alone.
    /// </summary>
    public static string BotDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
            var dll = Path.Combine(Root, "src", "IncidentBot", "bin", configuration, "net10.0", "IncidentBot.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/IncidentBot first", dll);
        }
    }

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IncidentBot.sln not found above the test output");
    }
}
