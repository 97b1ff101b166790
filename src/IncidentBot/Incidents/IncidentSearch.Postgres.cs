using System.Text;
using IncidentBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentBot.Incidents;

/// <summary>
/// Search on PostgreSQL: a generated tsvector column over the fields FTS5 indexes on SQLite, with a GIN index. The
/// 'simple' configuration only lower-cases, so it treats Ukrainian, Azerbaijani, Russian and English alike (stemming is
/// ours, <see cref="Stem"/>); Latin diacritics are folded with translate(), as FTS5's remove_diacritics does, because
/// the unaccent dictionary is an extension. Weights stand in for bm25's: A target, B place/region/names, C country
/// and weapon, D the free text.
/// </summary>
internal static partial class IncidentSearch
{
    /// <summary>Latin letters whose diacritics are dropped (each decomposes to a base letter and marks).</summary>
    const string Accented = "àáâãäåāăąçćĉċčďèéêëēĕėęěĝğġģĥìíîïĩīĭįĵķĺļľñńņňòóôõöōŏőŕŗřśŝşšţťùúûüũūŭůűųŵýÿŷźżž";

    static string Folded(string text) => string.Concat(text.Select(c => Accented.Contains(c) ? c.ToString().Normalize(NormalizationForm.FormD)[0] : c));

    static string Field(string sql) => $"translate(lower({sql}), '{Accented}', '{Folded(Accented)}')";

    static string Weighted(char weight, params string[] columns) =>
        $"setweight(to_tsvector('simple'::regconfig, {Field(string.Join(" || ' ' || ", columns.Select(c => $"coalesce(\"{c}\", '')")))}), '{weight}')";

    /// <summary>Called by the PostgreSQL Initial migration (keep the call when that migration is regenerated).</summary>
    public static void CreatePostgresIndex(MigrationBuilder migration)
    {
        var vector = string.Join(" || ", [
            Weighted('A', "Target"),
            Weighted('B', "Place", "Region", "SearchNames"),
            Weighted('C', "Country", "Weapon"),
            Weighted('D', "Summary", "AffectedCountry", "Category", "Damage", "Context", "AttributedTo", "AttributionNote", "LocationNote")]);
        migration.Sql($"""ALTER TABLE "Incidents" ADD COLUMN "Search" tsvector GENERATED ALWAYS AS ({vector}) STORED;""");
        migration.Sql("""CREATE INDEX "IX_Incidents_Search" ON "Incidents" USING GIN ("Search");""");
    }

    /// <summary>
    /// The same query as <see cref="ToMatchQuery(string)"/>, as a tsquery: 'word':* for a prefix, a phrase as its words
    /// joined by &lt;-&gt; (each followed by the next), all OR-ed.
    /// </summary>
    public static string? ToTsQuery(string text) => ToTsQuery(Parse(text));

    static string? ToTsQuery(Query query) => !query.HasText ? null : string.Join(" | ", [
        .. query.Phrases.Select(p => "(" + string.Join(" <-> ", p.Select(w => $"'{Folded(w)}'")) + ")"),
        .. query.Terms.Select(t => $"'{Folded(t.Word)}'" + (t.Prefix ? ":*" : "")),
    ]);

    static async Task<List<long>> FindPostgres(BotDb db, Query search, int limit, CancellationToken ct)
    {
        if (ToTsQuery(search) is not { } query) return [];
        // As on SQLite: rank only the newest candidates, so a common prefix stays cheap on a large record.
        return await db.Database.SqlQuery<long>($"""
            SELECT "Id" AS "Value" FROM (
                SELECT i."Id", ts_rank(ARRAY[0.1, 0.4, 0.7, 1.0]::real[], i."Search", q) AS "Rank"
                FROM "Incidents" AS i, to_tsquery('simple'::regconfig, {query}) AS q
                WHERE i."Search" @@ q
                ORDER BY i."Id" DESC LIMIT {Candidates}) AS c
            ORDER BY "Rank" DESC, "Id" DESC
            LIMIT {limit}
            """).ToListAsync(ct);
    }
}
