namespace Sanxiang.Web.Api;

public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapSanxiangApi(this IEndpointRouteBuilder app)
    {
        // Every API endpoint requires a signed-in account unless it says AllowAnonymous (public data only).
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        RegistryApi.Map(api);
        RegistryListsApi.Map(api);
        WorkdaysApi.Map(api);
        AccountsApi.Map(api);
        BlobsApi.Map(api);
        CasesApi.Map(api);
        ResponsibilityApi.Map(api);
        PublicationsApi.Map(api);
        OpenDataApi.Map(api);
        InspectionPlansApi.Map(api);
        InspectionTargetsApi.Map(api);
        SupervisionApi.Map(api);
        PatrolsApi.Map(api);
        EvaluationsApi.Map(api);
        ComplaintsApi.Map(api);
        SharingApi.Map(api);
        AnnualReportsApi.Map(api);
        Sanxiang.Web.Publication.DecisionFeed.Map(app);
        LedgerApi.Map(app, api);
        Sanxiang.Web.Documents.DocumentEndpoints.Map(app, api);
        return app;
    }
}
