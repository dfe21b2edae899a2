using Civic.Tools.DevHost;

// Verbs: "up" the one-process default of ./civic up ("embedded" is the same); "token" development tokens;
// "import-pb" a Pabulib file as a new vote; "verify-pb" counts Pabulib files against their recorded outcome; "mail" the last mails the embedded host wrote;
// "chaos" a multi-process cluster under load and faults, checked against the ledger.
return args.FirstOrDefault() switch
{
    "up" or "embedded" => await EmbeddedCommand.RunAsync(args[1..]),
    "token" => TokenCommand.Run(args[1..]),
    "import-pb" => await ImportCommand.RunAsync(args[1..]),
    "mail" => MailCommand.Run(args[1..]),
    "verify-pb" => VerifyCommand.Run(args[1..], Console.Out),
    "chaos" => await Civic.Tools.DevHost.Chaos.ChaosCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Civic.DevHost up [--data DIR] [--port N] [--connection-string CS] | token ... | import-pb FILE --tenant T [--close] | verify-pb PATH... | mail [N] [--data DIR] | chaos [--seconds N]");
    return 2;
}
