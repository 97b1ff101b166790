using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_State_Id",
                table: "Deliveries");

            migrationBuilder.RenameColumn(
                name: "ReplyTo",
                table: "Deliveries",
                newName: "TargetMessageId");

            migrationBuilder.AlterColumn<long>(
                name: "IncidentId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ReportId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Since",
                table: "Deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_ReportId_Kind",
                table: "Deliveries",
                columns: new[] { "ReportId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_State_Priority_Id",
                table: "Deliveries",
                columns: new[] { "State", "Priority", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deliveries_ReportId_Kind",
                table: "Deliveries");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_State_Priority_Id",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "ReportId",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Since",
                table: "Deliveries");

            migrationBuilder.RenameColumn(
                name: "TargetMessageId",
                table: "Deliveries",
                newName: "ReplyTo");

            migrationBuilder.AlterColumn<long>(
                name: "IncidentId",
                table: "Deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_State_Id",
                table: "Deliveries",
                columns: new[] { "State", "Id" });
        }
    }
}
