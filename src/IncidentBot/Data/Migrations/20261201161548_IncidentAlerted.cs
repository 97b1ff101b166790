using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentAlerted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Alerted",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Incidents published before this were announced (or had nobody to announce to); the seed's never were.
            migrationBuilder.Sql("""
                UPDATE Incidents SET Alerted = 0
                WHERE NOT EXISTS (SELECT 1 FROM Deliveries AS d WHERE d.IncidentId = Incidents.Id)
                  AND NOT EXISTS (SELECT 1 FROM Reports AS r WHERE r.IncidentId = Incidents.Id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Alerted",
                table: "Incidents");
        }
    }
}
