// Residents cast cumulative, majority-judgment and district ballots (see harness.mjs): node e2e/ballots.mjs CONFIG.json.
// CONFIG names baseUrl, token (a member of district Nord), cumulative, grades and district (each { id, options: [titles] }),
// screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

const page = await newPage();
await page.goto(`/sign-in?back=${encodeURIComponent("/votes")}`);
await page.getByLabel("Jeton", { exact: true }).fill(config.token);
await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
await page.getByRole("heading", { level: 1 }).waitFor();

async function castAndConfirm(name) {
  await page.getByRole("button", { name: "Voter" }).click();
  await page.getByRole("button", { name: "Oui, je vote" }).click();
  const voted = page.getByRole("status").filter({ hasText: "Vous avez voté" });
  await voted.waitFor();
  await visit(page, name);
  return await text(voted);
}

await step("cumulativeBallot", async () => {
  const [a, b] = config.cumulative.options;
  await page.goto(`/votes/${encodeURIComponent(config.cumulative.id)}`);
  const more = (title) => page.getByRole("button", { name: `Un point de plus pour ${title}` });
  for (let i = 0; i < 3; i++) await more(a).click();
  const capped = await more(a).isDisabled(); // at most 3 points per project
  await more(b).click();
  await more(b).click();
  const left = await text(page.getByText(/Il reste \d+ points? sur/));
  const allSpent = await more(b).isDisabled(); // 5 points in all
  await visit(page, "ballot-cumulative");
  return { capped, allSpent, left, voted: await castAndConfirm("ballot-cumulative-cast") };
});

await step("majorityJudgmentBallot", async () => {
  const [a, b, c] = config.grades.options;
  await page.goto(`/votes/${encodeURIComponent(config.grades.id)}`);
  await page.getByRole("group", { name: a }).getByLabel("Très bien").check();
  const missing = page.getByText(/Encore 2 projets sans mention/);
  await missing.waitFor();
  const said = await text(missing);
  await page.getByRole("group", { name: b }).getByLabel("Passable").check();
  await page.getByRole("group", { name: c }).getByLabel("À rejeter").check();
  await visit(page, "ballot-grades");
  return { missing: said, voted: await castAndConfirm("ballot-grades-cast") };
});

await step("districtBallot", async () => {
  const [north, south] = config.district.options;
  await page.goto(`/votes/${encodeURIComponent(config.district.id)}`);
  const districts = page.getByTestId("districts");
  await districts.waitFor();
  const before = await text(districts);
  // The ballot is for the voter's district (Nord) and names its projects only; the vote allows a second district.
  const ballot = page.getByRole("form", { name: "Voter" });
  await ballot.getByLabel(north).waitFor();
  const southInNorth = await ballot.getByLabel(south).count();
  const chooser = page.getByLabel("Mon bulletin est pour le quartier");
  const chosen = await chooser.inputValue();
  await chooser.selectOption("Sud");
  await ballot.getByLabel(south).waitFor();
  const northInSouth = await ballot.getByLabel(north).count();
  await visit(page, "ballot-district-second");
  await chooser.selectOption("Nord");
  await page.getByLabel(north).check();
  const voted = await castAndConfirm("ballot-district-cast");
  await page.getByTestId("districts").filter({ hasText: "Nord : budget 5 000,00 €, 1 bulletin" }).waitFor();
  return { before, chosen, southInNorth, northInSouth, voted, after: await text(page.getByTestId("districts")) };
});

await finish();
