using System.Text;
using System.Text.Json;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// What makes two subscriptions on one API node produce the same bytes for every value, so that each value is
/// executed and serialised once for all of them: the tenant, what the push-time resolvers read of the viewer
/// (<see cref="Visibility"/>), the operation name, the variables (canonical JSON: keys sorted) and the document text.
/// </summary>
internal sealed record SharedSubscriptionKey(string Tenant, string Visibility, string? OperationName, string Variables, string Document)
{
    /// <summary>
    /// Field metadata of a subscription root field whose pushed values depend on who the viewer is, not only on its role
    /// (ideaUpdated's title: a hidden idea's author sees it). Members are then keyed by their user id.
    /// </summary>
    public const string ReadsViewerIdentity = "civic.live.readsViewerIdentity";

    /// <summary>
    /// The push-time resolvers read the viewer in two ways only: whether it is a moderator or admin of the tenant
    /// (<see cref="Actor.IsAtLeast"/>, the feed's submitted campaigns, a hidden idea's title) and, for fields marked
    /// <see cref="ReadsViewerIdentity"/>, its user id. So: anonymous (no viewer, including a token of another tenant and
    /// the platform operator), staff (moderator, admin), member (member, polling officer), or member:&lt;id&gt;.
    /// What is checked once, at subscribe time (campaign(id) visible to the caller), is not part of it: every subscriber
    /// runs that check itself before it joins.
    /// </summary>
    public static string VisibilityOf(Actor? viewer, bool readsIdentity) =>
        viewer is null ? "anonymous"
        : viewer.IsAtLeast(Role.Moderator) ? "staff"
        : readsIdentity ? "member:" + viewer.UserId
        : "member";

    public static SharedSubscriptionKey Of(CivicRequest request, ISchema schema, GraphQLDocument document, string query, string? operationName,
        string variables, out string field)
    {
        var fields = RootFields(document, operationName);
        field = fields.Count == 1 ? fields[0] : string.Join(",", fields);
        var readsIdentity = fields.Count == 0 || fields.Any(name =>
            schema.Subscription?.GetField(name) is not { } definition || definition.GetMetadata(ReadsViewerIdentity, false));
        return new SharedSubscriptionKey(request.TenantSlug ?? "", VisibilityOf(request.Viewer(), readsIdentity), operationName, variables, query);
    }

    /// <summary>The root fields the selected operation asks for, through fragments too.</summary>
    private static List<string> RootFields(GraphQLDocument document, string? operationName)
    {
        var fields = new List<string>();
        if (GraphQLExecution.SelectOperation(document, operationName) is { } operation)
        {
            Collect(document, operation.SelectionSet, fields, depth: 0);
        }

        return fields;
    }

    private static void Collect(GraphQLDocument document, GraphQLSelectionSet set, List<string> fields, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var name = field.Name.StringValue;
                    if (name != "__typename" && !fields.Contains(name))
                    {
                        fields.Add(name);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    Collect(document, inline.SelectionSet, fields, depth + 1);
                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name.Value.Span.SequenceEqual(spread.FragmentName.Name.Value.Span));
                    if (fragment is not null)
                    {
                        Collect(document, fragment.SelectionSet, fields, depth + 1);
                    }

                    break;
            }
        }
    }

    /// <summary>The variables as canonical JSON (object keys sorted, no spaces): the same values give the same text.</summary>
    public static string CanonicalVariables(JsonElement variables)
    {
        if (variables.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return "null";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, variables);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
