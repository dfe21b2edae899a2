// Live-figure journey (see harness.mjs): node e2e/live.mjs CONFIG.json. CONFIG names baseUrl, backerToken and
// campaign { id, title }.
// A visitor keeps a campaign's page open; another member pledges through the API (GraphQL over HTTP from this
// script, as any other client would); the page's raised amount and backers change without a reload, pushed over
// the page's graphql-transport-ws subscription. The page is audited by axe-core before and after.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage();

const pledgeDocument = `mutation Pledge($input: PledgeInput!) { pledge(input: $input) { raised { amount } } }`;

async function pledge(amount, idempotencyKey) {
  const response = await fetch(`${config.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${config.backerToken}` },
    body: JSON.stringify({ query: pledgeDocument, variables: { input: { campaignId: config.campaign.id, amount, idempotencyKey } } }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`pledge refused: ${JSON.stringify(body.errors)}`);
  return body.data.pledge.raised.amount;
}

await step("campaignPushed", async () => {
  let reloads = 0;
  page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) reloads += 1; });
  await page.goto(`/campaigns/${encodeURIComponent(config.campaign.id)}`);
  await page.getByRole("heading", { level: 1, name: config.campaign.title }).waitFor();
  const raised = page.getByTestId("raised");
  const before = await text(raised);
  const navigationsBefore = reloads;
  const raisedByApi = await pledge(2_500, "live-journey-1");
  await page.waitForFunction((initial) => document.querySelector("[data-testid=raised]")?.textContent !== initial, before);
  const after = await text(raised);
  await visit(page, "campaign-live");
  return { before, after, raisedByApi, reloaded: reloads !== navigationsBefore };
});

await finish();
