using System.Net;
using System.Net.Sockets;

namespace IncidentBot.Tests.Http;

internal static class FreePort
{
    /// <summary>A port nothing listens on now, for a bot that must be told its Http:Urls before it starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
