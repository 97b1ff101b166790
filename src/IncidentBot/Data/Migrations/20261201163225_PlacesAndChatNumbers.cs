using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlacesAndChatNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IncludesAffected",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PlaceId",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ChatId_Number",
                table: "Subscriptions",
                columns: new[] { "ChatId", "Number" });

            // Each chat's subscriptions numbered from 1 in the order they were made.
            migrationBuilder.Sql("""
                UPDATE Subscriptions SET Number =
                    (SELECT COUNT(*) FROM Subscriptions AS o WHERE o.ChatId = Subscriptions.ChatId AND o.Id <= Subscriptions.Id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_ChatId_Number",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "IncludesAffected",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PlaceId",
                table: "Incidents");
        }
    }
}
