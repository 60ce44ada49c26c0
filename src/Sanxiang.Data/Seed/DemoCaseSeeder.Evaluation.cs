using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data.Supervision.Evaluation;

namespace Sanxiang.Data.Seed;

/// <summary>
/// The demo county's finished case-file evaluation (issue 9), run by the same service as real work: the judicial bureau
/// sets it up with the default form over the files closed this year, draws (commit, checkpoint, reveal), each evaluator
/// of another agency scores the files the draw gave them — answering every flag the pre-checks raised — and the bureau
/// finishes it. The seed is random, so the sample differs between machines; the marks follow from what each file shows.
/// </summary>
public sealed partial class DemoCaseSeeder
{
    private async Task<int> SeedEvaluationAsync(DateOnly today, CancellationToken ct)
    {
        if (await db.CaseFileEvaluations.AnyAsync(ct))
        {
            return 0;
        }

        var supervisor = await ActorAsync("sfj.supervisor", ct);
        if (supervisor is null)
        {
            return 0;
        }

        var evaluatorIds = await (from u in db.Users
                                  join ur in db.UserRoles on u.Id equals ur.UserId
                                  join r in db.Roles on ur.RoleId equals r.Id
                                  where r.Name == Roles.Reviewer && !u.Disabled
                                  select u.Id).Distinct().ToListAsync(ct);
        evaluatorIds.Insert(0, supervisor.AccountId);
        var to = today.AddDays(-2);
        var from = new DateOnly(to.Year, 1, 1);
        if (!await db.CaseSummaries.AnyAsync(s => s.ClosedOn >= from && s.ClosedOn <= to, ct))
        {
            return 0;
        }

        var evaluations = new CaseFileEvaluations(db, _at, options, keys);
        SetDay(today.AddDays(-1), 9);
        var evaluation = await evaluations.CreateAsync(new EvaluationInput($"{to.Year}年行政执法案卷评查（第一批）", from, to, 3, today.AddDays(10),
            ScoringForm.DefaultText, evaluatorIds), supervisor, ct);
        db.ChangeTracker.Clear();
        SetDay(today.AddDays(-1), 9);
        await evaluations.DrawAsync(evaluation.Id, supervisor, ct);
        db.ChangeTracker.Clear();

        var form = ScoringForm.Parse(ScoringForm.DefaultText).Form!;
        var files = await db.EvaluatedFiles.AsNoTracking().Where(f => f.EvaluationId == evaluation.Id).OrderBy(f => f.Order).ToListAsync(ct);
        var actors = new Dictionary<Guid, CaseActor?>();
        foreach (var file in files)
        {
            if (!actors.TryGetValue(file.EvaluatorId, out var actor))
            {
                var name = await db.Users.AsNoTracking().Where(u => u.Id == file.EvaluatorId).Select(u => u.UserName).SingleAsync(ct);
                actor = actors[file.EvaluatorId] = await ActorAsync(name!, ct);
            }

            SetDay(today.AddDays(-1), 14);
            await evaluations.ScoreAsync(file.Id, DemoMarks(form, file), actor!, ct);
            db.ChangeTracker.Clear();
        }

        SetDay(today, 9);
        await evaluations.FinishAsync(evaluation.Id, null, supervisor, ct);
        db.ChangeTracker.Clear();
        return 1;
    }

    /// <summary>
    /// An evaluator's marks as the file suggests: flagged vetoes answered (the summary procedure's single officer is
    /// lawful; a file without registered evidence fails), and the deductions an evaluator commonly makes, varied by order.
    /// </summary>
    private static FileMarks DemoMarks(ScoringForm form, EvaluatedFile file)
    {
        var flags = CaseFileEvaluations.Flags(file);
        var vetoes = new List<VetoMark>();
        foreach (var flag in flags.Where(f => f.Veto is not null).DistinctBy(f => f.Veto))
        {
            vetoes.Add(flag.Check switch
            {
                "officers" => new VetoMark(flag.Veto!, false, "适用简易程序当场作出警告或者小额罚款，依照《行政处罚法》第五十一条、第五十二条可以由执法人员当场作出，执法人员出示了执法证件。"),
                "evidence" when file.Order % 3 == 1 => new VetoMark(flag.Veto!, true, "案卷中没有现场检查笔录、询问笔录和照片等证据材料，认定违法事实的主要证据不足。"),
                "evidence" => new VetoMark(flag.Veto!, false, "现场检查笔录和询问笔录已记入案件事实，能够证明违法事实；照片等材料未作为证据文件登记，在“证据材料标注”项扣分。"),
                "review" => new VetoMark(flag.Veto!, true, "本案属于应当法制审核的情形，案卷中没有法制审核意见书，决定前未经法制审核。"),
                _ => new VetoMark(flag.Veto!, false, "经查阅案卷和执法人员名单，执法主体和执法人员资格符合规定，预检提示系数据登记不全所致。"),
            });
        }

        var pool = new (string Code, decimal Deduction, string Reason)[]
        {
            ("1", 1, "卷内备考表未填写立卷人和检查人。"),
            ("4", 1, "询问通知书文号与现场检查笔录所附文书编号不连续。"),
            ("6", 1, "现场照片未标注拍摄时间、地点和拍摄人。"),
            ("11", 2, "询问笔录未记载询问起止时间，个别页缺少当事人签名。"),
            ("15", 2, "处罚决定书对从轻情节的认定理由表述笼统，未说明适用裁量基准的具体档次。"),
            ("17", 1.5m, "行政处罚事先告知书送达后至作出决定前的期间计算未在案卷中体现。"),
            ("20", 1, "送达回证上的送达日期与送达地址记录不一致。"),
        };
        var items = new List<ItemMark>();
        for (var k = 0; k < 2 + file.Order % 3; k++)
        {
            var (code, deduction, reason) = pool[(file.Order * 3 + k * 2) % pool.Length];
            if (items.All(i => i.Code != code) && form.Items.Any(i => i.Code == code))
            {
                items.Add(new ItemMark(code, deduction, reason));
            }
        }

        if (file.Order % 4 == 0)
        {
            items.Add(new ItemMark("12", 4, "引用法律条款不完整，只写明法律名称而未写明具体条、款、项。"));
        }

        return new FileMarks(items, vetoes, vetoes.Any(v => v.Holds)
            ? "案卷存在否决情形，评为不合格，请承办机关对照问题整改并将整改情况报县司法局。"
            : "案卷总体规范，个别文书和证据标注存在瑕疵，请承办机关注意改进。");
    }
}
