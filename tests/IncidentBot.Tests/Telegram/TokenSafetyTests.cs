using IncidentBot.Tests.Fakes;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Tests.Telegram;

/// <summary>The token is in every request URL; it must never reach a log line or an error text.</summary>
public sealed class TokenSafetyTests
{
    const string Secret = "TEST-token-never-log-me";

    [Fact]
    public async Task The_token_never_appears_in_logs_through_errors_of_every_kind()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Api.FailNext("getUpdates", 401, "Unauthorized");
        bot.Api.FailNext("sendMessage", 400, "Bad Request: chat not found");
        bot.Api.Enqueue(Tg.Text("/recent", from: Tg.Alice)); // answered with sendMessage (/stats now sends a photo)
        await bot.Api.WaitUntil(a => a.Calls.Any(c => c.Method == "sendMessage" && c.ErrorCode == 400));
        await bot.Ask(Tg.Text("/help", from: Tg.Alice));
        await bot.StopHostAsync();

        Assert.Contains(bot.Logs, l => l.Contains("Unauthorized"));
        Assert.Contains(bot.Logs, l => l.Contains("chat not found"));
        Assert.DoesNotContain(bot.Logs, l => l.Contains(Secret));
        Assert.DoesNotContain(bot.Logs, l => l.Contains("/bot123456:"));
    }

    [Fact]
    public async Task The_token_never_appears_when_the_server_cannot_be_reached()
    {
        await using var bot = await BotHarness.StartAsync(b => b.Configuration.AddInMemoryCollection(
            [KeyValuePair.Create("Telegram:ApiBaseUrl", (string?)"http://127.0.0.1:9")]));

        await WaitFor(() => bot.Logs.Any(l => l.Contains("Cannot reach the Bot API")));

        Assert.DoesNotContain(bot.Logs, l => l.Contains(Secret));
    }

    static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never came true");
            await Task.Delay(20);
        }
    }
}
