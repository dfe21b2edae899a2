using System.Diagnostics;
using System.Net;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// importPabulib by URL reads regular files of the import folder and nothing else (issue 8, finding 4):
/// every other name, however it gets out (absolute, "..", file://, links, a linked folder, FIFOs,
/// devices, /proc), gets the very answer a missing file gets, and nothing is imported.
/// </summary>
[Collection("api")]
public sealed class ImportHostile(ApiFixture api) : IDisposable
{
    private const string Import = "mutation($input: ImportPabulibInput!) { importPabulib(input: $input) { id ballots } }";

    /// <summary>A folder beside the import folder holding what an attacker wants: the signing key file.</summary>
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "civic-outside-" + Guid.NewGuid().ToString("N")[..8]);

    private readonly string _case = "case-" + Guid.NewGuid().ToString("N")[..8];

    private string SecretFile => Path.Combine(_outside, "jwt-signing-key");

    private string Inside(string name) => Path.Combine(api.ImportDirectory, _case + "-" + name);

    public void Dispose()
    {
        foreach (var planted in new DirectoryInfo(api.ImportDirectory).EnumerateFileSystemInfos(_case + "-*"))
        {
            planted.Delete();
        }

        if (Directory.Exists(_outside))
        {
            Directory.Delete(_outside, recursive: true);
        }
    }

    /// <summary>What each hostile case names; "{outside}" is the folder beside the import folder, "{case}" this case's prefix.</summary>
    public static TheoryData<string> HostileNames() =>
    [
        "/etc/passwd",
        "file:///etc/passwd",
        "/etc/shadow",
        "/proc/self/environ",
        "file:///proc/self/environ",
        "/proc/self/cmdline",
        "/proc/self/maps",
        "/sys/kernel/mm/transparent_hugepage/enabled",
        "/dev/zero",
        "/dev/urandom",
        "/dev/null",
        "{outside}/jwt-signing-key",
        "file://{outside}/jwt-signing-key",
        "../{outsideName}/jwt-signing-key",
        "../../../../../../../../etc/passwd",
        "./../../etc/passwd",
        "France_Toulouse_2019.pb/../../../etc/passwd",
        "..",
        "/",
        ".",
        "",
        "file://localhost/etc/passwd",
        "file://evil.example/share/x.pb",
        "http://127.0.0.1:5080/exports/transparency.json",
        "https://example.com/x.pb",
        "ftp://example.com/x.pb",
        "no-such-file.pb",
        "{case}-missing.pb",
        "{case}-link-out",
        "{case}-link-proc",
        "{case}-link-chain",
        "{case}-link-dir/jwt-signing-key",
        "{case}-link-loop",
        "{case}-fifo",
        "{case}-dir",
        "{case}-empty.pb",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_name_outside_or_not_a_regular_file_gets_the_missing_file_answer(string template)
    {
        var tenant = await api.NewTenantAsync();
        await PlantAsync();
        var name = template.Replace("{outsideName}", Path.GetFileName(_outside)).Replace("{outside}", _outside).Replace("{case}", _case);
        using var admin = api.Admin(tenant);
        var missing = await admin.SendAsync(Import, new { input = new { url = _case + "-never-there.pb" } });
        Assert.Equal("NOT_FOUND", missing.FirstCode);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        // A FIFO must not hold the request until a writer comes: the answer comes within the deadline.
        var send = admin.SendAsync(Import, new { input = new { url = name } });
        var answered = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(answered == send, $"no answer for '{name}' within 20 s");
        var result = await send;

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("NOT_FOUND", result.FirstCode);
        Assert.Equal(Message(missing), Message(result));
        Assert.DoesNotContain("root:", result.Body);
        Assert.DoesNotContain(ApiFixture.SigningKey, result.Body);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), $"importing '{name}' was refused");
        Assert.Equal(0, (await admin.OkAsync("{ votes { totalCount } }"))["votes"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_read_and_nothing_is_imported()
    {
        var tenant = await api.NewTenantAsync();
        var big = Inside("big.pb");
        var sample = await File.ReadAllBytesAsync(Path.Combine(api.ImportDirectory, "France_Toulouse_2019.pb"));
        await using (var file = File.Create(big))
        {
            while (file.Length <= ApiFixture.MaxImportBytes)
            {
                await file.WriteAsync(sample);
            }
        }

        using var admin = api.Admin(tenant);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        var result = await admin.SendAsync(Import, new { input = new { url = Path.GetFileName(big) } });
        File.Delete(big);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("DOCUMENT_TOO_LARGE", result.FirstCode);
        Assert.Contains(ApiFixture.MaxImportBytes.ToString(), Message(result));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "an oversized import was refused");
    }

    [Theory]
    [InlineData("France_Toulouse_2019.pb")]
    [InlineData("./France_Toulouse_2019.pb")]
    [InlineData("{folder}/France_Toulouse_2019.pb")]
    [InlineData("file://{folder}/France_Toulouse_2019.pb")]
    [InlineData("{case}-dir/../France_Toulouse_2019.pb")]
    [InlineData("{case}-link-in")]
    [InlineData("{case}-link-dir-in/France_Toulouse_2019.pb")]
    public async Task A_regular_file_inside_the_folder_still_imports(string template)
    {
        var tenant = await api.NewTenantAsync();
        await PlantAsync();
        var name = template.Replace("{folder}", api.ImportDirectory).Replace("{case}", _case);
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Import, new { input = new { url = name } }))["importPabulib"]!;
        Assert.StartsWith(IdPrefixes.Vote + "_", vote["id"]!.GetValue<string>());
        Assert.True(vote["ballots"]!.GetValue<int>() > 0);
    }

    /// <summary>The files, links, FIFO and folder the cases name, inside the import folder, and the secret beside it.</summary>
    private async Task PlantAsync()
    {
        Directory.CreateDirectory(_outside);
        await File.WriteAllTextAsync(SecretFile, ApiFixture.SigningKey);
        File.CreateSymbolicLink(Inside("link-out"), "/etc/passwd");
        File.CreateSymbolicLink(Inside("link-proc"), "/proc/self/environ");
        File.CreateSymbolicLink(Inside("link-chain-2"), SecretFile);
        File.CreateSymbolicLink(Inside("link-chain"), Path.GetFileName(Inside("link-chain-2")));
        Directory.CreateSymbolicLink(Inside("link-dir"), _outside);
        File.CreateSymbolicLink(Inside("link-loop"), Path.GetFileName(Inside("link-loop")));
        File.CreateSymbolicLink(Inside("link-in"), "France_Toulouse_2019.pb");
        Directory.CreateSymbolicLink(Inside("link-dir-in"), ".");
        Directory.CreateDirectory(Inside("dir"));
        await File.WriteAllBytesAsync(Inside("empty.pb"), []);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", Inside("fifo")) { UseShellExecute = false })!;
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static string? Message(GraphQLResult result) => result.Errors?.FirstOrDefault()?["message"]?.GetValue<string>();
}
