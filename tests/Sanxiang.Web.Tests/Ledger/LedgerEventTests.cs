using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Web.Tests.Ledger;

public sealed class LedgerEventTests
{
    [Theory]
    [InlineData(true, true, "Officer")]
    [InlineData(false, true, null)]
    [InlineData(true, false, null)]
    [InlineData(true, false, "角色\"\\\u0001")]
    public void The_written_payload_is_exactly_the_canonical_JSON_of_the_whole_event(bool withActor, bool withIds, string? role)
    {
        var at = new DateTimeOffset(2026, 11, 27, 6, 45, 12, 345, TimeSpan.Zero).AddTicks(6789);
        var facts = new JsonObject
        {
            ["sha256"] = "ab12",
            ["名称"] = "现场检查笔录",
            ["amount"] = 2000,
            ["items"] = new JsonArray(3, "二", null, new JsonObject { ["z"] = true, ["a"] = false }),
            ["quote\"d"] = "line\nbreak",
        };
        var e = new LedgerEvent("document-issued", withIds ? Guid.NewGuid() : null, withIds ? Guid.NewGuid() : null,
            withActor ? Guid.NewGuid() : null, role, facts);

        var whole = new JsonObject
        {
            ["v"] = 1,
            ["kind"] = e.Kind,
            ["case"] = e.CaseId?.ToString(),
            ["agency"] = e.AgencyId?.ToString(),
            ["actor"] = withActor ? new JsonObject { ["account"] = e.ActorId.ToString(), ["role"] = role } : null,
            ["at"] = "2026-11-27T06:45:12.3456789Z",
            ["facts"] = facts.DeepClone(),
        };

        Assert.Equal(CanonicalJson.Serialize(whole), e.CanonicalPayload(at));
        Assert.NotNull(JsonNode.Parse(e.CanonicalPayload(at)));
    }
}
