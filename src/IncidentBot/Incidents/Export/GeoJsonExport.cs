using System.Text.Json;

namespace IncidentBot.Incidents.Export;

/// <summary>
/// RFC 7946: a FeatureCollection of points, coordinates as [longitude, latitude]; an incident with no coordinates
/// (its own or its place's) has "geometry": null. Properties are the CSV's columns, numbers as numbers and unknown as null.
/// </summary>
internal static class GeoJsonExport
{
    public static byte[] Write(IEnumerable<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var row in rows) Feature(json, row);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static void Feature(Utf8JsonWriter json, object?[] row)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteNumber("id", (long)row[0]!);
        var (lat, lon) = (row[Array.IndexOf(OpenData.Columns, "latitude")], row[Array.IndexOf(OpenData.Columns, "longitude")]);
        if (lat is double latitude && lon is double longitude)
        {
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(longitude);
            json.WriteNumberValue(latitude);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNull("geometry");
        json.WriteStartObject("properties");
        for (var c = 0; c < OpenData.Columns.Length; c++) Property(json, OpenData.Columns[c], row[c]);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Property(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case bool b: json.WriteBoolean(name, b); break;
            case int n: json.WriteNumber(name, n); break;
            case long n: json.WriteNumber(name, n); break;
            case double d: json.WriteNumber(name, d); break;
            default: json.WriteString(name, CsvExport.Text(value)); break;
        }
    }
}
