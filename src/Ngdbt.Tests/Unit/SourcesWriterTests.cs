using System.Text.Json;
using Ngdbt.Artifacts;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Unit;

public sealed class SourcesWriterTests
{
    [Fact]
    public void Sources_json_validates_against_dbts_schema_for_every_status()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ngdbt-tests", Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
            var criteria = new FreshnessCriteria(new FreshnessTime(12, FreshnessPeriod.Hour), new FreshnessTime(1, FreshnessPeriod.Day), "amount > 0");
            var path = SourcesWriter.Write(dir, [
                new SourceFreshnessResult("source.proj.raw.orders", FreshnessStatus.Pass, now.AddHours(-1), now, criteria, TimeSpan.FromMilliseconds(12)),
                new SourceFreshnessResult("source.proj.raw.refunds", FreshnessStatus.Warn, now.AddHours(-13), now, criteria with { ErrorAfter = null }, TimeSpan.FromMilliseconds(8)),
                new SourceFreshnessResult("source.proj.raw.payouts", FreshnessStatus.Error, now.AddDays(-2), now, criteria, TimeSpan.FromMilliseconds(5)),
                new SourceFreshnessResult("source.proj.raw.fees", FreshnessStatus.RuntimeError, null, now, criteria, TimeSpan.Zero, "relation \"raw\".\"fees\" does not exist"),
            ], TimeSpan.FromMilliseconds(40), "0.1.0", now);

            var errors = DbtSchemas.Errors(DbtSchemas.Sources, path);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(["pass", "warn", "error", "runtime error"], results.Select(r => r.GetProperty("status").GetString()));
            Assert.Equal(3600m, results[0].GetProperty("max_loaded_at_time_ago_in_s").GetDecimal());
            Assert.Equal("hour", results[0].GetProperty("criteria").GetProperty("warn_after").GetProperty("period").GetString());
            Assert.Equal(JsonValueKind.Null, results[1].GetProperty("criteria").GetProperty("error_after").ValueKind);
            Assert.Contains("does not exist", results[3].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(SourcesWriter.SchemaUrl, doc.RootElement.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
