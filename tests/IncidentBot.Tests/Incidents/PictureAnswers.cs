using System.Buffers.Binary;
using IncidentBot.Tests.Fakes;
using SkiaSharp;
using Telegram.Bot.Types;

namespace IncidentBot.Tests.Incidents;

/// <summary>What the chart's and the map's tests check of a picture the bot sent, and the font it is drawn with.</summary>
internal static class PictureAnswers
{
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Sends the command and checks the answer is an uploaded PNG of the given size (its header and decoded), keeping a
    /// copy under the temp folder as <paramref name="keepAs"/> to look at.
    /// </summary>
    public static async Task<(ApiCall Photo, byte[] Png)> Photo(BotHarness bot, Update command, int width, int height, string keepAs)
    {
        var photo = await bot.Ask(command);
        Assert.Equal("sendPhoto", photo.Method);
        Assert.True(photo.Succeeded, photo.ToString());
        var png = photo.Upload("photo") ?? throw new Xunit.Sdk.XunitException("no photo was uploaded: " + photo.Body.ToJsonString());
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        using (var decoded = SKBitmap.Decode(png)) Assert.Equal((width, height), (decoded.Width, decoded.Height));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), keepAs), png);
        return (photo, png);
    }

    /// <summary>The file_id Telegram gave the largest size of an uploaded photo.</summary>
    public static string FileIdOf(ApiCall photo) => photo.Result!["photo"]!.AsArray()[^1]!["file_id"]!.GetValue<string>();

    /// <summary>The font shipped inside the program, to check which letters it has.</summary>
    public static SKFont ShippedFont()
    {
        using var stream = typeof(IncidentBot.Incidents.Incident).Assembly.GetManifestResourceStream("IncidentBot.DejaVuSans.ttf")!;
        return new SKFont(SKTypeface.FromStream(stream));
    }
}
