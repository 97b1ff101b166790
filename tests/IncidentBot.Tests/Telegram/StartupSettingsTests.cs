using System.Diagnostics;
using IncidentBot.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Tests.Telegram;

/// <summary>A bad setting stops start-up with one line naming the key, and never echoes a secret.</summary>
public sealed class StartupSettingsTests
{
    static Exception? Build(bool console, params (string Key, string? Value)[] settings)
    {
        try
        {
            IncidentBotSetup.CreateBuilder([], console, b =>
            {
                b.Configuration.Sources.Clear();
                b.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
            });
            return null;
        }
        catch (SettingsException e) { return e; }
    }

    [Fact]
    public void A_missing_token_names_the_key_and_where_to_get_one()
    {
        var error = Build(console: false);
        Assert.NotNull(error);
        Assert.Contains("Telegram:BotToken", error.Message);
        Assert.Contains("@BotFather", error.Message);
        Assert.Contains("Telegram__BotToken", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_malformed_token_is_refused_without_being_echoed()
    {
        var error = Build(false, ("Telegram:BotToken", "not-a-token-SECRETPART"));
        Assert.NotNull(error);
        Assert.Contains("Telegram:BotToken is malformed", error.Message);
        Assert.DoesNotContain("SECRETPART", error.Message);
    }

    [Theory]
    [InlineData("Moderation:ModeratorIds:0", "@alice", "Moderation:ModeratorIds:0")]
    [InlineData("Moderation:ModeratorIds", "12,abc", "Moderation:ModeratorIds")]
    [InlineData("Moderation:ChatId", "moderators", "Moderation:ChatId")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://example", "Telegram:ApiBaseUrl")]
    [InlineData("ConnectionStrings:IncidentBot", "Nonsense Key=1", "ConnectionStrings:IncidentBot")]
    public void Invalid_values_name_their_key(string key, string value, string named)
    {
        var error = Build(false, ("Telegram:BotToken", "123:abc"), (key, value));
        Assert.NotNull(error);
        Assert.StartsWith(named, error.Message);
    }

    [Fact]
    public void Console_mode_needs_no_token_and_moderator_ids_may_be_one_comma_separated_value()
    {
        var builder = IncidentBotSetup.CreateBuilder([], consoleMode: true, b =>
            b.Configuration.AddInMemoryCollection([KeyValuePair.Create("Moderation:ModeratorIds", (string?)"12, 5000000000")]));
        using var host = builder.Build();
        // ...and the terminal's own user (id 1) moderates, so one person can try both roles.
        Assert.Equal([12L, 5_000_000_000L, 1L], host.Services.GetRequiredService<IOptions<ModerationOptions>>().Value.ModeratorIds);
    }

    [Fact]
    public async Task The_program_prints_one_line_and_exits_non_zero_without_a_token()
    {
        var start = new ProcessStartInfo("dotnet", [RepoPaths.BotDll])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment.Remove("Telegram__BotToken");
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("Telegram:BotToken is not set", stderr);
    }

    [Fact]
    public async Task An_appsettings_json_in_the_working_directory_is_not_read()
    {
        var workDir = Directory.CreateTempSubdirectory("incidentbot-cwd-").FullName;
        try
        {
            // Read, this file would give a token and then stop on the poll timeout; unread, the token is missing.
            File.WriteAllText(Path.Combine(workDir, "appsettings.json"),
                """{ "Telegram": { "BotToken": "123456:from-the-working-directory", "PollTimeoutSeconds": "abc" } }""");
            var start = new ProcessStartInfo("dotnet", [RepoPaths.BotDll])
            {
                RedirectStandardError = true, RedirectStandardOutput = true,
                WorkingDirectory = workDir,
            };
            start.Environment.Remove("Telegram__BotToken");
            using var process = Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("Telegram:BotToken is not set", stderr);
        }
        finally { Directory.Delete(workDir, recursive: true); }
    }
}
