using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <summary>
    /// SQLite FTS5 index over the incidents, kept in step by triggers so every writer (seed,
    /// moderation, corrections) is searchable at once. Queried only by Incidents/IncidentSearch.cs.
    /// </summary>
    public partial class AddIncidentSearch : Migration
    {
        const string Values = """
            new.Id, new.Target, coalesce(new.Place, ''), coalesce(new.Region, ''), new.Country, coalesce(new.Weapon, ''),
            coalesce(new.AffectedCountry, '') || ' ' || coalesce(new.Category, '') || ' ' || coalesce(new.Damage, '') || ' ' ||
            coalesce(new.Context, '') || ' ' || coalesce(new.AttributedTo, '') || ' ' || coalesce(new.AttributionNote, '') || ' ' ||
            coalesce(new.LocationNote, '')
            """;
        const string Columns = "rowid, Target, Place, Region, Country, Weapon, Body";

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE IncidentsFts USING fts5(Target, Place, Region, Country, Weapon, Body, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql($"CREATE TRIGGER IncidentsFtsInsert AFTER INSERT ON Incidents BEGIN INSERT INTO IncidentsFts({Columns}) VALUES ({Values}); END;");
            migrationBuilder.Sql($"CREATE TRIGGER IncidentsFtsUpdate AFTER UPDATE ON Incidents BEGIN DELETE FROM IncidentsFts WHERE rowid = old.Id; INSERT INTO IncidentsFts({Columns}) VALUES ({Values}); END;");
            migrationBuilder.Sql("CREATE TRIGGER IncidentsFtsDelete AFTER DELETE ON Incidents BEGIN DELETE FROM IncidentsFts WHERE rowid = old.Id; END;");
            migrationBuilder.Sql($"INSERT INTO IncidentsFts({Columns}) SELECT {Values.Replace("new.", "")} FROM Incidents;");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS IncidentsFts;");
        }
    }
}
