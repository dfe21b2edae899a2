using Civic.Api.GraphQL.Transport;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Api.Transport;

/// <summary>A tiny schema that exercises the transport without the Civic domain.</summary>
public sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<TestQueryGraphType>();
        Mutation = services.GetRequiredService<TestMutationGraphType>();
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<TestQueryGraphType>();
        services.AddSingleton<TestMutationGraphType>();
        services.AddSingleton<TestNodeGraphType>();
        // A second AddGraphQL call, as the application's schema registration will make.
        services.AddGraphQL(builder => builder.AddSchema<TestSchema>());
    }
}

public sealed class TestQueryGraphType : ObjectGraphType
{
    public const string SecretMessage = "connection string Host=db;Password=hunter2";

    public TestQueryGraphType()
    {
        Name = "Query";
        Field<StringGraphType>("hello")
            .Argument<StringGraphType>("name")
            .Resolve(ctx => $"Hello, {ctx.GetArgument<string?>("name") ?? "world"}!");
        Field<IntGraphType>("add")
            .Argument<NonNullGraphType<IntGraphType>>("a")
            .Argument<NonNullGraphType<IntGraphType>>("b")
            .Resolve(ctx => ctx.GetArgument<int>("a") + ctx.GetArgument<int>("b"));
        Field<StringGraphType>("forbidden")
            .Resolve(_ => throw new CivicException("FORBIDDEN", "You may not read this campaign."));
        Field<StringGraphType>("broken")
            .Resolve(_ => throw new InvalidOperationException(SecretMessage));
        Field<StringGraphType>("refused")
            .Resolve(_ => throw new ExecutionError("Refused by the resolver.") { Code = "REFUSED" });
        Field<StringGraphType>("requestHeader")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(ctx => ctx.GetHttpContext().Request.Headers[ctx.GetArgument<string>("name")].ToString());
        Field<StringGraphType>("userName")
            .Resolve(ctx => ctx.User?.Identity?.Name);
        Field<TestNodeGraphType>("node")
            .Resolve(_ => new TestNode(1));
        Field<ListGraphType<TestNodeGraphType>>("nodes")
            .Resolve(_ => new[] { new TestNode(1), new TestNode(2) });
    }
}

public sealed class TestMutationGraphType : ObjectGraphType
{
    public TestMutationGraphType()
    {
        Name = "Mutation";
        Field<StringGraphType>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(ctx => ctx.GetArgument<string>("text"));
    }
}

public sealed record TestNode(int Level);

public sealed class TestNodeGraphType : ObjectGraphType<TestNode>
{
    public TestNodeGraphType()
    {
        Name = "Node";
        Field<IntGraphType>("level").Resolve(ctx => ctx.Source.Level);
        Field<TestNodeGraphType>("child").Resolve(ctx => new TestNode(ctx.Source.Level + 1));
        Field<ListGraphType<TestNodeGraphType>>("children")
            .Resolve(ctx => new[] { new TestNode(ctx.Source.Level + 1), new TestNode(ctx.Source.Level + 1) });
    }
}
