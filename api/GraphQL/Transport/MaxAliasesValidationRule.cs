using Civic.Grains.Interfaces;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Rejects a document with more aliased fields than allowed: aliases let one request ask for the
/// same expensive field many times, which depth and complexity limits alone do not bound well.
/// GraphQL.NET 8 has no such rule.
/// </summary>
public sealed class MaxAliasesValidationRule : ValidationRuleBase
{
    private readonly int _maxAliases;

    public MaxAliasesValidationRule(int maxAliases)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxAliases);
        _maxAliases = maxAliases;
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var count = 0;
        var reported = false;
        INodeVisitor visitor = new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Alias is null || reported)
            {
                return;
            }

            count++;
            if (count > _maxAliases)
            {
                reported = true;
                ctx.ReportError(new MaxAliasesError(ctx.Document.Source, field, _maxAliases));
            }
        });
        return ValueTask.FromResult<INodeVisitor?>(visitor);
    }
}

/// <summary>The validation error of <see cref="MaxAliasesValidationRule"/>.</summary>
public sealed class MaxAliasesError : ValidationError
{
    public MaxAliasesError(ROM source, ASTNode node, int maxAliases)
        : base(source, null, $"The document uses more than {maxAliases} aliases.", node)
    {
        Code = ErrorCodes.MaxAliasesExceeded;
    }
}
