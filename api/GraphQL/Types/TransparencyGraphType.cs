using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TransparencyGraphType : ObjectGraphType<TransparencyFigures>
{
    public TransparencyGraphType()
    {
        Name = "Transparency";
        Description = "The tenant's public figures: ledger sums by mode and category, distinct backers, public campaigns by status. No personal data.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModeAmountGraphType>>>>("raisedByMode").Resolve(c => c.Source.RaisedByMode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAmountGraphType>>>>("raisedByCategory").Resolve(c => c.Source.RaisedByCategory);
        Field<NonNullGraphType<IntGraphType>>("backers").Description("Distinct members who contributed, across all campaigns.").Resolve(c => c.Source.Backers);
        Field<NonNullGraphType<IntGraphType>>("contributions").Resolve(c => c.Source.Contributions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusCountGraphType>>>>("campaignsByStatus").Resolve(c => c.Source.CampaignsByStatus);
        Field<NonNullGraphType<MoneyGraphType>>("matchfundingSpent").Description("What the tenant's match pools added to citizens' donations, returned matches excluded (EUR).").Resolve(c => c.Source.MatchfundingSpent);
    }
}
