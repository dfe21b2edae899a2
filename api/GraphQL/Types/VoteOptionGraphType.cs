using Civic.Grains.Interfaces;
using Civic.Api.GraphQL.Loaders;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteOptionGraphType : ObjectGraphType<VoteOption>
{
    public VoteOptionGraphType()
    {
        Name = "VoteOption";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<LongGraphType>>("cost").Description("Cents.").Resolve(c => c.Source.Cost);
        Field<NonNullGraphType<IntGraphType>>("votes").Description("Ballots naming (or grading) this option.").Resolve(c => c.Source.Votes);
        Field<NonNullGraphType<LongGraphType>>("score").Description("Its score by the ballot type: ballots, points or rank points; the median grade once a majority-judgment vote is closed.").Resolve(c => c.Source.Score);
        Field<StringGraphType>("district").Resolve(c => c.Source.District);
        Field<StringGraphType>("externalId").Description("The id the project had in an imported file, or the id of the idea it was made from.").Resolve(c => c.Source.ExternalId);
        Field<IdGraphType>("ideaId")
            .Description("The idea this option was made from (turnIdeaIntoProject: its externalId, confirmed by the idea's link to this option), null for others; the idea's voteOption links back.")
            .Resolve(c => c.Source.ExternalId is { } external && GrainKeys.IsWellFormed(external, IdPrefixes.Idea)
                ? c.RequestServices!.GetRequiredService<IdeaLoaders>().IdeaOfOption.Load((external, c.Source.Id))
                : Pending<string?>.Known(null));
    }
}
