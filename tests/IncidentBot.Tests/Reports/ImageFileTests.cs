using IncidentBot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using static IncidentBot.Tests.Reports.ModeratedBot;

namespace IncidentBot.Tests.Reports;

/// <summary>
/// An image sent as a file keeps its EXIF (the GPS position, the time, the phone): the bot keeps none of it and asks for
/// a photo, which Telegram re-encodes without that metadata.
/// </summary>
public sealed class ImageFileTests : IAsyncLifetime
{
    ModeratedBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync();
    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task An_image_sent_as_a_file_is_refused_with_the_reason_and_a_photo_is_taken()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Drone hit the fuel depot", alice, "Where?");
        await _bot.Expect("Odesa, Ukraine", alice, "When?");
        await _bot.Expect(_bot.Button("Today", alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "(0 so far)");

        var refused = await _bot.Expect(Tg.Document("file-IMG_2041", "IMG_2041.JPG", "image/jpeg", "the depot", alice), "I did not keep that file");
        Assert.Contains("GPS position", refused);
        Assert.Contains("send it as a photo", refused);
        // Asked again, nothing added.
        await _bot.Api.WaitUntil(a => a.Sent(alice.Id).Count(c => Shown(c).Contains("(0 so far)")) == 2);
        // A name is enough when the client sends no type.
        await _bot.Expect(Tg.Document("file-scene", "scene.heic", "application/octet-stream", from: alice), "I did not keep that file");
        await _bot.Expect(Tg.Photo("photo-ok", from: alice), "(1 so far)");

        await using var db = _bot.Db();
        var draft = await db.Reports.SingleAsync();
        Assert.Equal(["photo-ok"], draft.PhotoIds);
        Assert.Equal("Drone hit the fuel depot", draft.Text); // the caption was not taken for anything
        Assert.DoesNotContain("file-", System.Text.Json.JsonSerializer.Serialize(draft));
    }

    [Fact]
    public async Task A_caption_on_an_image_file_does_not_answer_the_question()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect(Tg.Document("file-1", "photo.png", "image/png", "Missile hit the embassy fence", alice), "I did not keep that file");
        await _bot.Api.WaitUntil(a => a.Sent(alice.Id).Count(c => Shown(c).Contains("What happened?")) == 2);
        await using var db = _bot.Db();
        Assert.Null((await db.Reports.SingleAsync()).Text);
    }

    [Fact]
    public async Task Other_files_are_not_taken_for_images()
    {
        var alice = Tg.Alice;
        await _bot.Expect("/report", alice, "What happened?");
        await _bot.Expect("Drone hit the fuel depot", alice, "Where?");
        await _bot.Expect("Odesa, Ukraine", alice, "When?");
        await _bot.Expect(_bot.Button("Today", alice), "A source link?");
        await _bot.Expect(_bot.Button("Skip", alice), "(0 so far)");
        await _bot.Expect(Tg.Document("file-pdf", "statement.pdf", "application/pdf", from: alice), "(0 so far)");
        Assert.DoesNotContain(_bot.Api.Sent(alice.Id), c => Shown(c).Contains("I did not keep that file"));
    }

    [Fact]
    public async Task An_image_file_outside_a_report_is_answered_with_the_reason_in_the_senders_language()
    {
        var reply = Shown(await _bot.Ask(Tg.Document("file-2", "IMG_0001.jpeg", null, from: Tg.Bob)));
        Assert.Contains("Надішліть його як фото", reply);
        Assert.Contains("GPS", reply);
    }
}
