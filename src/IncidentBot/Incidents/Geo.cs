namespace IncidentBot.Incidents;

internal static class Geo
{
    const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance (haversine), accurate to well under 1% at the ranges used here.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    static double Radians(double degrees) => degrees * Math.PI / 180;
}
