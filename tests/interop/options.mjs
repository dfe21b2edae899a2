// Shared command line of the interop scripts:
//   node <script> <url> [--token <bearer>] [--tenant <slug>] [--tenant-header <name>]
// or the environment: CIVIC_GRAPHQL_URL, CIVIC_TOKEN, CIVIC_TENANT, CIVIC_TENANT_HEADER.
export function readOptions(argv = process.argv.slice(2), env = process.env) {
  const options = {
    url: env.CIVIC_GRAPHQL_URL,
    token: env.CIVIC_TOKEN,
    tenant: env.CIVIC_TENANT,
    tenantHeader: env.CIVIC_TENANT_HEADER || 'X-Tenant',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) {
        throw new Error(`${arg} needs a value`);
      }
      return argv[++i];
    };
    if (arg === '--token') options.token = next();
    else if (arg === '--tenant') options.tenant = next();
    else if (arg === '--tenant-header') options.tenantHeader = next();
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.url = arg;
  }
  if (!options.url) {
    throw new Error('usage: node <script> <url> [--token T] [--tenant S] [--tenant-header H]');
  }
  return options;
}

export function headersFor(options) {
  const headers = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.tenant) headers[options.tenantHeader] = options.tenant;
  return headers;
}

// The documents both clients send: a query and a mutation, each with variables.
export const QUERY = `query Greet($name: String) {
  hello(name: $name)
  tenant: requestHeader(name: "X-Tenant")
  authorization: requestHeader(name: "Authorization")
}`;
export const QUERY_VARIABLES = { name: 'interop' };
export const MUTATION = `mutation Echo($text: String!) { echo(text: $text) }`;
export const MUTATION_VARIABLES = { text: 'bonjour' };

export async function main(run) {
  try {
    const result = await run(readOptions());
    process.stdout.write(JSON.stringify(result) + '\n');
    const failed = Object.values(result).some((r) => r && r.errors && r.errors.length > 0);
    process.exitCode = failed ? 1 : 0;
  } catch (error) {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  }
}
