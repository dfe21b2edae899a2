using System.Diagnostics;
using Civic.Grains.Pabulib;
using Civic.Tests.Domain.Pabulib;

namespace Civic.Tests.Api;

/// <summary>
/// <c>./civic import-pb FILE --tenant demo --close</c>, run as the real development host executable (tools/Civic.DevHost): with no
/// <c>./civic up</c> running it starts the embedded database and a silo itself.
/// </summary>
public sealed class ImportCommandLine
{
    [Fact]
    public async Task Import_pb_prints_the_vote_id_and_the_recorded_selection()
    {
        const string name = "Poland_Swiecie_2023.pb";
        var data = Directory.CreateTempSubdirectory("civic-import-");
        try
        {
            // The PostgreSQL user must be able to reach the data folder.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
            }
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Civic.DevHost.dll"), "import-pb", PabulibFiles.PathOf(name), "--tenant", "demo", "--close", "--data", data.FullName })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);
            var output = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            Assert.Equal(2, output.Length);
            Assert.Matches("^vt_[0-9a-z]{16}$", output[0]);
            var file = PbReader.Read(PabulibFiles.PathOf(name));
            var recorded = file.Projects.Where(p => file.ProjectValue(p, "selected") == "1").Select(p => p.Id)
                .OrderBy(id => int.Parse(id[1..]));
            Assert.Equal("selected: " + string.Join(",", recorded), output[1]);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
