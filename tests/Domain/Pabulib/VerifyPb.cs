using Civic.Tools.DevHost;

namespace Civic.Tests.Domain.Pabulib;

/// <summary><c>./civic verify-pb</c>: every shared election counted with its own rule matches what it records.</summary>
public class VerifyPb
{
    [Fact]
    public void Every_shared_election_matches()
    {
        var output = new StringWriter();
        var code = VerifyCommand.Run([PabulibFiles.FolderPath], output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("8 files, 8 match, 0 mismatch, 0 skipped", lines[^1].TrimEnd());
        Assert.Equal(8, lines.Count(l => l.StartsWith("match ", StringComparison.Ordinal)));
        Assert.Equal(0, code);
    }

    [Fact]
    public void A_changed_outcome_is_a_mismatch_naming_the_projects_and_an_unsupported_file_is_skipped()
    {
        var folder = Directory.CreateTempSubdirectory("verify-pb-");
        try
        {
            // Świecie with project 1's recorded selection flipped.
            var text = File.ReadAllLines(PabulibFiles.PathOf("Poland_Swiecie_2023.pb"));
            var projects = Array.IndexOf(text, "PROJECTS");
            var header = text[projects + 1].Split(';');
            var selectedAt = Array.IndexOf(header, "selected");
            var row = text[projects + 2].Split(';');
            var id = row[0];
            row[selectedAt] = row[selectedAt] == "1" ? "0" : "1";
            text[projects + 2] = string.Join(';', row);
            File.WriteAllLines(Path.Combine(folder.FullName, "a.pb"), text);
            File.WriteAllText(Path.Combine(folder.FullName, "b.pb"),
                "META\nkey;value\nbudget;10\nvote_type;scoring\nrule;greedy\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n");

            var output = new StringWriter();
            var code = VerifyCommand.Run([folder.FullName], output);

            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1, code);
            Assert.StartsWith("MISMATCH ", lines[0], StringComparison.Ordinal);
            Assert.Contains($"[{id}]", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("skipped ", lines[1], StringComparison.Ordinal);
            Assert.Contains("vote_type", lines[1], StringComparison.Ordinal);
            Assert.Equal("2 files, 0 match, 1 mismatch, 1 skipped", lines[^1].TrimEnd());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
