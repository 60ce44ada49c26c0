using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// Signs a checkpoint soon after each batch of records (at most a few seconds later) and at least once a minute while
/// anything was appended, on every web node; a node that finds the tree already signed does nothing.
/// </summary>
public sealed class LedgerCheckpointService(IServiceScopeFactory scopes, LedgerKeys keys, TimeProvider clock, ILogger<LedgerCheckpointService> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _appended = new(0);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        SanxiangDbContext.LedgerAppended += Signal;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        SanxiangDbContext.LedgerAppended -= Signal;
        return base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _appended.Dispose();
        base.Dispose();
    }

    private void Signal()
    {
        if (_appended.CurrentCount == 0)
        {
            _appended.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SignAsync(stoppingToken);
                await _appended.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
                // Let a burst of appends finish before signing once for all of them.
                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Signing a ledger checkpoint failed");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    public async Task<LedgerCheckpoint?> SignAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpAccessScopeProvider>().Override = AccessScope.System;
        var db = scope.ServiceProvider.GetRequiredService<SanxiangDbContext>();
        var checkpoint = await LedgerCheckpointer.SignIfGrownAsync(db, keys, clock.GetUtcNow(), ct);
        if (checkpoint is not null)
        {
            logger.LogInformation("Ledger checkpoint {Id} signed at size {Size}", checkpoint.Id, checkpoint.Size);
        }

        return checkpoint;
    }
}
