using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <summary>
    /// Several instances on one database: the lease that makes one of them the active one (Instances/Lease.cs),
    /// and the term that claimed each outbox row, so a dead sender's rows are released by the next holder.
    /// </summary>
    public partial class Leases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "Deliveries");
        }
    }
}
