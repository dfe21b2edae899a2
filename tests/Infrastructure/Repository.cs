namespace Civic.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding Civic.sln, found above the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Civic.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Civic.sln not found above " + AppContext.BaseDirectory);
    }
}
