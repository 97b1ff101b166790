using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportCardsSent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CardsSentAt",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            // Reports filed before this column existed already had their cards.
            migrationBuilder.Sql("UPDATE \"Reports\" SET \"CardsSentAt\" = \"SubmittedAt\" WHERE \"State\" <> 'Drafting';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CardsSentAt",
                table: "Reports");
        }
    }
}
