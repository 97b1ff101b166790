using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <summary>
    /// Incidents keep moderators' translations, and search finds them by those and by their place's names in every
    /// language (Incidents.SearchNames, kept by BotDb on save; an old install's rows get theirs at start-up). The FTS5
    /// index gains that column. Queried only by Incidents/IncidentSearch.cs.
    /// </summary>
    public partial class SearchInEveryLanguage : Migration
    {
        const string Values = """
            new.Id, new.Target, coalesce(new.Place, ''), coalesce(new.Region, ''), new.Country, coalesce(new.Weapon, ''),
            coalesce(new.Summary, '') || ' ' || coalesce(new.AffectedCountry, '') || ' ' || coalesce(new.Category, '') || ' ' ||
            coalesce(new.Damage, '') || ' ' || coalesce(new.Context, '') || ' ' || coalesce(new.AttributedTo, '') || ' ' ||
            coalesce(new.AttributionNote, '') || ' ' || coalesce(new.LocationNote, ''),
            coalesce(new.SearchNames, '')
            """;
        const string Columns = "rowid, Target, Place, Region, Country, Weapon, Body, Names";

        static void DropIndex(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IncidentsFtsDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS IncidentsFts;");
        }

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchNames",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            DropIndex(migrationBuilder);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE IncidentsFts USING fts5(Target, Place, Region, Country, Weapon, Body, Names, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql($"CREATE TRIGGER IncidentsFtsInsert AFTER INSERT ON Incidents BEGIN INSERT INTO IncidentsFts({Columns}) VALUES ({Values}); END;");
            migrationBuilder.Sql($"CREATE TRIGGER IncidentsFtsUpdate AFTER UPDATE ON Incidents BEGIN DELETE FROM IncidentsFts WHERE rowid = old.Id; INSERT INTO IncidentsFts({Columns}) VALUES ({Values}); END;");
            migrationBuilder.Sql("CREATE TRIGGER IncidentsFtsDelete AFTER DELETE ON Incidents BEGIN DELETE FROM IncidentsFts WHERE rowid = old.Id; END;");
            migrationBuilder.Sql($"INSERT INTO IncidentsFts({Columns}) SELECT {Values.Replace("new.", "")} FROM Incidents;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DropIndex(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "SearchNames",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Incidents");
        }
    }
}
