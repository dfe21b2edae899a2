using Civic.Silo.Hosting;

// A production silo: configuration from appsettings.json, the environment and the command line. The development
// verbs (./civic up, token, import-pb) live in tools/Civic.DevHost, which this project does not reference.
var app = await SiloHost.BuildAsync(args);
await app.RunAsync();
