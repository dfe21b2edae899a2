using Civic.Silo.Commands;
using Civic.Silo.Hosting;

// Verbs: (none) a production silo; "embedded" the one-process default of ./civic up;
// "token" development tokens; "import-pb" a Pabulib file as a new vote.
return args.FirstOrDefault() switch
{
    "embedded" => await EmbeddedCommand.RunAsync(args[1..]),
    "token" => TokenCommand.Run(args[1..]),
    "import-pb" => await ImportCommand.RunAsync(args[1..]),
    _ => await RunSiloAsync(args),
};

static async Task<int> RunSiloAsync(string[] args)
{
    var app = await SiloHost.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
