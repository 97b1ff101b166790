using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

            // Reports filed and decided before these columns existed already had their cards and outcomes.
            migrationBuilder.Sql("UPDATE \"Reports\" SET \"CardsSentAt\" = \"SubmittedAt\" WHERE \"State\" <> 'Drafting';");
            migrationBuilder.Sql("UPDATE \"Reports\" SET \"OutcomeSentAt\" = \"DecidedAt\" WHERE \"State\" IN ('Approved', 'Merged', 'Rejected');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CardsSentAt",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "OutcomeSentAt",
                table: "Reports");
        }
    }
}
