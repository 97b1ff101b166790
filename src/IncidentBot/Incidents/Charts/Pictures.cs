using System.Collections.Concurrent;
using IncidentBot.Telegram;
using global::Telegram.Bot.Types;

namespace IncidentBot.Incidents.Charts;

/// <summary>
/// The pictures already made (/stats, /map), by the record's version and what was asked (kind, language, filters):
/// the PNG and its caption until it is uploaded, then Telegram's file_id, so the same picture is neither made nor
/// uploaded twice. A new version drops the old ones. Making one (reading the record, drawing) is CPU work on cores
/// every other chat's replies share, so only a few are made at once, off the callers' threads; the rest wait.
/// </summary>
internal sealed class Pictures
{
    public sealed record Version(int Published, DateTime LastUpdate);

    /// <summary>A picture and its caption; no picture when there is nothing to draw (the caption is the answer).</summary>
    public sealed record Picture(byte[]? Png, string Caption, string? FileId = null);

    // A bound on what is kept: filters make many keys possible, and a picture is a few hundred kilobytes.
    const int MaxKept = 100;

    readonly ConcurrentDictionary<(Version, string Key), Picture> _pictures = new();
    readonly SemaphoreSlim _making = new(Math.Max(1, Environment.ProcessorCount / 2));

    public Picture? Find(Version version, string key) => _pictures.GetValueOrDefault((version, key));

    public void Keep(Version version, string key, Picture picture)
    {
        foreach (var old in _pictures.Keys.Where(k => k.Item1 != version)) _pictures.TryRemove(old, out _);
        if (_pictures.Count >= MaxKept && !_pictures.ContainsKey((version, key))) _pictures.Clear();
        _pictures[(version, key)] = picture;
    }

    /// <summary>
    /// Answers with the picture for (version, key): by file_id when it was uploaded before, else the one made before,
    /// else made now by <paramref name="make"/>.
    /// </summary>
    public async Task Send(Replies replies, Message to, Version version, string key, Func<Task<Picture>> make, CancellationToken ct)
    {
        var picture = Find(version, key) ?? await Make(version, key, make, ct);
        if (picture.Png is null)
        {
            await replies.Reply(to, picture.Caption, ct: ct);
            return;
        }
        if (picture.FileId is { } fileId)
        {
            await replies.ReplyPhoto(to, InputFile.FromFileId(fileId), picture.Caption, ct);
            return;
        }
        using var png = new MemoryStream(picture.Png, writable: false);
        var sent = await replies.ReplyPhoto(to, InputFile.FromStream(png, key.Split(':')[0] + ".png"), picture.Caption, ct);
        if (sent.Photo is { Length: > 0 } sizes) Keep(version, key, picture with { FileId = sizes[^1].FileId });
    }

    async Task<Picture> Make(Version version, string key, Func<Task<Picture>> make, CancellationToken ct)
    {
        await _making.WaitAsync(ct);
        try
        {
            // Someone asking for the same picture may have made it while this request waited.
            if (Find(version, key) is { } made) return made;
            var picture = await Task.Run(make, ct);
            Keep(version, key, picture);
            return picture;
        }
        finally
        {
            _making.Release();
        }
    }
}
