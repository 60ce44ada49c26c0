using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Inspection;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Web.Areas.Portal.Pages.Inspections;

/// <summary>
/// 核验这次抽取: the platform re-runs the published draw from its export alone, with the published keys, and explains each
/// step in plain Chinese; the same steps anyone can run offline with <c>sanxiang draw verify</c>.
/// </summary>
public sealed class VerifyModel(SanxiangDbContext db, LedgerKeys keys) : PageModel
{
    public PublicPlan Plan { get; private set; } = null!;
    public DrawVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await InspectionPublic.PlanAsync(db, id, ct) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        var row = await InspectionPublic.Published(db).FirstAsync(p => p.Id == id, ct);
        if (await InspectionPlans.ExportAsync(db, row, ct) is { } export)
        {
            Verification = DrawExport.Verify(export.ToJsonString(), [keys.Ed25519, keys.Sm2]);
        }

        return Page();
    }

    /// <summary>What each step checks, in words a member of the public understands.</summary>
    public static string Explain(string step) => step switch
    {
        "读取导出文件" => "读取公开的抽取导出文件：计划、名单、承诺、检查点、种子和结果都在这一个文件里。",
        "核对名单摘要" => "重新计算冻结名单的指纹（SHA-256），看它是否与计划批准时公布的名单摘要相同。相同，说明抽取前后名单没有被增删或改动。",
        "核对种子与承诺值" => "对公开的种子做一次 SHA-256 运算，看结果是否等于抽取前公布的承诺值。相等，说明种子就是批准计划时定下的那一个，没有事后更换。",
        "核对记录日志中的承诺" => "承诺值和名单摘要在批准时已写入只能追加的记录日志；核对日志里的这条记录确实记载了它们。",
        "核对检查点签名" => "抽取时混入的公开值来自记录日志的签名检查点；核对检查点确实由平台公布的密钥签名。",
        "核对承诺先于检查点" => "用包含证明核对承诺记录在这个检查点之内：检查点产生在承诺公布之后，因此定种子的人当时无法预知这个公开值。",
        "重新计算抽取结果" => "按公布的规则，用种子、检查点根值和名单重新算一遍：抽中哪些对象、每户派哪些检查人员，应当与公布的结果一模一样。",
        _ => "",
    };
}
