namespace Sanxiang.Core.Registry;

/// <summary>
/// Data that belongs to one agency. The data layer filters every query on it by the caller's agency
/// and refuses writes to another agency's rows: the rule lives there, not in each page.
/// </summary>
public interface IAgencyOwned
{
    Guid AgencyId { get; }
}
