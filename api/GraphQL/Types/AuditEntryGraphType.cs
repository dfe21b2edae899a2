using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>One row of a tenant's audit log: who did what to whom, when.</summary>
public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("actorId").Description("The account (or operator) who acted.").Resolve(c => c.Source.ActorId);
        Field<NonNullGraphType<StringGraphType>>("action")
            .Description("invitation.sent, invitation.accepted, role.granted, role.removed, account.created-by-invitation.")
            .Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("target").Description("The account id or the invited address.").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<StringGraphType>>("details").Description("A JSON object (role, from, via...).").Resolve(c => c.Source.Details);
    }
}
