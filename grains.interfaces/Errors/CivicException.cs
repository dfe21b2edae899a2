namespace Civic.Grains.Interfaces;

/// <summary>
/// A broken domain rule, carrying a stable code (<c>FORBIDDEN</c>, <c>NOT_FOUND</c>, ...) that the
/// API maps to <c>errors[].extensions.code</c>. Its message is meant for the client.
/// </summary>
[GenerateSerializer]
public sealed class CivicException : Exception
{
    public CivicException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    [Id(0)]
    public string Code { get; }
}
