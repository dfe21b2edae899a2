// A campaign owner's updates to backers (see harness.mjs): node e2e/updates.mjs CONFIG.json. CONFIG names baseUrl,
// ownerToken and backerToken (a backer of the campaign), campaignId, campaignTitle (a live campaign of the owner's with
// earlier updates: olderTitles oldest first, then mistake), updateTitle and updateBody (what the owner posts), screenshots.
// The owner posts an update from the campaign page (an empty form first: its messages) and deletes the mistaken one
// (a second click confirms); a backer then reads the new one on the
// campaign page, pages to the oldest update, and finds it in their notifications, which lead back to the campaign.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const campaignPath = `/campaigns/${encodeURIComponent(config.campaignId)}`;

async function signIn(page, token) {
  await page.goto(`/sign-in?back=${encodeURIComponent(campaignPath)}`);
  await page.getByLabel("Jeton", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
  await page.getByRole("heading", { level: 1, name: config.campaignTitle }).waitFor();
}

const updates = (page) => page.locator("section.campaign-updates-section");
const updateItem = (page, title) => updates(page).locator("li.campaign-update").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });

await step("ownerPosts", async () => {
  const page = await newPage();
  await signIn(page, config.ownerToken);
  await page.getByRole("heading", { level: 2, name: "Actualités du projet" }).waitFor();
  await page.getByRole("button", { name: "Publier l'actualité" }).click();
  const titleProblem = await text(page.locator("#update-title-hint"));
  const titleInvalid = await page.getByLabel("Titre de l'actualité").getAttribute("aria-invalid");
  await page.getByLabel("Titre de l'actualité").fill(config.updateTitle);
  await page.getByLabel("Texte de l'actualité (Markdown)").fill(config.updateBody);
  await page.getByRole("button", { name: "Publier l'actualité" }).click();
  const posted = page.getByRole("status").filter({ hasText: config.updateTitle });
  await posted.waitFor();
  await updateItem(page, config.updateTitle).waitFor();
  const mistaken = updateItem(page, config.mistake);
  await mistaken.getByRole("button", { name: `Supprimer l'actualité « ${config.mistake} »` }).click();
  await mistaken.getByRole("group", { name: "Supprimer définitivement cette actualité ?" }).getByRole("button", { name: "Oui, supprimer" }).click();
  await mistaken.waitFor({ state: "detached" });
  await updateItem(page, config.olderTitles[1]).waitFor();
  await visit(page, "campaign-updates-owner");
  const titles = await updates(page).locator("li.campaign-update h3").allInnerTexts();
  await page.context().close();
  return { titleProblem, titleInvalid, first: titles[0], shown: titles.length, titles };
});

await step("backerReads", async () => {
  const page = await newPage();
  await signIn(page, config.backerToken);
  const mine = updateItem(page, config.updateTitle);
  await mine.waitFor();
  const strong = await text(mine.locator(".update-body strong").first());
  const formShown = await page.getByRole("button", { name: "Publier l'actualité" }).count();
  await updates(page).getByRole("button", { name: "Actualités plus anciennes" }).click();
  await updateItem(page, config.olderTitles[0]).waitFor();
  const titles = await updates(page).locator("li.campaign-update h3").allInnerTexts();
  await visit(page, "campaign-updates-backer");

  await page.goto("/me");
  await page.getByRole("heading", { level: 2, name: "Mes notifications" }).waitFor();
  const note = page.locator("li.notification").filter({ has: page.getByRole("link", { name: config.updateTitle }) });
  await note.waitFor();
  const noteText = await text(note);
  const unread = await text(page.getByTestId("unread"));
  await visit(page, "my-notifications");
  await note.getByRole("link", { name: config.updateTitle }).click();
  await page.getByRole("heading", { level: 1, name: config.campaignTitle }).waitFor();
  return { strong, formShown, titles, noteText, unread, path: new URL(page.url()).pathname };
});

await finish();
