using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class GradesAndStanding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectedAs",
                table: "Reports",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Incidents",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Reported");

            migrationBuilder.AddColumn<string>(
                name: "GradeBasis",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradeOverride",
                table: "Incidents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "IncidentSources",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Outlet");

            migrationBuilder.AddColumn<long>(
                name: "ReportId",
                table: "IncidentSources",
                type: "INTEGER",
                nullable: true);

            // The sources a report brought: the contributor's own line (named by the bot "Contributor report #N") and the
            // link they sent with it. One person's reports are one account when grades are derived (at the next start).
            migrationBuilder.Sql("""
                UPDATE "IncidentSources" SET "Kind" = 'Contributor', "ReportId" = CAST(substr("Name", 21) AS INTEGER)
                WHERE "Name" LIKE 'Contributor report #%'
                  AND EXISTS (SELECT 1 FROM "Reports" AS r WHERE r."Id" = CAST(substr("IncidentSources"."Name", 21) AS INTEGER));
                UPDATE "IncidentSources" SET "ReportId" = (SELECT r."Id" FROM "Reports" AS r
                    WHERE r."IncidentId" = "IncidentSources"."IncidentId" AND r."Link" = "IncidentSources"."Url" ORDER BY r."Id" LIMIT 1)
                WHERE "ReportId" IS NULL AND "Url" IS NOT NULL;
                """);

            migrationBuilder.CreateTable(
                name: "Pauses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    By = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pauses", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ReporterPauses",
                columns: table => new
                {
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    PausedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LiftedBy = table.Column<long>(type: "INTEGER", nullable: true),
                    FlaggedWhenLifted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReporterPauses", x => x.UserId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Pauses");

            migrationBuilder.DropTable(
                name: "ReporterPauses");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "RejectedAs",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "GradeBasis",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "GradeOverride",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "IncidentSources");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "IncidentSources");
        }
    }
}
