using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class LogAsksCategoryTargetAffected : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AffectedAnswered",
                table: "Reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AffectedCountry",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Reports",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CategoryAnswered",
                table: "Reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Target",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TargetAnswered",
                table: "Reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AffectedAnswered",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "AffectedCountry",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "CategoryAnswered",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "TargetAnswered",
                table: "Reports");
        }
    }
}
