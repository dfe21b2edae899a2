namespace Civic.Tools.DevHost;

/// <summary>A small "--name value" parser for the silo's verbs.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public CommandLine(string[] args, params string[] flags)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                _positional.Add(arg);
            }
            else if (flags.Contains(arg[2..]))
            {
                _options[arg[2..]] = "true";
            }
            else if (i + 1 < args.Length)
            {
                _options[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value.");
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public int GetInt(string name, int fallback) =>
        Get(name) is { } value ? int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} must be a positive number.") : fallback;

    public bool Has(string name) => _options.ContainsKey(name);
}
