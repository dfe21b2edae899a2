using Civic.Grains.Interfaces;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Bounds a GraphQL document before GraphQL.NET validates it, in time linear in its length:
/// GraphQL.NET's validation is not (OverlappingFieldsCanBeMerged compares the fields of a
/// selection set pairwise, so 16,000 copies of one field took seconds), and it expands fragment
/// spreads, so a few lines of fragments that each spread the next twice stand for millions of
/// fields. The checks, in order: the text length, the token count (one pass of the lexer, before
/// any parsing), the parser's nesting, then one walk of the parsed document that counts every
/// field as often as fragment spreads repeat it (fragments memoised, so the walk is linear) and
/// the nesting of selections through fragments. The standard introspection query passes all of
/// them with room to spare (1,905 characters, 321 tokens, 176 fields).
/// </summary>
internal sealed class GraphQLDocumentLimits(GraphQLTransportOptions options)
{
    /// <summary>
    /// Introspection fields returning lists. The complexity rule does not count introspection (see
    /// <see cref="GraphQLExecution"/>), so this bounds it instead: its output grows with the
    /// product of the list sizes, and the standard introspection query nests three of them
    /// (<c>types { fields { args</c>).
    /// </summary>
    private static readonly HashSet<string> IntrospectionLists =
        ["types", "fields", "args", "inputFields", "interfaces", "possibleTypes", "enumValues", "directives"];

    public const int MaxIntrospectionListNesting = 3;

    /// <summary>A refusal of the text itself: longer than allowed, or more tokens. Null when within.</summary>
    public TransportError? CheckText(string query)
    {
        if (query.Length > options.MaxDocumentLength)
        {
            return TooLarge($"The GraphQL document is {query.Length} characters long; at most {options.MaxDocumentLength} are allowed.");
        }

        var source = new ROM(query.AsMemory());
        var tokens = 0;
        var position = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    return null;
                }

                if (++tokens > options.MaxTokens)
                {
                    return TooLarge($"The GraphQL document has more than {options.MaxTokens} tokens.");
                }

                position = token.End;
            }
        }
        catch (GraphQLParserException)
        {
            // A lexical error: the parser reports it as a syntax error, with its location.
            return null;
        }
    }

    /// <summary>A refusal of the parsed document: too many fields once fragments are expanded, or nested too deep.</summary>
    public TransportError? CheckDocument(GraphQLDocument document)
    {
        var walk = new Walk(document, options);
        long fields = 0;
        foreach (var definition in document.Definitions)
        {
            var set = definition switch
            {
                GraphQLOperationDefinition operation => operation.SelectionSet,
                GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                _ => null,
            };
            if (set is null)
            {
                continue;
            }

            fields = Saturate(fields + walk.Count(set, 1, 0).Fields);
            if (walk.Error is not null)
            {
                return walk.Error;
            }

            if (fields > options.MaxFields)
            {
                return TooLarge($"The GraphQL document selects more than {options.MaxFields} fields, counting each fragment as often as it is spread.");
            }
        }

        return null;
    }

    public static TransportError TooLarge(string message) =>
        new(ErrorCodes.DocumentTooLarge, message);

    private static long Saturate(long value) => Math.Min(value, int.MaxValue);

    /// <summary>One walk over a document; fragment counts are kept so each fragment is walked once.</summary>
    private sealed class Walk(GraphQLDocument document, GraphQLTransportOptions options)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = Fragments(document);
        private readonly Dictionary<string, (long Fields, int Height)> _counted = [];
        private readonly HashSet<string> _walking = [];

        public TransportError? Error { get; private set; }

        /// <summary>
        /// Fields under <paramref name="set"/>, fragments expanded. <paramref name="depth"/> counts
        /// selection sets and fragment spreads from the definition down; <paramref name="lists"/> the
        /// introspection lists above (0 outside introspection, -1 once inside it at its root).
        /// </summary>
        public (long Fields, int Height) Count(GraphQLSelectionSet set, int depth, int lists)
        {
            if (depth > options.MaxNesting)
            {
                Error ??= TooDeep();
                return (0, 0);
            }

            long count = 0;
            var height = 1;
            foreach (var selection in set.Selections)
            {
                if (Error is not null)
                {
                    return (0, 0);
                }

                (long Fields, int Height) below = (0, 0);

                switch (selection)
                {
                    case GraphQLField field:
                        count = Saturate(count + 1);
                        if (field.SelectionSet is { } children)
                        {
                            var name = field.Name.StringValue;
                            var inner = lists;
                            if (name is "__schema" or "__type")
                            {
                                inner = Math.Max(inner, 0) + 1;
                            }
                            else if (lists > 0 && IntrospectionLists.Contains(name))
                            {
                                inner++;
                                if (inner - 1 > MaxIntrospectionListNesting)
                                {
                                    Error ??= new TransportError(ErrorCodes.Complexity,
                                        $"Introspection may nest at most {MaxIntrospectionListNesting} lists (as in types {{ fields {{ args }} }}).");
                                    return (0, 0);
                                }
                            }

                            below = Count(children, depth + 1, inner);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        below = Count(inline.SelectionSet, depth + 1, lists);
                        break;
                    case GraphQLFragmentSpread spread:
                        below = Spread(spread.FragmentName.Name.StringValue, depth + 1, lists);
                        break;
                }

                count = Saturate(count + below.Fields);
                height = Math.Max(height, below.Height + 1);
            }

            return (count, height);
        }

        private (long Fields, int Height) Spread(string name, int depth, int lists)
        {
            // The introspection list count is part of the key: a fragment spread under two
            // introspection lists is bounded differently than one spread at the root.
            var key = lists == 0 ? name : name + "#" + lists;
            if (_counted.TryGetValue(key, out var known))
            {
                // Counted once already; only its height below this spread is new.
                if (depth - 1 + known.Height > options.MaxNesting)
                {
                    Error ??= TooDeep();
                }

                return known;
            }

            if (!_fragments.TryGetValue(name, out var fragment) || !_walking.Add(name))
            {
                // An unknown fragment or a cycle: validation reports either.
                return (0, 0);
            }

            try
            {
                var counted = Count(fragment.SelectionSet, depth, lists);
                _counted[key] = counted;
                return counted;
            }
            finally
            {
                _walking.Remove(name);
            }
        }

        private TransportError TooDeep() =>
            TooLarge($"The GraphQL document nests selections and fragment spreads deeper than {options.MaxNesting}.");

        private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document)
        {
            var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLFragmentDefinition fragment)
                {
                    fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
                }
            }

            return fragments;
        }
    }
}
