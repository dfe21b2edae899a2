// Runs the graphql-http server audits (GraphQL over HTTP specification) against an endpoint.
// Prints every audit that did not pass and a summary line; exits 1 on any MUST failure.
import { auditServer } from 'graphql-http';
import { readOptions, headersFor } from './options.mjs';

const options = readOptions();
const extraHeaders = headersFor(options);
const fetchFn = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...extraHeaders, ...(init.headers || {}) } });

const results = await auditServer({ url: options.url, fetchFn });
const failures = [];
for (const result of results) {
  if (result.status === 'ok') continue;
  let body = '';
  try {
    body = await result.response.text();
  } catch {
    body = '<unreadable>';
  }
  failures.push({ id: result.id, name: result.name, status: result.status, reason: result.reason, status_code: result.response.status, body });
  process.stderr.write(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}\n`);
}
const count = (status) => results.filter((r) => r.status === status).length;
const summary = { total: results.length, ok: count('ok'), notice: count('notice'), warn: count('warn'), error: count('error'), failures };
process.stdout.write(JSON.stringify(summary) + '\n');
process.exitCode = summary.error > 0 ? 1 : 0;
