using IncidentBot.Telegram;
using IncidentBot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Telegram;

public sealed class PollingBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 60)]
    [InlineData(500, 60)]
    public void Backoff_doubles_up_to_a_minute(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), UpdateReceiver.Backoff(failures));

    [Fact]
    public async Task Polling_errors_back_off_on_the_clock_and_the_next_poll_delivers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(b => b.Services.AddSingleton<TimeProvider>(clock));
        bot.Api.FailNext("getUpdates", 502, "Bad Gateway", times: 3);
        bot.Api.Enqueue(Tg.Text("/help", from: Tg.Alice));

        // Three failures in a row wait 1 + 2 + 4 s of the fake clock: nothing is retried hot.
        await bot.Api.WaitUntil(a => Failures(a) == 1);
        Assert.Equal(1, Failures(bot.Api));
        var replied = bot.Api.WaitUntil(a => a.Sent(Tg.Alice.Id).Any(), TimeSpan.FromSeconds(20));
        while (!replied.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(replied, Task.Delay(20));
        }
        await replied;

        Assert.Equal(3, Failures(bot.Api));
        Assert.Contains(bot.Logs, l => l.Contains("getUpdates failed: 502 Bad Gateway"));
    }

    static int Failures(FakeBotApi api) => api.Calls.Count(c => c.Method == "getUpdates" && c.ErrorCode == 502);
}
