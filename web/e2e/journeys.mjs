// Resident journeys (see harness.mjs): node e2e/journeys.mjs CONFIG.json. CONFIG names baseUrl, token (a member's
// access token), tenantName, campaignId, chooseOneVoteId, approvalVoteId, knapsackVoteId, ordinalVoteId, closedVoteId,
// screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage();

await step("homeShowsTenant", async () => {
  await page.goto("/");
  await page.getByRole("heading", { level: 1 }).filter({ hasText: config.tenantName }).waitFor();
  await page.getByRole("link", { name: config.campaignTitle }).first().waitFor();
  const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--civic-primary").trim());
  await visit(page, "home");
  return { heading: await text(page.getByRole("heading", { level: 1 })), primary, lang: await page.evaluate(() => document.documentElement.lang) };
});

await step("campaignList", async () => {
  await page.getByRole("navigation").getByRole("link", { name: "Campagnes" }).click();
  await page.getByRole("heading", { level: 1, name: "Campagnes" }).waitFor();
  await page.getByRole("link", { name: config.campaignTitle }).waitFor();
  const bars = await page.getByRole("progressbar").count();
  await visit(page, "campaigns");
  return { bars };
});

await step("signInWithDevelopmentToken", async () => {
  await page.goto(`/campaigns/${encodeURIComponent(config.campaignId)}`);
  await page.getByRole("link", { name: "Connectez-vous pour contribuer." }).click();
  await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
  await visit(page, "sign-in");
  await page.getByLabel("Jeton", { exact: true }).fill(config.token);
  await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
  await page.getByRole("heading", { name: "Contribuer" }).waitFor();
  return new URL(page.url()).pathname;
});

async function pledge(method, amount) {
  await page.getByLabel("Montant (€)").fill(amount);
  await page.getByLabel(method).check();
  await page.getByRole("button", { name: "Contribuer" }).click();
  const answer = page.locator(".outcome");
  await answer.waitFor();
  return text(answer);
}

await step("pledgeWithCard", async () => {
  const outcome = await pledge("Carte (acceptée)", "25");
  await page.getByTestId("raised").filter({ hasText: "25,00" }).waitFor();
  await visit(page, "campaign-pledged");
  return { outcome, raised: await text(page.getByTestId("raised")) };
});

await step("pledgeWithDeclinedCard", async () => {
  const outcome = await pledge("Carte refusée", "10");
  await visit(page, "campaign-declined");
  return { outcome, role: await page.locator(".outcome").getAttribute("role"), raised: await text(page.getByTestId("raised")) };
});

await step("voteChooseOne", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.chooseOneVoteId)}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.getByRole("radio").first().check();
  await visit(page, "ballot-choose-one");
  await page.getByRole("button", { name: "Voter" }).click();
  await page.getByRole("button", { name: "Oui, je vote" }).click();
  const done = page.getByRole("status").filter({ hasText: "Vous avez voté" });
  await done.waitFor();
  await visit(page, "voted");
  return await text(done);
});

await step("voteApproval", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.approvalVoteId)}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const boxes = page.getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const thirdDisabled = config.approvalMax === 2 ? await boxes.nth(2).isDisabled() : null;
  await visit(page, "ballot-approval");
  await page.getByRole("button", { name: "Voter" }).click();
  await page.getByRole("button", { name: "Oui, je vote" }).click();
  const done = page.getByRole("status").filter({ hasText: "Vous avez voté" });
  await done.waitFor();
  return { voted: await text(done), thirdDisabled };
});

await step("voteKnapsack", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.knapsackVoteId)}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const boxes = page.getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const within = await text(page.locator(".budget-bar p"));
  await boxes.nth(2).check();
  const announced = page.locator(".ballot-problem").filter({ hasText: "Budget dépassé" });
  await announced.waitFor();
  const overBudget = { announced: await text(announced), live: await announced.getAttribute("aria-live"), disabled: await page.getByRole("button", { name: "Voter" }).isDisabled() };
  await visit(page, "ballot-knapsack-over");
  await boxes.nth(2).uncheck();
  await visit(page, "ballot-knapsack");
  await page.getByRole("button", { name: "Voter" }).click();
  await page.getByRole("button", { name: "Oui, je vote" }).click();
  const done = page.getByRole("status").filter({ hasText: "Vous avez voté" });
  await done.waitFor();
  return { voted: await text(done), within, overBudget };
});

await step("voteOrdinalByKeyboard", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.ordinalVoteId)}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const boxes = page.getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const down = page.getByRole("button", { name: "Descendre Pistes cyclables" });
  await down.focus();
  await page.keyboard.press("Enter");
  const moved = page.locator(".ballot-problem").filter({ hasText: "Pistes cyclables est maintenant en position 2" });
  await moved.waitFor();
  const announced = await text(moved);
  const ranking = await page.locator(".ranking li").allInnerTexts();
  await visit(page, "ballot-ordinal");
  await page.getByRole("button", { name: "Voter" }).click();
  await page.getByRole("button", { name: "Oui, je vote" }).click();
  const done = page.getByRole("status").filter({ hasText: "Vous avez voté" });
  await done.waitFor();
  return { voted: await text(done), first: ranking[0] ?? "", announced };
});

await step("results", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.closedVoteId)}/results`);
  await page.getByRole("table").first().waitFor(); // the results table, then each chart's text alternative
  const rows = await page.getByRole("row").count();
  const selected = await page.getByRole("cell", { name: "Retenu", exact: true }).count();
  await visit(page, "results");
  return { rows, selected };
});

await step("english", async () => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Langue" }).selectOption("en");
  const heading = page.getByRole("heading", { level: 1 }).filter({ hasText: "Welcome to the participation site of" });
  await heading.waitFor();
  const title = await text(heading);
  await visit(page, "home-en");
  await page.getByRole("navigation").getByRole("link", { name: "Votes" }).click();
  await page.getByRole("heading", { level: 1, name: "Votes" }).waitFor();
  await visit(page, "votes-en");
  await page.goto(`/votes/${encodeURIComponent(config.chooseOneVoteId)}`);
  const done = page.getByRole("status").filter({ hasText: "You have voted" });
  await done.waitFor();
  return { heading: title, voted: await text(done), lang: await page.evaluate(() => document.documentElement.lang) };
});

// A second resident signs in through the tenant's OpenID Connect sign-in page (Authorization Code + PKCE),
// then pledges by bank transfer: the API takes the site's access token and answers PENDING.
await step("signInWithAccountAndPledgeByTransfer", async () => {
  if (!config.account) return null;
  const other = await newPage();
  await other.goto(`/sign-in?back=${encodeURIComponent(`/campaigns/${config.campaignId}`)}`);
  await other.getByRole("button", { name: "Se connecter avec mon compte" }).click();
  await other.locator("#email").waitFor();
  const signInPage = new URL(other.url()).pathname;
  await other.locator("#email").fill(config.account.email);
  await other.locator("#password").fill(config.account.password);
  await other.locator("form button[type=submit]").click();
  await other.getByRole("heading", { name: "Contribuer" }).waitFor();
  const back = new URL(other.url()).pathname;
  await other.getByRole("button", { name: "Se déconnecter" }).waitFor();
  await other.getByLabel("Montant (€)").fill("15");
  await other.getByLabel("Virement bancaire").check();
  await other.getByRole("button", { name: "Contribuer" }).click();
  const answer = other.locator(".outcome");
  await answer.waitFor();
  const outcome = await answer.innerText();
  await visit(other, "campaign-transfer");
  await other.context().close();
  return { signInPage, back, outcome };
});

await finish();
