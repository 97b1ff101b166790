using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoarsePublishedPins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CoordinateKm",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            // Until now only a reporter's pin was ever recorded Exact, and it was published as it came. Such points are
            // rounded to two decimals (a fixed grid of 0.01°, at most 0.8 km from the pin) and read "approximate, ±1 km";
            // the pin itself stays on the report, for moderators.
            migrationBuilder.Sql("""
                UPDATE Incidents SET Latitude = round(Latitude, 2), Longitude = round(Longitude, 2),
                    CoordinatePrecision = 'Approximate', CoordinateKm = 1
                WHERE CoordinatePrecision = 'Exact' AND Latitude IS NOT NULL AND Longitude IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CoordinateKm",
                table: "Incidents");
        }
    }
}
