using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IncidentBot.Tests.Data;

/// <summary>
/// A real PostgreSQL for the tests: started once per test run in a temp directory on a free 127.0.0.1 port (as the
/// postgres user when the tests run as root: the server refuses root), a fresh database for each test, and stopped
/// and deleted when the test process exits, whatever the tests' outcome (<see cref="StopWhenTheTestsExit"/>).
/// </summary>
internal sealed class PostgresServer
{
    static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(Start));

    readonly string _dir;
    readonly string _admin;

    PostgresServer(string dir, int port)
    {
        _dir = dir;
        _admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to a new, empty database of the run's server.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var server = await Shared.Value;
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server._admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={server.Port};Username=postgres;Database={name}";
    }

    static PostgresServer Start()
    {
        var dir = Directory.CreateTempSubdirectory("incidentbot-pg-").FullName;
        var server = new PostgresServer(dir, FreePort());
        var data = Path.Combine(dir, "data");
        try
        {
            if (AsRoot) Run("chown", "postgres:postgres", dir);
            // A UTF-8 locale that is not plain C: the search folds Cyrillic case as a production server does.
            Run(Tool("initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            // A throwaway server: durability off keeps the tests fast; connections for a few bots per test in parallel.
            // No autovacuum: a run leaves a few hundred short-lived databases that never need it, and its workers would
            // cycle through them all.
            Run(Tool("pg_ctl"), "-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o",
                $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off",
                "start");
        }
        catch
        {
            server.Stop();
            throw;
        }
        server.StopWhenTheTestsExit();
        return server;
    }

    /// <summary>
    /// A watcher outside the test process stops the server and deletes its directory once that process has gone,
    /// however it goes: the test host is killed at the end of a run before exit handlers can finish, or it crashes.
    /// </summary>
    void StopWhenTheTestsExit()
    {
        var stop = $"{(AsRoot ? "runuser -u postgres -- " : "")}'{Tool("pg_ctl")}' -D '{Path.Combine(_dir, "data")}' -m immediate -w stop";
        var watch = $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 0.5; done; {stop}; rm -rf '{_dir}'";
        using var _ = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", watch]))!;
    }

    /// <summary>When the server did not start: whatever initdb and pg_ctl left.</summary>
    void Stop()
    {
        var data = Path.Combine(_dir, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
            try { Run(Tool("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"); } catch (InvalidOperationException) { }
        Directory.Delete(_dir, recursive: true);
    }

    static bool AsRoot => Environment.UserName == "root";

    /// <summary>initdb and pg_ctl from PATH, else from Debian's versioned directory.</summary>
    static string Tool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return onPath ?? debian ?? throw new InvalidOperationException($"{name} not found: install PostgreSQL (see .ci/run)");
    }

    static void Run(string file, params string[] args)
    {
        var start = AsRoot && file != "chown" ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{errors}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
