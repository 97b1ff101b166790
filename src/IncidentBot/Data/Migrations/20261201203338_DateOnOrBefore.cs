using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <summary>
    /// A date known only as an upper bound: Incidents.OnOrBefore (a report filed without a date happened on or before the
    /// day it was reported). Rows an older install recorded that way get it at start-up (DatabaseStartup.BoundUndated).
    /// </summary>
    public partial class DateOnOrBefore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OnOrBefore",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnOrBefore",
                table: "Incidents");
        }
    }
}
