using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChatLanguages",
                columns: table => new
                {
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Chosen = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Seen = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatLanguages", x => x.ChatId);
                });

            // A subscribed chat's alerts stay in the language its subscriber had; that moves here. Only the
            // two-letter part is kept ("uk-UA" reads as "uk"); a language the bot does not speak reads as English.
            migrationBuilder.Sql("""
                INSERT INTO ChatLanguages (ChatId, Seen)
                SELECT ChatId, lower(substr(LanguageCode, 1, 2)) FROM AlertChats WHERE LanguageCode IS NOT NULL AND length(LanguageCode) >= 2
                """);

            migrationBuilder.DropColumn(
                name: "LanguageCode",
                table: "AlertChats");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatLanguages");

            migrationBuilder.AddColumn<string>(
                name: "LanguageCode",
                table: "AlertChats",
                type: "TEXT",
                nullable: true);
        }
    }
}
