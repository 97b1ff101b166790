using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using IncidentBot.Alerts;
using IncidentBot.Reports;
using IncidentBot.Telegram;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Tests.Telegram;

/// <summary>
/// Settings.All is the one list of keys: the start-up check walks it, and these tests hold it equal to
/// what the code binds, to appsettings.example.json and to the README, and try a bad value for every key.
/// </summary>
public sealed class SettingsTableTests
{
    const string ValidToken = "123456:valid-token";

    /// <summary>The options classes and the section each is bound from (IncidentBotSetup).</summary>
    static readonly (Type Options, string Section)[] Bound =
    [
        (typeof(TelegramOptions), TelegramOptions.Section), (typeof(AlertOptions), AlertOptions.Section),
        (typeof(ReportOptions), ReportOptions.Section), (typeof(ModerationOptions), ModerationOptions.Section),
        (typeof(IncidentBot.Http.HttpOptions), IncidentBot.Http.HttpOptions.Section),
    ];

    static string ExamplePath => Path.Combine(RepoPaths.Root, "appsettings.example.json");

    /// <summary>Every leaf of a JSON file as a configuration key; array items are Key:0, Key:1...</summary>
    static List<(string Key, string? Value)> Leaves(string path)
    {
        var leaves = new List<(string, string?)>();
        void Walk(JsonNode? node, string key)
        {
            switch (node)
            {
                case JsonObject o: foreach (var (name, child) in o) Walk(child, key.Length == 0 ? name : $"{key}:{name}"); break;
                case JsonArray a: for (var i = 0; i < a.Count; i++) Walk(a[i], $"{key}:{i}"); break;
                default: leaves.Add((key, node?.ToString())); break;
            }
        }
        Walk(JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }), "");
        return leaves;
    }

    /// <summary>The row a configuration key falls under: itself, or its parent for array items and log categories.</summary>
    static Setting RowOf(string key) =>
        Settings.All.SingleOrDefault(s => s.Key == key)
        ?? Settings.All.SingleOrDefault(s => s.Kind is SettingKind.UserIds or SettingKind.LogLevels && key.StartsWith(s.Key + ":", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"{key} is in appsettings.example.json but not in Settings.All");

    static string[] BadValues(Setting s) => s.Kind switch
    {
        SettingKind.Token => ["not-a-token-SECRETPART", "123:with spaces SECRETPART"],
        SettingKind.Url => ["ftp://example.org", "not a url"],
        SettingKind.Provider => ["MySql", "1", "Postgres,Sqlite"],
        SettingKind.Connection => ["Nonsense Key=1", "no-equals-sign-SECRETPART"],
        SettingKind.Count => ["abc", "1.5", Number(s.Min - 1), Number(s.Max + 1)],
        SettingKind.Rate => ["abc", "0", "-5", "NaN", Number(s.Max + 1)],
        SettingKind.Flag => ["yes", "1"],
        SettingKind.GroupId => ["moderators", "5", "0"],
        SettingKind.UserIds => ["@alice", "0", "-5"],
        SettingKind.LogLevels => ["Loud", "7"],
        SettingKind.Mode => ["Push", "1"],
        SettingKind.HttpsUrl => ["http://bot.example.org/hook", "not a url", "https://bot.example.org/hook?SECRETPART=1"],
        SettingKind.Secret => ["has space SECRETPART", "semi;colonSECRETPART", new string('a', 257)],
        SettingKind.ListenUrls => ["ftp://0.0.0.0:8080", "not a url", "http://0.0.0.0:8080/path"],
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    static string Number(double n) => n.ToString(CultureInfo.InvariantCulture);

    static SettingsException? Build(string key, string value)
    {
        try
        {
            IncidentBotSetup.CreateBuilder([], consoleMode: false, b =>
            {
                b.Configuration.Sources.Clear();
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = ValidToken, [key] = value });
            });
            return null;
        }
        catch (SettingsException e) { return e; }
    }

    [Fact]
    public void Every_key_of_the_example_refuses_a_bad_value_with_one_line_that_names_it_and_echoes_nothing()
    {
        var leaves = Leaves(ExamplePath);
        Assert.Contains(leaves, l => l.Key == "Moderation:ModeratorIds:0"); // arrays are walked too
        var tried = 0;
        foreach (var (key, _) in leaves)
            foreach (var bad in BadValues(RowOf(key)))
            {
                var error = Build(key, bad);
                var what = $"{key}={bad}";
                Assert.True(error is not null, $"{what} was accepted");
                Assert.Contains(key, error.Message);
                Assert.DoesNotContain('\n', error.Message);
                Assert.DoesNotMatch(@"\bat [\w.`]+\(|Exception", error.Message); // no stack trace, no exception text
                if (bad.Any(char.IsLetter) && bad.Length > 3)
                    Assert.False(error.Message.Contains(bad, StringComparison.Ordinal), $"{what}: the message echoes the value: {error.Message}");
                tried++;
            }
        Assert.True(tried > 50, $"only {tried} bad values tried");
    }

    [Theory]
    [InlineData("Host=db;Password=SECRETPART;Nonsense Key=1")]
    [InlineData("Data Source=incidentbot.db;Password=SECRETPART")]
    [InlineData("")]
    public void On_postgres_the_connection_string_must_be_a_postgresql_one_and_is_never_echoed(string connection)
    {
        SettingsException? Check(string value)
        {
            try
            {
                IncidentBotSetup.CreateBuilder([], consoleMode: false, b =>
                {
                    b.Configuration.Sources.Clear();
                    b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Telegram:BotToken"] = ValidToken, ["Database:Provider"] = "postgres", ["ConnectionStrings:IncidentBot"] = value,
                    });
                });
                return null;
            }
            catch (SettingsException e) { return e; }
        }

        var error = Check(connection);
        Assert.NotNull(error);
        Assert.StartsWith("ConnectionStrings:IncidentBot ", error.Message);
        Assert.DoesNotContain("SECRETPART", error.Message);
        Assert.Null(Check("Host=db;Database=incidentbot;Username=bot;Password=SECRETPART"));
    }

    [Fact]
    public void The_example_is_accepted_as_it_stands()
    {
        var builder = IncidentBotSetup.CreateBuilder([], consoleMode: false, b =>
        {
            b.Configuration.Sources.Clear();
            b.Configuration.AddJsonFile(ExamplePath);
        });
        Assert.NotNull(builder);
    }

    [Fact]
    public void Every_option_the_code_binds_is_a_row_of_the_table_with_the_same_default()
    {
        var bound = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(IncidentBot.Data.DatabaseProvider.Sqlite),
            ["ConnectionStrings:IncidentBot"] = StartupSettings.DefaultConnectionString,
        };
        foreach (var (type, section) in Bound)
        {
            var defaults = Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                bound[$"{section}:{p.Name}"] = Shown(p.GetValue(defaults));
        }
        foreach (var (key, value) in bound)
        {
            var row = Settings.All.SingleOrDefault(s => s.Key == key);
            Assert.True(row is not null, $"{key} is bound but not in Settings.All (nor checked, nor documented)");
            // Unset (null) has no value to compare: the table says in words what unset means.
            if (value is not null)
                Assert.True(row.Default.Trim('`').StartsWith(value, StringComparison.Ordinal), $"{key}: the table says {row.Default}, the code {value}");
        }
        var unbound = Settings.All.Select(s => s.Key).Except(bound.Keys).Except(["Logging:LogLevel"]);
        Assert.Empty(unbound);
    }

    static string? Shown(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        System.Collections.IList { Count: 0 } => "[]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    [Fact]
    public void The_example_documents_every_key_of_the_table_and_no_other()
    {
        var documented = Leaves(ExamplePath).Select(l => RowOf(l.Key).Key).Distinct().Order();
        Assert.Equal(Settings.All.Select(s => s.Key).Order(), documented);
    }

    [Fact]
    public void The_README_lists_every_key_once_as_the_table_says()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var rows = string.Join('\n', Settings.All.Select(s => $"| `{s.Key}` | {s.Default} | {Settings.Allowed(s)} | {s.Meaning} |"));
        Assert.True(section.Contains(rows, StringComparison.Ordinal), $"The README's Configuration table should read:\n{rows}");
        foreach (var s in Settings.All)
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(readme, $@"\| `{s.Key}` \|"));
    }

    [Fact]
    public void The_tracked_settings_files_hold_no_secret()
    {
        var files = new[] { ExamplePath, Path.Combine(RepoPaths.Root, "src", "IncidentBot", "appsettings.json") };
        var leaves = files.SelectMany(Leaves).ToList();
        Assert.DoesNotContain(leaves, l => l.Key.EndsWith("BotToken", StringComparison.Ordinal) && l.Value is { } token
            && !token.Contains("replace-with", StringComparison.Ordinal));
        Assert.DoesNotContain(leaves, l => l.Value?.Contains("Password", StringComparison.OrdinalIgnoreCase) == true);
    }
}
