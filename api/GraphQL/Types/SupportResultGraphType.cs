using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class SupportResultGraphType : ObjectGraphType<SupportResult>
{
    public SupportResultGraphType()
    {
        Name = "SupportResult";
        Field<NonNullGraphType<IdGraphType>>("ideaId").Resolve(c => c.Source.IdeaId);
        Field<NonNullGraphType<IntGraphType>>("supportCount").Resolve(c => c.Source.Supports);
        Field<NonNullGraphType<IdeaStateGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<BooleanGraphType>>("supporting").Description("Whether the caller supports the idea now.").Resolve(c => c.Source.Supporting);
    }
}
