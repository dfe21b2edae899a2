namespace Civic.Grains.Interfaces;

/// <summary>
/// A broken business rule, carried across the grain boundary with a stable code
/// (see <see cref="ErrorCodes"/>). The API maps it to <c>errors[].extensions.code</c>.
/// </summary>
[GenerateSerializer, Alias("civic.error")]
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
