using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Api;

/// <summary>api/schema.graphql is the contract front-ends build against: it must match the running schema.</summary>
[Collection("api")]
public sealed class SchemaFile(ApiFixture api)
{
    [Fact]
    public void Committed_schema_matches_the_running_schema()
    {
        var schema = api.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var running = Normalise(schema.Print(new GraphQL.Utilities.PrintOptions { IncludeDescriptions = true }));
        var path = Path.Combine(Civic.Tests.Infrastructure.Repository.Root, "api", "schema.graphql");

        // CIVIC_UPDATE_SCHEMA=1 ./civic test --filter SchemaFile rewrites the file after an intended change.
        if (Environment.GetEnvironmentVariable("CIVIC_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, running);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run CIVIC_UPDATE_SCHEMA=1 ./civic test --filter SchemaFile");
        var committed = Normalise(File.ReadAllText(path));
        Assert.True(committed == running,
            "api/schema.graphql differs from the running schema; if the change is intended, run " +
            "CIVIC_UPDATE_SCHEMA=1 ./civic test --filter SchemaFile and commit the file.\n" + running);
    }

    private static string Normalise(string sdl) => sdl.Replace("\r\n", "\n").Trim() + "\n";

}
