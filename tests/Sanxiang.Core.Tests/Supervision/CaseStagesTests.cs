using Sanxiang.Core.Supervision;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Tests.Supervision;

/// <summary>The dashboard's stages cover every step of every procedure table, in the order a case passes them.</summary>
public sealed class CaseStagesTests
{
    [Fact]
    public void Every_step_of_every_procedure_has_a_stage()
    {
        var missing = Procedures.All.SelectMany(p => p.Steps.Where(s => CaseStages.Of(s.Code) is null).Select(s => $"{p.Name}：{s.Code}（{s.Name}）")).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_start_is_opening_the_final_step_archived_and_stages_never_go_back_along_the_main_line()
    {
        foreach (var procedure in Procedures.All)
        {
            Assert.Equal(CaseStages.Opening, CaseStages.Of(procedure.Start));
            Assert.All(procedure.Steps.Where(s => s.IsFinal), s => Assert.Equal(CaseStages.Archived, CaseStages.Of(s.Code)));
            foreach (var t in procedure.Transitions.Where(t => !t.IsConditional))
            {
                var (from, to) = (Index(t.From), Index(t.To));
                Assert.True(to >= from, $"{procedure.Name}：{t.From} → {t.To} 从“{CaseStages.Of(t.From)}”回到了“{CaseStages.Of(t.To)}”");
            }
        }

        static int Index(string code) => CaseStages.All.ToList().IndexOf(CaseStages.Of(code)!);
    }
}
