using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertChats",
                columns: table => new
                {
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    LanguageCode = table.Column<string>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeactivatedReason = table.Column<string>(type: "TEXT", nullable: true),
                    QuietFrom = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietTo = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", nullable: true),
                    QuietMode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertChats", x => x.ChatId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_ChatId_State",
                table: "Deliveries",
                columns: new[] { "ChatId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertChats");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_ChatId_State",
                table: "Deliveries");
        }
    }
}
