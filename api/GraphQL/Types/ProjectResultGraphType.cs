using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ProjectResultGraphType : ObjectGraphType<ProjectResult>
{
    public ProjectResultGraphType()
    {
        Name = "ProjectResult";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<LongGraphType>>("score").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<BooleanGraphType>>("selected").Resolve(c => c.Source.Selected);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("gradeCounts")
            .Description("Majority judgment: ballots per grade, worst first.")
            .Resolve(c => c.Source.GradeCounts.IsDefault ? [] : c.Source.GradeCounts);
    }
}
