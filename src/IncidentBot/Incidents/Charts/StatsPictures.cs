using System.Collections.Concurrent;

namespace IncidentBot.Incidents.Charts;

/// <summary>
/// The /stats pictures already made, by the record's version and the language: the PNG until it is uploaded,
/// then Telegram's file_id, so the same picture is neither drawn nor uploaded twice. A new version drops the old ones.
/// </summary>
internal sealed class StatsPictures
{
    public sealed record Version(int Published, DateTime LastUpdate);

    public sealed record Picture(byte[] Png, string? FileId);

    readonly ConcurrentDictionary<(Version, string Language), Picture> _pictures = new();

    public Picture? Find(Version version, string language) => _pictures.GetValueOrDefault((version, language));

    public void Keep(Version version, string language, Picture picture)
    {
        foreach (var key in _pictures.Keys.Where(k => k.Item1 != version)) _pictures.TryRemove(key, out _);
        _pictures[(version, language)] = picture;
    }
}
