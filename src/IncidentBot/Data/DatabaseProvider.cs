namespace IncidentBot.Data;

/// <summary>Database:Provider: which engine ConnectionStrings:IncidentBot points at.</summary>
internal enum DatabaseProvider { Sqlite, Postgres }
