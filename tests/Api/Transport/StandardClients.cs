using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Api.Transport;

/// <summary>
/// The npm clients (graphql-http, Apollo Client) and the graphql-http server audit run against
/// the transport, as real node processes over real HTTP.
/// </summary>
public sealed class StandardClients(InteropFixture fixture, ITestOutputHelper output) : IClassFixture<InteropFixture>
{
    private readonly InteropFixture _fixture = fixture;
    private readonly ITestOutputHelper _output = output;

    [Theory]
    [InlineData("graphql-http-client.mjs")]
    [InlineData("apollo-client.mjs")]
    public async Task Client_runs_a_query_and_a_mutation_with_variables(string script)
    {
        var run = await _fixture.RunNodeAsync(script, "--token", "t0ken", "--tenant", "lyon");
        _output.WriteLine(run.Describe());

        Assert.True(run.ExitCode == 0, run.Describe());
        using var output = JsonDocument.Parse(run.LastLine);
        var query = output.RootElement.GetProperty("query").GetProperty("data");
        Assert.Equal("Hello, interop!", query.GetProperty("hello").GetString());
        Assert.Equal("lyon", query.GetProperty("tenant").GetString());
        Assert.Equal("Bearer t0ken", query.GetProperty("authorization").GetString());
        var mutation = output.RootElement.GetProperty("mutation").GetProperty("data");
        Assert.Equal("bonjour", mutation.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Graphql_http_audit_finds_no_failure()
    {
        var run = await _fixture.RunNodeAsync("audit.mjs");
        _output.WriteLine(run.Describe());

        using var summary = JsonDocument.Parse(run.LastLine);
        Assert.True(summary.RootElement.GetProperty("error").GetInt32() == 0, "MUST audits failed:\n" + run.Describe());
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.True(summary.RootElement.GetProperty("total").GetInt32() > 50, run.Describe());
        Assert.True(summary.RootElement.GetProperty("failures").GetArrayLength() == 0,
            "SHOULD/MAY audits failed:\n" + run.Describe());
    }
}

public sealed record NodeRun(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault() ?? throw new InvalidOperationException("node printed nothing.\n" + Describe());

    public string Describe() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Starts a <see cref="TransportHost"/> and makes sure <c>tests/interop/node_modules</c> exists,
/// running <c>npm ci</c> once when it does not.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    public TransportHost Host { get; private set; } = null!;

    public string InteropDirectory { get; } = FindInteropDirectory();

    public async Task InitializeAsync()
    {
        await EnsurePackagesAsync(InteropDirectory);
        Host = await TransportHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> unless node_modules is current (npm's own node_modules/.package-lock.json newer than
    /// package.json and package-lock.json, the rule ./civic applies), so a package added to the lock file is installed.
    /// </summary>
    public static async Task EnsurePackagesAsync(string directory)
    {
        var installed = new FileInfo(Path.Combine(directory, "node_modules", ".package-lock.json"));
        if (installed.Exists
            && installed.LastWriteTimeUtc > File.GetLastWriteTimeUtc(Path.Combine(directory, "package-lock.json"))
            && installed.LastWriteTimeUtc > File.GetLastWriteTimeUtc(Path.Combine(directory, "package.json")))
        {
            return;
        }

        var npm = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, NpmTimeout);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException("npm ci failed in " + directory + "\n" + npm.Describe());
        }
    }

    /// <summary>Runs a script of tests/interop with node and the given arguments.</summary>
    public static Task<NodeRun> RunScriptAsync(string script, params string[] arguments) =>
        RunAsync("node", [script, .. arguments], FindInteropDirectory(), NodeTimeout);

    public Task<NodeRun> RunNodeAsync(string script, params string[] arguments) =>
        RunAsync("node", [script, Host.Endpoint.ToString(), .. arguments], InteropDirectory, NodeTimeout);

    /// <summary>Runs a program (node, npm) in a folder, killed with its children after the timeout.</summary>
    public static async Task<NodeRun> RunAsync(string fileName, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.\n"
                + $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new NodeRun(process.ExitCode, await stdout, await stderr);
    }

    public static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/interop/package.json not found above " + AppContext.BaseDirectory);
    }
}
