using Civic.Api.Hosting;
using Orleans.Configuration;

// An API node: a client of the Orleans cluster, found through the membership table in PostgreSQL.
// appsettings.json is read from beside the binary, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var connectionString = builder.Configuration.GetConnectionString("Civic")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Civic (env ConnectionStrings__Civic).");
builder.UseOrleansClient(client =>
{
    client.UseCivicPostgresClustering(connectionString, builder.Configuration);
    if (TelemetryOptions.From(builder.Configuration).OtlpEndpoint is not null)
    {
        client.AddActivityPropagation(); // the request's trace continues into the grains
    }

    client.Configure<ClusterOptions>(options =>
    {
        options.ClusterId = builder.Configuration["Orleans:ClusterId"] ?? "civic";
        options.ServiceId = builder.Configuration["Orleans:ServiceId"] ?? "civic";
    });
});
builder.Services.AddCivicApi(builder.Configuration, builder.Environment, connectionString);

var app = builder.Build();
app.MapCivicApi();
app.Run();

/// <summary>Visible to the in-process test host.</summary>
public partial class Program;
