// Live-figure journey (see harness.mjs): node e2e/live.mjs CONFIG.json. CONFIG names baseUrl, backerToken,
// campaign { id, title }, voterToken, vote { id, title, optionId }, supporterToken, idea { id, title }, adminToken
// and feedVote (a createVote input).
// A visitor keeps a page open (a campaign, a vote, an idea, the home page's feed); another client moves it through
// the API (GraphQL over HTTP from this script, as any other client would): a pledge, a ballot, a support, a vote
// opened by an admin. The page changes without a reload, pushed over its graphql-transport-ws subscription. Each
// page is audited by axe-core after the push.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage();

const pledgeDocument = `mutation Pledge($input: PledgeInput!) { pledge(input: $input) { raised { amount } } }`;

async function call(token, query, variables) {
  const response = await fetch(`${config.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function pledge(amount, idempotencyKey) {
  const data = await call(config.backerToken, pledgeDocument, { input: { campaignId: config.campaign.id, amount, idempotencyKey } });
  return data.pledge.raised.amount;
}

/** Counts the main frame's navigations from now: a push must not reload the page. */
function navigations() {
  let count = 0;
  const listener = (frame) => { if (frame === page.mainFrame()) count += 1; };
  page.on("framenavigated", listener);
  return () => { page.off("framenavigated", listener); return count; };
}

/** Waits until the element of a test id no longer shows what it showed. */
async function changed(testId, initial) {
  await page.waitForFunction(([id, before]) => document.querySelector(`[data-testid=${id}]`)?.textContent !== before, [testId, initial]);
  return text(page.getByTestId(testId));
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

await step("votePushed", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.vote.id)}`);
  await page.getByRole("heading", { level: 1, name: config.vote.title }).waitFor();
  const before = await text(page.getByTestId("ballots"));
  const reloads = navigations();
  const cast = await call(config.voterToken, `mutation Cast($input: CastBallotInput!) { castBallot(input: $input) { ballots } }`,
    { input: { voteId: config.vote.id, choices: [config.vote.optionId] } });
  const after = await changed("ballots", before);
  await visit(page, "vote-live");
  return { before, after, ballotsByApi: cast.castBallot.ballots, reloaded: reloads() !== 0 };
});

await step("ideaPushed", async () => {
  await page.goto(`/ideas/${encodeURIComponent(config.idea.id)}`);
  await page.getByRole("heading", { level: 1, name: config.idea.title }).waitFor();
  const before = await text(page.getByTestId("supports"));
  const reloads = navigations();
  const supported = await call(config.supporterToken, `mutation($id: ID!) { supportIdea(id: $id) { supportCount } }`, { id: config.idea.id });
  const after = await changed("supports", before);
  await visit(page, "idea-live");
  return { before, after, supportsByApi: supported.supportIdea.supportCount, reloaded: reloads() !== 0 };
});

await step("feedPushed", async () => {
  await page.goto("/");
  await page.getByRole("heading", { level: 2, name: /en direct|live/i }).waitFor();
  const reloads = navigations();
  const opened = await call(config.adminToken, `mutation($input: CreateVoteInput!) { createVote(input: $input) { id title } }`, { input: config.feedVote });
  const link = page.getByTestId("feed").getByRole("link", { name: opened.createVote.title });
  await link.waitFor();
  const href = await link.getAttribute("href");
  const first = await text(page.getByTestId("feed").locator("li").first());
  await visit(page, "home-feed-live");
  return { voteId: opened.createVote.id, href, first, reloaded: reloads() !== 0 };
});

await finish();
