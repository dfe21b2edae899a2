using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Pabulib;

/// <summary>The .pb reader and writer on small hand-written files.</summary>
public class PbFormat
{
    private const string Sample = "META\nkey;value\nbudget;1000.50\nvote_type;cumulative\nrule;greedy\ndescription;\"A; quoted \"\"name\"\"\"\n" +
        "PROJECTS\r\nproject_id;cost;name;votes\r\n1;4000.0;\"Parc; jeux\";2\r\n2;250;Bancs;1\r\n" +
        "VOTES\nvoter_id;vote;points;age\nv1;1,2;3,1;34\nv2;1;2;\n";

    [Fact]
    public void Reads_quoted_fields_decimal_costs_points_and_unknown_columns()
    {
        var file = PbReader.Parse(Sample);

        Assert.Equal("A; quoted \"name\"", file.MetaValue("description"));
        Assert.Equal(4000m, file.Projects[0].Cost);
        Assert.Equal("Parc; jeux", file.ProjectValue(file.Projects[0], "name"));
        Assert.Equal(["name", "votes"], file.ProjectExtraColumns.ToArray());
        Assert.True(file.HasPoints);
        Assert.Equal(["1", "2"], file.Votes[0].Vote.ToArray());
        Assert.Equal([3, 1], file.Votes[0].Points.ToArray());
        Assert.Equal("34", file.VoteValue(file.Votes[0], "age"));
        Assert.Equal("", file.VoteValue(file.Votes[1], "age"));
    }

    [Fact]
    public void Writes_a_file_that_reads_back_the_same()
    {
        var file = PbReader.Parse(Sample);
        var text = PbWriter.Write(file);

        Assert.Contains("1;4000;\"Parc; jeux\";2\n", text);
        Assert.Contains("description;\"A; quoted \"\"name\"\"\"\n", text);
        PbAssert.Same(file, PbReader.Parse(text));
    }

    [Fact]
    public void Converts_to_counting_input_in_the_chosen_unit()
    {
        var file = PbReader.Parse(Sample);

        // 1000.50 is not a whole number of currency units, but it is of cents.
        Assert.Throws<FormatException>(() => PbElections.From(file));
        var cents = PbElections.From(file, unitsPerCurrency: 100);
        Assert.Equal(100_050, cents.Election.Budget);
        Assert.Equal([400_000L, 25_000], cents.Election.Projects.Select(p => p.Cost).ToArray());
        Assert.Equal(100, cents.Election.CurrencyUnit);
        Assert.Equal(BallotType.Cumulative, cents.Election.Kind);
        Assert.Equal(VoteRule.Greedy, cents.Rule);
        Assert.Equal([5L, 1], VoteCounting.Tally(cents.Election).Select(t => t.Score).ToArray());
    }

    [Theory]
    [InlineData("PROJECTS\nproject_id;cost\n1;abc\n")]
    [InlineData("PROJECTS\nproject_id;name\n1;x\n")]
    [InlineData("VOTES\nvoter_id;vote;points\nv1;1,2;3\nPROJECTS\nproject_id;cost\n1;1\n")]
    [InlineData("PROJECTS\nproject_id;cost\n1;\"5\n")]
    [InlineData("1;2\n")]
    public void Refuses_malformed_files(string text) => Assert.Throws<FormatException>(() => PbReader.Parse(text));
}
