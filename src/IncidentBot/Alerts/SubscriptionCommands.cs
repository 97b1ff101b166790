using IncidentBot.Telegram.Sending;
using System.Globalization;
using IncidentBot.Data;
using IncidentBot.Incidents;
using IncidentBot.Incidents.Places;
using IncidentBot.Localization;
using IncidentBot.Telegram;
using Microsoft.EntityFrameworkCore;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace IncidentBot.Alerts;

/// <summary>/subscribe, /subscriptions, /unsubscribe, /quiet and their buttons, for private chats, groups and channels.</summary>
internal sealed class SubscriptionCommands(BotDb db, Replies replies, ChatAdmins admins, Gazetteer places, Languages languages, TimeProvider clock)
{
    public const string Narrow = "sc", Radius = "sr", Remove = "us";
    const int MaxPerChat = 50;

    async Task<bool> Allowed(Incoming m, CancellationToken ct)
    {
        if (await admins.MayManage(m.Message.Chat, m.From, m.Message.SenderChat, ct)) return true;
        await replies.Reply(m.Message, m.T["subscribe.admins_only"], ct: ct);
        return false;
    }

    public async Task Subscribe(Incoming m, CancellationToken ct)
    {
        if (!await Allowed(m, ct)) return;
        var s = new Subscription { ChatId = m.ChatId, CreatedBy = m.From?.Id ?? m.ChatId, CreatedAt = Now };
        if (SubscriptionFilters.Parse(m.Args, s, places, m.T.Language) is { } error)
        {
            await replies.Reply(m.Message, m.T.Format(error.Key, error.Args) + "\n\n" + m.T["subscribe.usage"], ct: ct);
            return;
        }
        var (saved, note) = await Save(s, m.Message.Chat, m.T, ct);
        var buttons = m.Args.Length == 0 && note is null ? CategoryButtons(saved.Id, m.T) : null;
        await replies.Reply(m.Message, note is not null ? m.T[note] : m.T.Format(m.Args.Length == 0 ? "subscribe.done_all" : "subscribe.done",
            new Html(SubscriptionFilters.Describe(saved, m.T))), buttons, ct);
    }

    /// <summary>Stores a subscription unless the chat already has the same one; returns the one in force.</summary>
    async Task<(Subscription Saved, string? Note)> Save(Subscription s, Chat where, Texts t, CancellationToken ct)
    {
        await languages.Subscribed(where, t, ct);
        var chat = await db.AlertChats.FindAsync([s.ChatId], ct);
        if (chat is null) db.AlertChats.Add(new AlertChat { ChatId = s.ChatId });
        else if (!chat.Active) (chat.Active, chat.DeactivatedReason) = (true, null);
        var existing = await db.Subscriptions.Where(x => x.ChatId == s.ChatId && x.Active).ToListAsync(ct);
        if (existing.FirstOrDefault(x => Same(x, s)) is { } same) { await db.SaveChangesAsync(ct); return (same, null); }
        if (existing.Count >= MaxPerChat) return (s, "subscribe.too_many");
        // The chat's own numbering: its first is 1, and a number is never given again to another.
        s.Number = 1 + (await db.Subscriptions.Where(x => x.ChatId == s.ChatId).MaxAsync(x => (int?)x.Number, ct) ?? 0);
        db.Subscriptions.Add(s);
        await db.SaveChangesAsync(ct);
        return (s, null);
    }

    static bool Same(Subscription a, Subscription b) =>
        a.AreaKey == b.AreaKey && a.Category == b.Category && a.AffectedKey == b.AffectedKey &&
        a.Latitude == b.Latitude && a.Longitude == b.Longitude && a.RadiusKm == b.RadiusKm && a.Grade == b.Grade;

    /// <summary>A location pin outside a report: offer alerts within a radius of it.</summary>
    public Task OfferRadius(Message message, Texts t, CancellationToken ct)
    {
        var (lat, lon) = ((long)Math.Round(message.Location!.Latitude * 10_000), (long)Math.Round(message.Location.Longitude * 10_000));
        var buttons = SubscriptionFilters.Radii.Select(km =>
            InlineKeyboardButton.WithCallbackData(t.Format("subscribe.radius_button", km), CallbackData.Format(Radius, lat, lon, (long)km)));
        return replies.Reply(message, t["subscribe.radius_offer"], new InlineKeyboardMarkup(buttons), ct);
    }

    public async Task List(Incoming m, CancellationToken ct)
    {
        var (text, buttons) = await ListContent(m.ChatId, m.T, ct);
        await replies.Reply(m.Message, text, buttons, ct);
    }

    /// <summary>/unsubscribe N or all; with no argument it only shows the list, removing nothing.</summary>
    public async Task Unsubscribe(Incoming m, CancellationToken ct)
    {
        if (m.Args.Length == 0) { await List(m, ct); return; }
        if (!await Allowed(m, ct)) return;
        var mine = db.Subscriptions.Where(s => s.ChatId == m.ChatId && s.Active);
        int removed;
        if (m.Args.Equals("all", StringComparison.OrdinalIgnoreCase))
            removed = await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, false), ct);
        else if (int.TryParse(m.Args.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            removed = await mine.Where(s => s.Number == number).ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, false), ct);
        else { await replies.Reply(m.Message, m.T["unsubscribe.usage"], ct: ct); return; }
        await replies.Reply(m.Message, removed == 0 ? m.T["unsubscribe.none"] : m.T.Plural("unsubscribe.done", removed, removed), ct: ct);
    }

    public async Task OnButton(CallbackQuery query, Texts t, CallbackData data, CancellationToken ct)
    {
        if (query.Message is not { } message || !await admins.MayManage(message.Chat, query.From, null, ct))
        {
            await replies.Answer(query, t["subscribe.admins_only"], ct);
            return;
        }
        switch (data)
        {
            case { Prefix: Remove, Ids: [var id] }:
                var removed = await db.Subscriptions.Where(s => s.Id == id && s.ChatId == message.Chat.Id && s.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, false), ct);
                await replies.Answer(query, removed == 0 ? t["unsubscribe.none"] : HtmlText.ToPlain(t.Plural("unsubscribe.done", removed, removed)), ct);
                var (text, buttons) = await ListContent(message.Chat.Id, t, ct);
                await replies.Edit(message.Chat.Id, message.Id, text, buttons, ct);
                break;
            case { Prefix: Narrow, Ids: [var id, var category] } when Enum.IsDefined((TargetCategory)category):
                var sub = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id && s.ChatId == message.Chat.Id && s.Active, ct);
                if (sub is null) { await replies.Answer(query, t["button.expired"], ct); return; }
                sub.Category = (TargetCategory)category;
                // Narrowed into one the chat already has: keep that one, as /subscribe would.
                var others = await db.Subscriptions.Where(s => s.ChatId == sub.ChatId && s.Active && s.Id != sub.Id).ToListAsync(ct);
                if (others.Any(o => Same(o, sub))) sub.Active = false;
                await db.SaveChangesAsync(ct);
                await replies.Answer(query, null, ct);
                await replies.Edit(message.Chat.Id, message.Id, t.Format("subscribe.done", new Html(SubscriptionFilters.Describe(sub, t))), null, ct);
                break;
            case { Prefix: Radius, Ids: [var lat, var lon, var km] } when Math.Abs(lat) <= 900_000 && Math.Abs(lon) <= 1_800_000 && SubscriptionFilters.Radii.Contains(km):
                var near = new Subscription
                {
                    ChatId = message.Chat.Id, CreatedBy = query.From.Id, CreatedAt = Now,
                    Latitude = lat / 10_000.0, Longitude = lon / 10_000.0, RadiusKm = km,
                };
                var (saved, note) = await Save(near, message.Chat, t, ct);
                await replies.Answer(query, null, ct);
                await replies.Edit(message.Chat.Id, message.Id, note is not null ? t[note] : t.Format("subscribe.done", new Html(SubscriptionFilters.Describe(saved, t))), null, ct);
                break;
            default:
                await replies.Answer(query, t["button.expired"], ct);
                break;
        }
    }

    /// <summary>The bot was removed from a group or channel, or blocked in private: stop its alerts.</summary>
    public async Task OnMembership(ChatMemberUpdated change, CancellationToken ct)
    {
        if (change.NewChatMember.Status is ChatMemberStatus.Left or ChatMemberStatus.Kicked)
            await DeliveryStore.Deactivate(db, change.Chat.Id, $"bot {change.NewChatMember.Status.ToString().ToLowerInvariant()}", ct);
    }

    /// <summary>A group upgraded to a supergroup announces its new id; subscriptions follow it.</summary>
    public Task OnMigration(Message message, CancellationToken ct) =>
        DeliveryStore.Migrate(db, message.Chat.Id, message.MigrateToChatId!.Value, ct);

    async Task<(string, InlineKeyboardMarkup?)> ListContent(long chatId, Texts t, CancellationToken ct)
    {
        var subs = await db.Subscriptions.Where(s => s.ChatId == chatId && s.Active).OrderBy(s => s.Id).ToListAsync(ct);
        if (subs.Count == 0) return (t["subscriptions.none"], null);
        var lines = subs.Select(s => t.Format("subscriptions.line", s.Number, new Html(SubscriptionFilters.Describe(s, t))) + NeverMatches(s, t));
        var buttons = subs.Take(20).Select(s => new[] { InlineKeyboardButton.WithCallbackData(t.Format("subscriptions.remove", s.Number), CallbackData.Format(Remove, s.Id)) });
        return (HtmlText.JoinWithin([t["subscriptions.header"], .. lines]), new InlineKeyboardMarkup(buttons));
    }

    /// <summary>
    /// A subscription made before places were understood whose name is no place at all ("embassy") can never
    /// match: said so, with the fix.
    /// </summary>
    string NeverMatches(Subscription s, Texts t)
    {
        if (s.AreaKey is null || s.Area is null || places.Find(s.AreaKey) is not null || places.Resolve(s.Area).Place is not null) return "";
        var fix = Categories.Parse(s.Area) is { } category ? t[$"category.{category}"]
            : places.Resolve(s.Area).Places.FirstOrDefault() is { } place ? t.Name(place) : null;
        return "\n" + (fix is null ? t.Format("subscriptions.never", s.Area, s.Number) : t.Format("subscriptions.never_fix", s.Area, s.Number, fix));
    }

    static InlineKeyboardMarkup CategoryButtons(long subscriptionId, Texts t) => new(
        Enum.GetValues<TargetCategory>().Chunk(3).Select(row => row.Select(c =>
            InlineKeyboardButton.WithCallbackData(t[$"category.{c}"], CallbackData.Format(Narrow, subscriptionId, (long)c)))));

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}
