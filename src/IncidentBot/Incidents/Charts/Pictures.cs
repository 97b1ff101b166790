using System.Collections.Concurrent;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types;

namespace IncidentBot.Incidents.Charts;

/// <summary>
/// The pictures already made (/stats, /map), by the record's version and what was asked (kind, language, filters):
/// the PNG until it is uploaded, then Telegram's file_id, so the same picture is neither drawn nor uploaded twice.
/// A new version drops the old ones. Drawing is CPU work on cores every other chat's replies share, so only a few
/// pictures are drawn at once, off the callers' threads; the rest wait their turn.
/// </summary>
internal sealed class Pictures
{
    public sealed record Version(int Published, DateTime LastUpdate);

    public sealed record Picture(byte[] Png, string? FileId);

    // A bound on what is kept: filters make many keys possible, and a picture is a few hundred kilobytes.
    const int MaxKept = 100;

    readonly ConcurrentDictionary<(Version, string Key), Picture> _pictures = new();
    readonly SemaphoreSlim _drawing = new(Math.Max(1, Environment.ProcessorCount / 2));

    public Picture? Find(Version version, string key) => _pictures.GetValueOrDefault((version, key));

    public void Keep(Version version, string key, Picture picture)
    {
        foreach (var old in _pictures.Keys.Where(k => k.Item1 != version)) _pictures.TryRemove(old, out _);
        if (_pictures.Count >= MaxKept && !_pictures.ContainsKey((version, key))) _pictures.Clear();
        _pictures[(version, key)] = picture;
    }

    /// <summary>
    /// Sends the picture for (version, key) as a photo with its caption: by file_id when it was uploaded before,
    /// else the PNG drawn before, else drawn now by <paramref name="draw"/>.
    /// </summary>
    public async Task Send(Replies replies, Message to, Version version, string key, Func<byte[]> draw, string caption, CancellationToken ct)
    {
        var picture = Find(version, key);
        if (picture?.FileId is { } fileId)
        {
            await replies.ReplyPhoto(to, InputFile.FromFileId(fileId), caption, ct);
            return;
        }
        picture ??= await Draw(version, key, draw, ct);
        using var png = new MemoryStream(picture.Png, writable: false);
        var sent = await replies.ReplyPhoto(to, InputFile.FromStream(png, key.Split(':')[0] + ".png"), caption, ct);
        if (sent.Photo is { Length: > 0 } sizes) Keep(version, key, picture with { FileId = sizes[^1].FileId });
    }

    async Task<Picture> Draw(Version version, string key, Func<byte[]> draw, CancellationToken ct)
    {
        await _drawing.WaitAsync(ct);
        try
        {
            // Someone asking for the same picture may have drawn it while this request waited.
            if (Find(version, key) is { } drawn) return drawn;
            var picture = new Picture(await Task.Run(draw, ct), null);
            Keep(version, key, picture);
            return picture;
        }
        finally
        {
            _drawing.Release();
        }
    }
}
