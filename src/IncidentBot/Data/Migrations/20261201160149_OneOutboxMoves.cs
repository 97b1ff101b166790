using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneOutboxMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // After OneOutbox, in a migration of its own: SQLite's table rebuilds run at the end of a
            // migration, and these rows need the rebuilt Deliveries (a nullable IncidentId).
            // Everything owed leaves from one outbox now. Earlier rows are alerts; the card copies already sent
            // become sent Card rows (so a decision can still edit them); what the old follow-up sender still owed
            // becomes rows too. A pending report whose cards had not gone out yet gets them for the moderators
            // added by /mod (the configured admins are not known to a migration).
            migrationBuilder.Sql("UPDATE Deliveries SET Priority = 1;");
            migrationBuilder.Sql("""
                INSERT INTO Deliveries (Kind, State, ChatId, Priority, NotBefore, Attempts, ReportId, MessageId, Silent, CreatedAt, SentAt)
                SELECT 'Card', 'Sent', c.ChatId, 0, strftime('%Y-%m-%d %H:%M:%f', 'now'), 0, c.ReportId, c.MessageId, 0,
                       strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')
                FROM ModeratorCards AS c;
                """);
            migrationBuilder.Sql("""
                INSERT INTO Deliveries (Kind, State, ChatId, Priority, NotBefore, Attempts, ReportId, TargetMessageId, Silent, CreatedAt)
                SELECT 'CardUpdate', 'Pending', c.ChatId, 0, strftime('%Y-%m-%d %H:%M:%f', 'now'), 0, c.ReportId, c.MessageId, 0, strftime('%Y-%m-%d %H:%M:%f', 'now')
                FROM ModeratorCards AS c JOIN Reports AS r ON r.Id = c.ReportId
                WHERE r.State IN ('Approved', 'Merged', 'Rejected') AND r.OutcomeSentAt IS NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO Deliveries (Kind, State, ChatId, Priority, NotBefore, Attempts, ReportId, Silent, CreatedAt)
                SELECT 'ReportOutcome', 'Pending', r.ChatId, 0, strftime('%Y-%m-%d %H:%M:%f', 'now'), 0, r.Id, 0, strftime('%Y-%m-%d %H:%M:%f', 'now')
                FROM Reports AS r
                WHERE r.State IN ('Approved', 'Merged', 'Rejected') AND r.OutcomeSentAt IS NULL AND r.DirectLog = 0;
                """);
            migrationBuilder.Sql("""
                INSERT INTO Deliveries (Kind, State, ChatId, Priority, NotBefore, Attempts, ReportId, Silent, CreatedAt)
                SELECT 'Card', 'Pending', m.UserId, 0, strftime('%Y-%m-%d %H:%M:%f', 'now'), 0, r.Id, 0, strftime('%Y-%m-%d %H:%M:%f', 'now')
                FROM Reports AS r CROSS JOIN Moderators AS m
                WHERE r.State = 'Pending' AND r.CardsSentAt IS NULL;
                """);

            migrationBuilder.DropTable(
                name: "ModeratorCards");

            migrationBuilder.DropColumn(
                name: "CardsSentAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "OutcomeSentAt",
                table: "Reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CardsSentAt",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutcomeSentAt",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModeratorCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModeratorCards", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModeratorCards_ReportId_ChatId_MessageId",
                table: "ModeratorCards",
                columns: new[] { "ReportId", "ChatId", "MessageId" },
                unique: true);
        }
    }
}
