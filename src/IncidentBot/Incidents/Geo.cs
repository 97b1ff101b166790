namespace IncidentBot.Incidents;

internal static class Geo
{
    const double EarthRadiusKm = 6371.0088;

    /// <summary>Kilometres in one degree of latitude (and of longitude at the equator).</summary>
    const double KmPerDegree = EarthRadiusKm * Math.PI / 180;

    /// <summary>Great-circle distance (haversine), accurate to well under 1% at the ranges used here.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// The nearest node of a fixed grid whose cells are <paramref name="km"/> on a side: rows every km of latitude,
    /// and along each row a node every km of longitude (measured at that row's latitude). Every point of a cell
    /// gives the same node, at most km/√2 away, so publishing a pin again and again reveals nothing finer than
    /// the grid (random jitter would average out over repeated publications).
    /// </summary>
    public static (double Latitude, double Longitude) Snap(double latitude, double longitude, double km)
    {
        var latStep = km / KmPerDegree;
        var lat = Math.Clamp(Math.Round(latitude / latStep) * latStep, -90, 90);
        var cos = Math.Cos(Radians(lat));
        // At a pole every longitude is the same point.
        var lon = cos < 1e-9 ? 0 : Math.Round(longitude / (latStep / cos)) * (latStep / cos);
        // The last cell before the antimeridian is narrower: its node is ±180 itself, so that snapping stays idempotent.
        lon = Math.Clamp(lon, -180, 180);
        // Six decimals (about 0.1 m) keep the stored value free of floating-point noise; the grid is far coarser.
        return (Math.Round(lat, 6), Math.Round(lon, 6));
    }

    static double Radians(double degrees) => degrees * Math.PI / 180;
}
