using Sanxiang.Core;
using Sanxiang.Data.Access;
using Sanxiang.Data.Publication;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Publication;

/// <summary>
/// PUB-11: takes down, by rule, every publication whose public period has ended — at start-up and then every hour, so
/// an entry leaves the portal on the first day after its period. Each one is recorded in the log with a public stub
/// (<see cref="Publishing.ExpireAsync"/>). Runs as the platform (System scope), never as a person.
/// </summary>
public sealed class PublicationExpiryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PublicationExpiryService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round is logged and retried at the next; the service must not stop the host.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Publication expiry round failed; retrying in {Interval}", Interval);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>One round: every entry past its period, in batches; returns how many left the portal.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<HttpAccessScopeProvider>().Override = AccessScope.System;
            var count = await scope.ServiceProvider.GetRequiredService<Publishing>().ExpireAsync(ChinaTime.Today(clock), ct);
            total += count;
            if (count == 0)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("{Count} publications reached the end of their public period and left the portal", total);
        }

        return total;
    }
}
