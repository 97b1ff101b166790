using System.Net;
using System.Text;
using IncidentBot.Tests.Fakes;
using IncidentBot.Tests.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Tests.Telegram;

/// <summary>Webhook mode: the fake Bot API POSTs updates to the real bot like Telegram does.</summary>
public sealed class WebhookTests
{
    const string Secret = "webhook_Secret-1234567890";
    const string HookPath = "/telegram/hook-7f3a";
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static Action<HostApplicationBuilder> Webhook(int port) => b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.org" + HookPath,
        ["Telegram:WebhookSecret"] = Secret,
        ["Http:Urls"] = $"http://127.0.0.1:{port}",
    });

    static Task<BotHarness> StartWebhookBot(int port) =>
        BotHarness.StartAsync(Webhook(port), existing: h => { h.Api.WebhookForwardTo = new Uri($"http://127.0.0.1:{port}/"); return Task.CompletedTask; });

    /// <summary>The log line comes after the last call to the fake, so no change there signals it: it is looked for.</summary>
    static Task Registered(BotHarness bot) =>
        Eventually.Holds(() => bot.Logs.Any(l => l.Contains("Receiving updates through the webhook", StringComparison.Ordinal)),
            FakeBotApi.DefaultTimeout, "the webhook was never registered");

    [Fact]
    public async Task Updates_posted_by_Telegram_are_answered_and_nothing_polls()
    {
        var port = FreePort.Next();
        await using var bot = await StartWebhookBot(port);

        var reply = await bot.Ask(Tg.Text("/help", from: Tg.Alice));
        Assert.Contains("/recent", reply.Text);
        var inline = Tg.Inline("kyiv", Tg.Alice);
        bot.Api.Enqueue(inline);
        Assert.NotEmpty((await bot.Api.WaitForInlineAnswer(inline.InlineQuery!.Id)).Results);

        var set = Assert.Single(bot.Api.Calls, c => c.Method == "setWebhook");
        Assert.Equal("https://bot.example.org" + HookPath, Params.String(set.Body, "url"));
        Assert.Equal(Secret, Params.String(set.Body, "secret_token"));
        Assert.Equal(40, Params.Long(set.Body, "max_connections"));
        Assert.Contains("callback_query", Params.Array(set.Body, "allowed_updates")!.Select(n => n!.ToString()));
        Assert.Contains("inline_query", Params.Array(set.Body, "allowed_updates")!.Select(n => n!.ToString()));
        Assert.DoesNotContain(bot.Api.Calls, c => c.Method == "getUpdates");
        Assert.All(bot.Api.WebhookPosts, p => Assert.Equal(200, p.Status));
        Assert.DoesNotContain(bot.Logs, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_with_the_same_settings_does_not_set_the_webhook_again()
    {
        var port = FreePort.Next();
        await using var bot = await StartWebhookBot(port);
        await Registered(bot);
        await bot.StopHostAsync();
        bot.Logs.Clear();
        await bot.StartHostAsync(Webhook(port));
        await Registered(bot);

        Assert.Single(bot.Api.Calls, c => c.Method == "setWebhook");
        Assert.Equal(2, bot.Api.Calls.Count(c => c.Method == "getWebhookInfo"));
    }

    [Fact]
    public async Task A_429_on_setWebhook_is_waited_out_before_it_is_set_again()
    {
        var port = FreePort.Next();
        await using var bot = await BotHarness.StartAsync(Webhook(port), existing: h =>
        {
            h.Api.WebhookForwardTo = new Uri($"http://127.0.0.1:{port}/");
            h.Api.FailNextWithFloodWait("setWebhook", retryAfterSeconds: 1);
            return Task.CompletedTask;
        });
        await Registered(bot);

        var sets = bot.Api.Calls.Where(c => c.Method == "setWebhook").ToList();
        Assert.Equal([429, null], sets.Select(c => c.ErrorCode));
        // retry_after is 1 s; a timer may fire a few milliseconds early, an unpaced retry would come within milliseconds.
        Assert.True(sets[1].At - sets[0].At >= TimeSpan.FromSeconds(0.95), $"set again {(sets[1].At - sets[0].At).TotalSeconds:0.000} s after, before retry_after");
    }

    [Fact]
    public void Console_mode_opens_no_port_even_with_Http_Urls_set()
    {
        using var host = IncidentBotSetup.CreateBuilder([], consoleMode: true, b => b.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Http:Urls"] = "http://127.0.0.1:1", ["Telegram:Mode"] = "Webhook" })).Build();
        Assert.Null(host.Services.GetService(typeof(IncidentBot.Http.Readiness)));
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "HttpServer");
    }

    [Fact]
    public async Task A_wrong_or_missing_secret_gets_401_nothing_is_stored_and_one_warning_is_logged()
    {
        var port = FreePort.Next();
        await using var bot = await StartWebhookBot(port);
        await Registered(bot);
        var url = $"http://127.0.0.1:{port}{HookPath}";
        const string update = """{"update_id":777001,"message":{"message_id":1,"date":1764600000,"chat":{"id":1001,"type":"private"},"from":{"id":1001,"is_bot":false,"first_name":"A"},"text":"/help"}}""";

        Assert.Equal(HttpStatusCode.Unauthorized, await Post(url, update, secret: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(url, update, secret: "wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(url, update, secret: Secret + "x"));

        await using (var db = bot.NewDb())
            Assert.False(await db.Inbox.AnyAsync(i => i.UpdateId == 777001));
        Assert.Single(bot.Logs, l => l.Contains("wrong or missing secret", StringComparison.Ordinal));
        Assert.Empty(bot.Api.Sent(1001));
    }

    [Fact]
    public async Task A_body_that_is_not_an_update_is_answered_200_and_not_stored()
    {
        var port = FreePort.Next();
        await using var bot = await StartWebhookBot(port);
        await Registered(bot);
        var url = $"http://127.0.0.1:{port}{HookPath}";

        Assert.Equal(HttpStatusCode.OK, await Post(url, """{"hello":1}""", Secret));
        Assert.Equal(HttpStatusCode.OK, await Post(url, "not json", Secret));

        await using var db = bot.NewDb();
        Assert.Equal(0, await db.Inbox.CountAsync());
        Assert.Equal(2, bot.Logs.Count(l => l.Contains("not an update", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Switching_back_to_polling_deletes_the_webhook_without_dropping_updates()
    {
        var port = FreePort.Next();
        await using var bot = await StartWebhookBot(port);
        await Registered(bot);
        await bot.StopHostAsync();

        bot.Api.Enqueue(Tg.Text("/help", from: Tg.Bob)); // sent while the bot is down: the webhook cannot deliver it
        await bot.Api.WaitUntil(a => a.WebhookPosts.Count > 0);
        await bot.StartHostAsync(); // polling, the default

        await bot.Api.WaitUntil(a => a.Sent(Tg.Bob.Id).Any());
        var delete = Assert.Single(bot.Api.Calls, c => c.Method == "deleteWebhook");
        Assert.False(Params.Bool(delete.Body, "drop_pending_updates"));
        Assert.Contains(bot.Api.Calls, c => c.Method == "getUpdates" && c.Succeeded);
    }

    [Theory]
    [InlineData("Telegram:WebhookUrl")]
    [InlineData("Telegram:WebhookSecret")]
    [InlineData("Http:Urls")]
    public void Webhook_mode_without_a_required_setting_stops_start_up_with_one_line_naming_it(string missing)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = BotHarness.Token, ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/hook", ["Telegram:WebhookSecret"] = Secret, ["Http:Urls"] = "http://0.0.0.0:8080",
        };
        settings.Remove(missing);
        var error = Assert.Throws<SettingsException>(() => IncidentBotSetup.CreateBuilder([], consoleMode: false, b =>
        {
            b.Configuration.Sources.Clear();
            b.Configuration.AddInMemoryCollection(settings);
        }));
        Assert.StartsWith(missing + " is required", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    static async Task<HttpStatusCode> Post(string url, string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }
}
