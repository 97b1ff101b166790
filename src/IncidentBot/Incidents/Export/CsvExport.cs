using System.Globalization;
using System.Text;

namespace IncidentBot.Incidents.Export;

/// <summary>RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF; UTF-8 without a BOM.</summary>
internal static class CsvExport
{
    public static byte[] Write(IEnumerable<object?[]> rows)
    {
        var csv = new StringBuilder();
        Line(csv, OpenData.Columns);
        foreach (var row in rows) Line(csv, row.Select(Text));
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quoted));
        csv.Append("\r\n");
    }

    static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    /// <summary>Unknown is an empty field (so 0 killed is "0" and unknown is ""); times are ISO 8601 UTC.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
