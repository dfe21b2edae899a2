using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Civic.Grains.Interfaces;
using Civic.Grains.Pabulib;
using Npgsql;

namespace Civic.Bench;

/// <summary>What the vote-day replay measured and checked.</summary>
public sealed record VoteDayOutcome(
    LoadResult Load,
    string Path,
    TimeSpan Setup,
    TimeSpan Close,
    bool SelectionMatches,
    IReadOnlyList<(string Line, bool Ok)> Checks);

/// <summary>
/// Vote day: Wrocław 2015 (districts up to 150 000 PLN, choose-1, greedy-no-skip) replayed through
/// <see cref="IVoteGrain.CastBallotAsync"/> by concurrent voters, one member per file voter, then closed
/// and its selection compared with the one the city recorded.
/// </summary>
public static class VoteDay
{
    public const string FileName = "Poland_Wroclaw_2015_up_to_150.pb";
    public const int Voters = 256;

    /// <summary>
    /// <c>../shared/pabulib</c> beside the folder holding <c>Civic.sln</c> (found walking up from the current
    /// directory, then from the binary's), else <c>/work/shared/pabulib</c>; null when none has the file.
    /// </summary>
    public static string? FindFile(out IReadOnlyList<string> searched)
    {
        var candidates = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Civic.sln")))
                {
                    if (dir.Parent is { } parent)
                    {
                        candidates.Add(System.IO.Path.Combine(parent.FullName, "shared", "pabulib", FileName));
                    }

                    break;
                }
            }
        }

        candidates.Add(System.IO.Path.Combine("/work", "shared", "pabulib", FileName));
        searched = [.. candidates.Distinct(StringComparer.Ordinal)];
        return searched.FirstOrDefault(File.Exists);
    }

    public static async Task<VoteDayOutcome> RunAsync(IGrainFactory grains, NpgsqlDataSource db, string path, int voters)
    {
        var setup = Stopwatch.StartNew();
        var plan = Plan.Read(path);
        var (tenant, voteId, grain, admin) = await plan.CreateVoteAsync(grains);
        setup.Stop();

        var load = await ReplayAsync(grain, tenant, plan.UserIds, plan.Choices, voters);

        var closing = Stopwatch.StartNew();
        var closed = await grain.CloseAsync(admin);
        closing.Stop();

        var rows = await BallotRowsAsync(db, tenant, voteId);
        var checks = plan.Checks("vote-day", load.AckedCount, closed, rows, out var matches);
        return new VoteDayOutcome(load, path, setup.Elapsed, closing.Elapsed, matches, checks);
    }

    /// <summary>The ballots a vote has in civic_ballots.</summary>
    public static async Task<long> BallotRowsAsync(NpgsqlDataSource db, string tenant, string voteId)
    {
        await using var count = db.CreateCommand("select count(*) from civic_ballots where tenant = $1 and vote_id = $2");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = voteId });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The file read once: the vote's options (p1..pN, file order), every voter's member id, district (the VOTES
    /// district column, null when empty) and choices, and the projects the city recorded as selected.
    /// </summary>
    public sealed class Plan
    {
        private Plan(PbFile file, ImmutableArray<VoteOptionInput> options, long budget, Dictionary<string, string> fileIdOf, HashSet<string> recorded,
            string[] userIds, string?[] districts, ImmutableArray<string>[] choices)
        {
            File = file;
            Options = options;
            Budget = budget;
            FileIdOf = fileIdOf;
            Recorded = recorded;
            UserIds = userIds;
            Districts = districts;
            Choices = choices;
        }

        public PbFile File { get; }

        public ImmutableArray<VoteOptionInput> Options { get; }

        public long Budget { get; }

        public Dictionary<string, string> FileIdOf { get; }

        public HashSet<string> Recorded { get; }

        public string[] UserIds { get; }

        public string?[] Districts { get; }

        public ImmutableArray<string>[] Choices { get; }

        public static Plan Read(string path)
        {
            var file = PbReader.Read(path);
            var election = PbElections.From(file, 100);
            var budget = election.Election.Budget ?? throw new InvalidOperationException($"{FileName} has no budget.");

            // The grain names the options p1..pN in the order given: file order.
            var optionOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var fileIdOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var options = ImmutableArray.CreateBuilder<VoteOptionInput>(file.Projects.Length);
            for (var i = 0; i < file.Projects.Length; i++)
            {
                var project = file.Projects[i];
                var name = file.ProjectValue(project, "name") is { Length: > 0 } n ? n : "Project " + project.Id;
                options.Add(new VoteOptionInput(name.Length <= 300 ? name : name[..300], election.Election.Projects[i].Cost, null, project.Id));
                var optionId = "p" + (i + 1).ToString(CultureInfo.InvariantCulture);
                optionOf[project.Id] = optionId;
                fileIdOf[optionId] = project.Id;
            }

            var recorded = file.Projects.Where(p => file.ProjectValue(p, "selected") == "1").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var userIds = new string[file.Votes.Length];
            var districts = new string?[file.Votes.Length];
            var choices = new ImmutableArray<string>[file.Votes.Length];
            for (var i = 0; i < file.Votes.Length; i++)
            {
                var vote = file.Votes[i];
                userIds[i] = "w-" + vote.VoterId;
                districts[i] = file.VoteValue(vote, "district") is { Length: > 0 } d ? d : null;
                choices[i] = [.. vote.Vote.Select(c => optionOf.TryGetValue(c, out var id) ? id : c)];
            }

            return new Plan(file, options.MoveToImmutable(), budget, fileIdOf, recorded, userIds, districts, choices);
        }

        /// <summary>A tenant of its own with the votes module, and the vote in it, open (city-wide, choose-1, greedy-no-skip).</summary>
        public async Task<(string Tenant, string VoteId, IVoteGrain Grain, Actor Admin)> CreateVoteAsync(IGrainFactory grains)
        {
            var tenant = "voteday-" + Guid.NewGuid().ToString("N")[..8];
            await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(
                new CreateTenant("Vote day city", "en", new Branding("#000000", "#ffffff", null), [TenantModule.Votes], []),
                new Actor(tenant, "operator", Role.Operator));
            var admin = new Actor(tenant, "admin", Role.Admin);
            var voteId = GrainKeys.NewId(IdPrefixes.Vote);
            var grain = grains.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, voteId));
            var now = DateTimeOffset.UtcNow;
            var created = await grain.CreateAsync(
                new CreateVote("Wrocław 2015, projects up to 150 000 PLN", BallotType.ChooseOne, 1, 1, Options,
                    new Money(Budget, "PLN"), now, now.AddDays(1), VoteRule.GreedyNoSkip),
                admin);
            if (created.Status != VoteStatus.Open)
            {
                throw new InvalidOperationException($"The vote-day vote is {created.Status}, not open.");
            }

            return (tenant, voteId, grain, admin);
        }

        /// <summary>The closed vote against the file: every ballot counted once, the votes column, the recorded selection.</summary>
        public List<(string Line, bool Ok)> Checks(string name, long acknowledged, VoteSummary closed, long rows, out bool selectionMatches)
        {
            var file = File;
            var checks = new List<(string, bool)>();
            var ballotsOk = acknowledged == file.Votes.Length && closed.Ballots == file.Votes.Length && rows == file.Votes.Length;
            checks.Add(($"check {name}: ballots acknowledged {acknowledged} = counted {closed.Ballots} = rows in civic_ballots {rows} = file ballots {file.Votes.Length}: {(ballotsOk ? "OK" : "FAILED")}", ballotsOk));

            var votesColumn = file.Projects.Select(p => file.ProjectValue(p, "votes")).ToArray();
            var votesMatching = closed.Options.Select((o, i) => votesColumn[i] == o.Votes.ToString(CultureInfo.InvariantCulture)).Count(m => m);
            var votesOk = votesMatching == file.Projects.Length;
            checks.Add(($"check {name}: votes per project = the file's votes column for {votesMatching}/{file.Projects.Length} projects: {(votesOk ? "OK" : "FAILED")}", votesOk));

            var selectedIds = closed.Results is { } results ? results.Selected : [];
            var selected = selectedIds.Select(id => FileIdOf.TryGetValue(id, out var fileId) ? fileId : "?" + id).ToHashSet(StringComparer.Ordinal);
            var matches = closed.Results is not null && selected.SetEquals(Recorded);
            var selectionLine = matches
                ? $"check {name}: selected {selected.Count} projects = recorded {Recorded.Count}: OK"
                : $"check {name}: selected {selected.Count} projects, recorded {Recorded.Count}; only selected: [{string.Join(",", selected.Except(Recorded).Order(StringComparer.Ordinal))}], " +
                  $"only recorded: [{string.Join(",", Recorded.Except(selected).Order(StringComparer.Ordinal))}]: FAILED";
            checks.Add((selectionLine, matches));
            selectionMatches = matches;
            return checks;
        }
    }

    /// <summary>Every ballot once, in file order, taken by whichever of the <paramref name="voters"/> callers is free next.</summary>
    private static async Task<LoadResult> ReplayAsync(IVoteGrain grain, string tenant, string[] userIds, ImmutableArray<string>[] choices, int voters)
    {
        var next = -1;
        var workers = new Worker[voters];
        for (var i = 0; i < voters; i++)
        {
            workers[i] = new Worker(userIds.Length / voters + 1);
        }

        using var peak = new PeakWorkingSet();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[voters];
        for (var w = 0; w < voters; w++)
        {
            var worker = workers[w];
            tasks[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < userIds.Length)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await grain.CastBallotAsync(new CastBallot(new Actor(tenant, userIds[i], Role.Member), choices[i]));
                    }
                    catch (Exception e)
                    {
                        worker.Errors++;
                        worker.FirstError ??= e.GetType().Name + ": " + e.Message;
                        continue;
                    }

                    worker.Latencies.Add(Stopwatch.GetTimestamp() - started);
                }
            });
        }

        await Task.WhenAll(tasks);
        var end = Stopwatch.GetTimestamp();
        var allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        var cpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
        var peakBytes = await peak.StopAsync();

        var toMs = 1000.0 / Stopwatch.Frequency;
        var latencies = workers.SelectMany(w => w.Latencies).Select(t => t * toMs).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            "vote-day",
            voters,
            latencies.Length,
            Stopwatch.GetElapsedTime(start, end).TotalSeconds,
            latencies,
            workers.Sum(w => w.Errors),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            latencies.Length,
            0,
            allocatedAfter - allocatedBefore,
            cpuAfter - cpuBefore,
            peakBytes);
    }

    private sealed class Worker(int capacity)
    {
        public List<long> Latencies { get; } = new(capacity);
        public long Errors { get; set; }
        public string? FirstError { get; set; }
    }
}
