using System.Net;
using System.Text.RegularExpressions;
using Civic.Api.Auth;
using Civic.Api.Hosting;
using Civic.Api.Live;
using Civic.Api.Tenancy;
using Civic.Database.DataProtection;
using Civic.Silo.Hosting;
using Civic.Tests.Api;
using Microsoft.Extensions.Configuration;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Civic.Tests.Operations;

/// <summary>
/// No cluster runs here, so the deployment files are checked against the code by reading them: the Kubernetes
/// manifests (deploy/kubernetes, as kustomization.yaml lists them), docker-compose.yml and the Dockerfiles. Images are
/// the ones the compose file builds; container ports are the ones the images expose and the settings say; every
/// environment key binds to a settings class of the code (a misspelt key is silently ignored by .NET, so it fails
/// here); probes ask for paths a real host answers; the secret's keys are the ones the README's command creates.
/// </summary>
[Collection("api")]
public sealed partial class DeploymentManifests(ApiFixture fixture)
{
    private static readonly string Root = Civic.Tests.Infrastructure.Repository.Root;
    private static readonly string Kubernetes = Path.Combine(Root, "deploy", "kubernetes");

    /// <summary>The configuration sections Civic's processes read, with the class each binds to.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["Orleans"] = typeof(OrleansSettings),
        ["Jwt"] = typeof(JwtSettings),
        [TelemetryOptions.SectionName] = typeof(TelemetryOptions),
        [CivicDataProtection.SectionName] = typeof(CertificateSettings),
        ["Tenancy"] = typeof(TenancyOptions),
        [ProxyOptions.SectionName] = typeof(ProxyOptions),
        [LiveOptions.SectionName] = typeof(LiveOptions),
        ["Web"] = typeof(WebSiteOptions),
    };

    /// <summary>Keys the host itself reads (ASP.NET Core's), not Civic's settings.</summary>
    private static readonly HashSet<string> HostKeys = ["ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    [Fact]
    public void The_kustomization_lists_every_manifest_and_each_parses()
    {
        var listed = Strings(Sequence(LoadAll(Path.Combine(Kubernetes, "kustomization.yaml")).Single(), "resources")).ToHashSet();
        var present = Directory.GetFiles(Kubernetes, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").ToHashSet();
        Assert.Equal(present.Order(), listed.Order());
        var kinds = Manifests().Select(m => Scalar(m, "kind")).ToList();
        foreach (var kind in new[] { "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Service", "ConfigMap" })
        {
            Assert.Contains(kind, kinds);
        }

        Assert.DoesNotContain("Job", kinds); // silos migrate at start under an advisory lock: no migration job
    }

    [Fact]
    public void Images_are_the_ones_compose_builds_and_expose_the_ports_the_containers_declare()
    {
        var compose = Flatten(LoadAll(Path.Combine(Root, "docker-compose.yml")).Single());
        var built = Map(compose, "services").Children.Values.OfType<YamlMappingNode>()
            .Select(Flatten)
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("build")))
            .GroupBy(s => Scalar(s, "image"), s => Path.Combine(Root, Scalar(Map(s, "build"), "dockerfile")))
            .ToDictionary(g => g.Key, g => g.Distinct().Single()); // one Dockerfile per image name
        Assert.Equal(["civic-api", "civic-silo"], built.Keys.Order());
        var kustomizeImages = Sequence(LoadAll(Path.Combine(Kubernetes, "kustomization.yaml")).Single(), "images")
            .Select(i => Scalar((YamlMappingNode)i, "name")).Order();
        Assert.Equal(built.Keys.Order(), kustomizeImages);

        foreach (var (deployment, container) in Containers())
        {
            var image = Scalar(container, "image");
            Assert.True(built.TryGetValue(image, out var dockerfile), $"{deployment}: image {image} is not one docker-compose.yml builds");
            var exposed = Dockerfile(dockerfile).Exposed;
            var ports = Sequence(container, "ports").Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => int.Parse(Scalar(p, "containerPort")));
            foreach (var (name, port) in ports)
            {
                Assert.True(exposed.Contains(port), $"{deployment}: port {name} {port} is not exposed by {dockerfile}");
            }

            var http = new Uri(Dockerfile(dockerfile).Env["ASPNETCORE_URLS"].Replace("+", "localhost")).Port;
            Assert.Contains(http, ports.Values);
            if (image == "civic-silo")
            {
                var env = LiteralEnv(container);
                Assert.Equal(ports["silo"], int.Parse(env["Orleans__SiloPort"]));
                Assert.Equal(ports["gateway"], int.Parse(env["Orleans__GatewayPort"]));
                Assert.Equal(new OrleansSettings().SiloPort, ports["silo"]);
                Assert.Equal(new OrleansSettings().GatewayPort, ports["gateway"]);
            }
        }
    }

    [Fact]
    public void Every_environment_key_binds_to_a_setting_of_the_code()
    {
        var configMaps = Manifests().Where(m => Scalar(m, "kind") == "ConfigMap")
            .ToDictionary(m => Scalar(Map(m, "metadata"), "name"), m => Map(m, "data"));
        var checkedKeys = 0;
        foreach (var (deployment, container) in Containers())
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var from in Sequence(container, "envFrom").Cast<YamlMappingNode>())
            {
                var data = configMaps[Scalar(Map(from, "configMapRef"), "name")];
                foreach (var (key, value) in data.Children)
                {
                    env[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
                }
            }

            foreach (var variable in Sequence(container, "env").Cast<YamlMappingNode>())
            {
                // A value from a secret or the pod's IP stands in as a string the setting's type takes.
                env[Scalar(variable, "name")] = variable.Children.ContainsKey(new YamlScalarNode("value")) ? Scalar(variable, "value") : "10.1.2.3";
            }

            checkedKeys += AssertBinds($"deploy/kubernetes {deployment}", env);
        }

        var compose = Flatten(LoadAll(Path.Combine(Root, "docker-compose.yml")).Single());
        foreach (var (name, service) in Map(compose, "services").Children)
        {
            var flat = Flatten((YamlMappingNode)service);
            if (flat.Children.TryGetValue(new YamlScalarNode("environment"), out var environment))
            {
                var env = Flatten((YamlMappingNode)environment).Children.ToDictionary(
                    p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);
                if (flat.Children.ContainsKey(new YamlScalarNode("build"))) // Civic's own images; the others have their own settings
                {
                    checkedKeys += AssertBinds($"docker-compose.yml {name}", env);
                }
            }
        }

        foreach (var dockerfile in new[] { "api/Dockerfile", "silo/Dockerfile" })
        {
            checkedKeys += AssertBinds(dockerfile, Dockerfile(Path.Combine(Root, dockerfile)).Env);
        }

        Assert.True(checkedKeys >= 30, $"only {checkedKeys} keys checked");

        // And a misspelt key does fail (the check is not vacuous).
        Assert.ThrowsAny<Exception>(() => AssertBinds("probe", new() { ["Telemetry__Prometheous"] = "true" }));
        Assert.ThrowsAny<Exception>(() => AssertBinds("probe", new() { ["Orleans__SiloPort"] = "eleven" }));
        Assert.ThrowsAny<Exception>(() => AssertBinds("probe", new() { ["Orlean__SiloPort"] = "11111" }));
    }

    [Fact]
    public async Task Probes_ask_for_paths_a_real_host_answers_on_a_declared_port()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var probed = 0;
        foreach (var (deployment, container) in Containers())
        {
            var ports = Sequence(container, "ports").Cast<YamlMappingNode>().Select(p => Scalar(p, "name")).ToHashSet();
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                var get = Map(Map(container, probe), "httpGet");
                Assert.Contains(Scalar(get, "port"), ports);
                using var answer = await http.GetAsync(Scalar(get, "path"));
                Assert.True(answer.StatusCode is HttpStatusCode.OK, $"{deployment} {probe} {Scalar(get, "path")}: {answer.StatusCode}");
                Assert.StartsWith("application/json", answer.Content.Headers.ContentType?.MediaType);
                probed++;
            }
        }

        Assert.Equal(6, probed);
    }

    [Fact]
    public void Autoscaler_budgets_and_service_point_at_the_deployments_pods()
    {
        var manifests = Manifests().ToList();
        var deployments = manifests.Where(m => Scalar(m, "kind") == "Deployment").ToDictionary(
            m => Scalar(Map(m, "metadata"), "name"),
            m => Labels(Map(Map(Map(Map(m, "spec"), "template"), "metadata"), "labels")));
        Assert.Equal(["civic-api", "civic-silo"], deployments.Keys.Order());
        foreach (var (name, deployment) in manifests.Where(m => Scalar(m, "kind") == "Deployment").Select(m => (Scalar(Map(m, "metadata"), "name"), m)))
        {
            var selector = Labels(Map(Map(Map(deployment, "spec"), "selector"), "matchLabels"));
            Assert.True(selector.All(l => deployments[name].Contains(l)), $"{name}: its selector does not match its pods");
        }

        foreach (var budget in manifests.Where(m => Scalar(m, "kind") == "PodDisruptionBudget"))
        {
            var selector = Labels(Map(Map(Map(budget, "spec"), "selector"), "matchLabels"));
            Assert.Single(deployments, d => selector.All(d.Value.Contains));
        }

        var autoscaler = manifests.Single(m => Scalar(m, "kind") == "HorizontalPodAutoscaler");
        Assert.Equal("civic-api", Scalar(Map(Map(autoscaler, "spec"), "scaleTargetRef"), "name"));
        Assert.True(int.Parse(Scalar(Map(autoscaler, "spec"), "minReplicas")) >= 2); // a rolling restart keeps one node
        var service = manifests.Single(m => Scalar(m, "kind") == "Service");
        var serviceSelector = Labels(Map(Map(service, "spec"), "selector"));
        Assert.True(serviceSelector.All(deployments["civic-api"].Contains));
        Assert.Equal(3, int.Parse(Scalar(Map(manifests.Single(m => Scalar(m, "kind") == "Deployment" && Scalar(Map(m, "metadata"), "name") == "civic-silo"), "spec"), "replicas")));
    }

    [Fact]
    public void The_secret_holds_what_the_manifests_read_and_the_readme_command_creates_exactly_that()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, container) in Containers())
        {
            foreach (var variable in Sequence(container, "env").Cast<YamlMappingNode>())
            {
                if (variable.Children.TryGetValue(new YamlScalarNode("valueFrom"), out var from)
                    && ((YamlMappingNode)from).Children.TryGetValue(new YamlScalarNode("secretKeyRef"), out var reference))
                {
                    Assert.Equal("civic", Scalar((YamlMappingNode)reference, "name"));
                    wanted.Add(Scalar((YamlMappingNode)reference, "key"));
                }
            }
        }

        foreach (var deployment in Manifests().Where(m => Scalar(m, "kind") == "Deployment"))
        {
            foreach (var volume in Sequence(Map(Map(Map(deployment, "spec"), "template"), "spec"), "volumes").Cast<YamlMappingNode>())
            {
                var secret = Map(volume, "secret");
                Assert.Equal("civic", Scalar(secret, "secretName"));
                wanted.UnionWith(Sequence(secret, "items").Cast<YamlMappingNode>().Select(i => Scalar(i, "key")));
            }
        }

        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var command = SecretCommand().Match(readme);
        Assert.True(command.Success, "README.md has no `kubectl ... create secret generic civic` command");
        var created = SecretKey().Matches(command.Value).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(wanted.Order(), created.Order());
        Assert.Contains("jwt-signing-key", wanted);
    }

    /// <summary>
    /// docker-compose.yml's telemetry: Civic's processes push OTLP to a collector service on the port its receiver
    /// listens on; each pipeline of the collector ends in exporters it defines, traces in a service of the compose file;
    /// Prometheus scrapes the collector on the port its Prometheus exporter serves. A misspelt host or port would leave
    /// the dashboards empty with nothing failing, so it fails here.
    /// </summary>
    [Fact]
    public void Compose_sends_traces_and_metrics_through_the_collector_to_services_it_runs()
    {
        var services = Map(Flatten(LoadAll(Path.Combine(Root, "docker-compose.yml")).Single()), "services").Children
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Flatten((YamlMappingNode)p.Value), StringComparer.Ordinal);
        var civic = services.Where(s => s.Value.Children.ContainsKey(new YamlScalarNode("build"))).ToList();
        Assert.Equal(4, civic.Count); // two silos, two API nodes
        var endpoints = civic.Select(s => Scalar(Flatten(Map(s.Value, "environment")), "Telemetry__OtlpEndpoint")).Distinct().ToList();
        var otlp = new Uri(Assert.Single(endpoints));
        Assert.True(services.TryGetValue(otlp.Host, out var collector), $"OTLP endpoint {otlp}: no service {otlp.Host}");

        var config = LoadAll(MountedFile(collector!, "otel-collector")).Single();
        var grpc = Scalar(Map(Map(Map(Map(config, "receivers"), "otlp"), "protocols"), "grpc"), "endpoint");
        Assert.Equal(otlp.Port, int.Parse(grpc[(grpc.LastIndexOf(':') + 1)..]));
        var exporters = Map(config, "exporters");
        var pipelines = Map(Map(config, "service"), "pipelines");
        foreach (var signal in new[] { "traces", "metrics" })
        {
            var pipeline = Map(pipelines, signal);
            Assert.Contains("otlp", Strings(Sequence(pipeline, "receivers")));
            var ends = Strings(Sequence(pipeline, "exporters")).ToList();
            Assert.NotEmpty(ends);
            Assert.All(ends, e => Assert.True(exporters.Children.ContainsKey(new YamlScalarNode(e)), $"{signal}: exporter {e} is not defined"));
        }

        foreach (var exporter in Strings(Sequence(Map(pipelines, "traces"), "exporters")))
        {
            var target = Scalar(Map(exporters, exporter), "endpoint");
            Assert.True(services.ContainsKey(target.Split(':')[0]), $"traces exporter {exporter} sends to {target}: no such service");
        }

        var served = Scalar(Map(exporters, Strings(Sequence(Map(pipelines, "metrics"), "exporters")).Single(e => e.StartsWith("prometheus", StringComparison.Ordinal))), "endpoint");
        var scrape = LoadAll(MountedFile(services["prometheus"], "prometheus")).Single();
        var targets = Sequence(scrape, "scrape_configs").Cast<YamlMappingNode>()
            .SelectMany(job => Sequence(job, "static_configs").Cast<YamlMappingNode>()).SelectMany(c => Strings(Sequence(c, "targets"))).ToList();
        Assert.Contains($"{otlp.Host}:{served[(served.LastIndexOf(':') + 1)..]}", targets);
    }

    /// <summary>The repository file a service mounts whose name starts with <paramref name="name"/>.</summary>
    private static string MountedFile(YamlMappingNode service, string name)
    {
        var source = Strings(Sequence(service, "volumes")).Select(v => v.Split(':')[0])
            .Single(v => Path.GetFileName(v).StartsWith(name, StringComparison.Ordinal));
        var path = Path.Combine(Root, source);
        Assert.True(File.Exists(path), $"{source} is mounted but not in the repository");
        return path;
    }

    [Fact]
    public void The_api_image_serves_the_site_it_builds()
    {
        var api = Dockerfile(Path.Combine(Root, "api", "Dockerfile"));
        var root = api.Env["Web__Root"];
        Assert.Contains($"COPY --from=web /src/web/dist {root}", api.Text, StringComparison.Ordinal);
        Assert.Contains("npm ci", api.Text, StringComparison.Ordinal);
        Assert.Contains("npm run build", api.Text, StringComparison.Ordinal);
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"));
        Assert.Contains("**/node_modules/", ignored); // the build stage installs its own
    }

    /// <summary>Binds every key of <paramref name="env"/> (environment form, <c>A__B</c>) to its section's class; the number checked.</summary>
    private static int AssertBinds(string where, Dictionary<string, string> env)
    {
        var bySection = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (key, value) in env)
        {
            if (HostKeys.Contains(key))
            {
                continue;
            }

            var path = key.Replace("__", ":", StringComparison.Ordinal);
            var section = path.Split(':')[0];
            count++;
            if (section == "ConnectionStrings")
            {
                Assert.True(path == "ConnectionStrings:Civic", $"{where}: {key} is not a connection string Civic reads");
                continue;
            }

            Assert.True(Sections.ContainsKey(section), $"{where}: {key} is in no section Civic reads ({string.Join(", ", Sections.Keys)})");
            (bySection.TryGetValue(section, out var keys) ? keys : bySection[section] = [])[path] = value;
        }

        foreach (var (section, keys) in bySection)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
            try
            {
                Assert.NotNull(configuration.GetSection(section).Get(Sections[section], o => o.ErrorOnUnknownConfiguration = true));
            }
            catch (InvalidOperationException e)
            {
                throw new Xunit.Sdk.XunitException($"{where}: {string.Join(", ", keys.Keys)} do not bind to {Sections[section].Name}: {e.Message}");
            }
        }

        return count;
    }

    private static IEnumerable<YamlMappingNode> Manifests() =>
        Strings(Sequence(LoadAll(Path.Combine(Kubernetes, "kustomization.yaml")).Single(), "resources"))
            .SelectMany(file => LoadAll(Path.Combine(Kubernetes, file)));

    private static IEnumerable<(string Deployment, YamlMappingNode Container)> Containers() =>
        Manifests().Where(m => Scalar(m, "kind") == "Deployment").SelectMany(m =>
            Sequence(Map(Map(Map(m, "spec"), "template"), "spec"), "containers").Cast<YamlMappingNode>()
                .Select(c => (Scalar(Map(m, "metadata"), "name"), c)));

    private static Dictionary<string, string> LiteralEnv(YamlMappingNode container) =>
        Sequence(container, "env").Cast<YamlMappingNode>()
            .Where(v => v.Children.ContainsKey(new YamlScalarNode("value")))
            .ToDictionary(v => Scalar(v, "name"), v => Scalar(v, "value"));

    private static HashSet<string> Labels(YamlMappingNode labels) =>
        labels.Children.Select(p => $"{((YamlScalarNode)p.Key).Value}={((YamlScalarNode)p.Value).Value}").ToHashSet();

    private static List<YamlMappingNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    /// <summary>A mapping with its YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as compose reads it.</summary>
    private static YamlMappingNode Flatten(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        var merge = new YamlScalarNode("<<");
        if (node.Children.TryGetValue(merge, out var inherited))
        {
            foreach (var pair in Flatten((YamlMappingNode)inherited).Children)
            {
                merged.Children[pair.Key] = pair.Value;
            }
        }

        foreach (var pair in node.Children.Where(p => !p.Key.Equals(merge)))
        {
            merged.Children[pair.Key] = pair.Value;
        }

        return merged;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map
            : throw new Xunit.Sdk.XunitException($"no mapping '{key}' at {node.Start}");

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence ? sequence.Children : [];

    private static IEnumerable<string> Strings(IEnumerable<YamlNode> nodes) => nodes.Cast<YamlScalarNode>().Select(n => n.Value!);

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value!
            : throw new Xunit.Sdk.XunitException($"no value '{key}' at {node.Start}");

    private sealed record DockerfileFacts(string Text, HashSet<int> Exposed, Dictionary<string, string> Env);

    /// <summary>The final stage's EXPOSE ports and ENV keys (continuation lines joined).</summary>
    private static DockerfileFacts Dockerfile(string path)
    {
        var text = File.ReadAllText(path);
        var joined = text.Replace("\\\n", " ", StringComparison.Ordinal);
        var lastStage = joined[joined.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var exposed = new HashSet<int>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lastStage.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("EXPOSE ", StringComparison.Ordinal))
            {
                exposed.UnionWith(line[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            else if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                foreach (Match pair in EnvPair().Matches(line[4..]))
                {
                    env[pair.Groups[1].Value] = pair.Groups[2].Value;
                }
            }
        }

        return new DockerfileFacts(text, exposed, env);
    }

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"kubectl[^\n`]*create secret generic civic(?:[^\n]*\\\n)*[^\n]*")]
    private static partial Regex SecretCommand();

    [GeneratedRegex(@"--from-(?:literal|file)=([a-z0-9-]+)=")]
    private static partial Regex SecretKey();
}
