// Staff journeys (see harness.mjs): node e2e/staff.mjs CONFIG.json. CONFIG names baseUrl, moderatorToken, adminToken,
// approveTitle and rejectTitle (two submitted campaigns), rejectReason, voteTitle, pbFile (a Pabulib file to upload),
// importTitle, campaignTitle, tenant (the site's tenant slug, for GraphiQL), screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

async function signIn(page, token, back) {
  await page.goto(`/sign-in?back=${encodeURIComponent(back)}`);
  await page.getByLabel("Jeton", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
}

const moderator = await newPage();

await step("moderatorApproves", async () => {
  await signIn(moderator, config.moderatorToken, "/");
  await moderator.getByRole("navigation", { name: "Navigation" }).getByRole("link", { name: "Espace équipe" }).click();
  await moderator.getByRole("heading", { level: 1, name: "Espace équipe" }).waitFor();
  const staffLinks = await moderator.getByRole("navigation", { name: "Espace équipe" }).getByRole("link").allInnerTexts();
  const ideasQueue = moderator.getByRole("link", { name: "Idées et signalements à modérer" });
  await ideasQueue.waitFor();
  const ideasHref = await ideasQueue.getAttribute("href");
  const welcome = await text(moderator.locator(".staff-page p").first());
  await moderator.getByRole("link", { name: "Modération des campagnes" }).click();
  await moderator.getByRole("heading", { level: 1, name: "Modération des campagnes" }).waitFor();
  const form = moderator.getByRole("form", { name: `Décision sur « ${config.approveTitle} »` });
  await form.waitFor();
  await visit(moderator, "staff-moderation");
  await form.getByLabel("Note (facultative)").fill("Projet clair, budget réaliste.");
  await form.getByRole("button", { name: "Approuver la campagne" }).click();
  await form.waitFor({ state: "detached" });
  const decided = moderator.locator("li.card").filter({ has: moderator.getByRole("heading", { name: config.approveTitle }) });
  await decided.waitFor();
  await decided.locator("summary").click();
  const history = await text(decided.locator(".history"));
  await visit(moderator, "staff-moderation-decided");
  return { staffLinks, welcome, ideasQueue: ideasHref, badge: await text(decided.locator(".badge")), history };
});

await step("moderatorRejectsWithReason", async () => {
  const form = moderator.getByRole("form", { name: `Décision sur « ${config.rejectTitle} »` });
  await form.getByLabel("Refuser").check();
  await form.getByRole("button", { name: "Refuser la campagne" }).click();
  const missing = form.getByRole("alert");
  await missing.waitFor();
  const refused = await text(missing);
  const invalid = await form.getByLabel("Motif (communiqué au porteur)").getAttribute("aria-invalid");
  await visit(moderator, "staff-moderation-reason-required");
  await form.getByLabel("Motif (communiqué au porteur)").fill(config.rejectReason);
  await form.getByRole("button", { name: "Refuser la campagne" }).click();
  await form.waitFor({ state: "detached" });
  return { refused, invalid };
});

await step("moderatorSeesNoAdminPage", async () => {
  await moderator.goto("/staff/votes/new");
  const alert = moderator.getByRole("alert").filter({ hasText: "réservée aux administrateurs" });
  await alert.waitFor();
  return await text(alert);
});

const admin = await newPage();

await step("adminCreatesKnapsackVote", async () => {
  await signIn(admin, config.adminToken, "/staff/votes/new");
  await admin.getByRole("heading", { level: 1, name: "Nouveau vote" }).waitFor();
  await admin.getByLabel("Titre", { exact: true }).fill(config.voteTitle);
  await admin.getByLabel("Type de bulletin").selectOption("KNAPSACK");
  await admin.getByLabel("Règle de dépouillement").selectOption("EQUAL_SHARES");
  await admin.getByLabel("Choix maximum").fill("3");
  await admin.getByLabel("Budget (€)").fill("10000");
  await admin.getByRole("button", { name: "Ajouter une proposition" }).click();
  const options = [["Pistes cyclables", "6000"], ["Aire de jeux", "3000,50"], ["Fontaines", "2000"]];
  for (const [i, [title, cost]] of options.entries()) {
    await admin.getByLabel(`Proposition ${i + 1}`, { exact: true }).fill(title);
    await admin.getByLabel(`Coût de la proposition ${i + 1} (€)`).fill(cost);
  }
  await visit(admin, "staff-vote-new");
  await admin.getByRole("button", { name: "Créer le vote" }).click();
  await admin.getByRole("heading", { level: 1, name: config.voteTitle }).waitFor();
  await visit(admin, "staff-vote-created");
  return { id: decodeURIComponent(new URL(admin.url()).pathname.split("/").pop()), summary: await text(admin.locator("article p.muted")) };
});

await step("adminImportsPabulibClosesAndReadsResults", async () => {
  await admin.getByRole("navigation", { name: "Espace équipe" }).getByRole("link", { name: "Votes", exact: true }).click();
  await admin.getByRole("heading", { level: 1, name: "Votes" }).waitFor();
  await admin.getByRole("link", { name: config.voteTitle }).waitFor();
  await visit(admin, "staff-votes");
  await admin.getByLabel("Fichier .pb").setInputFiles(config.pbFile);
  await admin.getByLabel("Titre du vote (facultatif)").fill(config.importTitle);
  await admin.getByRole("button", { name: "Importer" }).click();
  await admin.getByRole("heading", { level: 1, name: config.importTitle }).waitFor();
  const id = decodeURIComponent(new URL(admin.url()).pathname.split("/").pop());
  const imported = await text(admin.locator("article p.muted"));
  await visit(admin, "staff-vote-imported");
  await admin.getByRole("button", { name: "Clore le vote" }).click();
  await admin.getByRole("button", { name: "Oui, clore le vote" }).click();
  const closed = admin.getByRole("status").filter({ hasText: "Vote clos" });
  await closed.waitFor();
  const closedText = await text(closed);
  await admin.getByRole("link", { name: "Voir les résultats" }).click();
  // The results table (each chart also has its figures as a table, for screen readers).
  const results = admin.getByRole("table", { name: "Résultats par projet" });
  await results.waitFor();
  const selectedRows = results.getByRole("row").filter({ has: admin.getByRole("cell", { name: "Retenu", exact: true }) });
  const selected = [];
  for (const row of await selectedRows.all()) selected.push(await text(row.getByRole("rowheader")));
  await visit(admin, "staff-results-imported");
  return { id, imported, closed: closedText, selected };
});

await step("adminCreatesAndPublishesCampaign", async () => {
  await admin.goto("/staff/campaigns/new");
  await admin.getByRole("heading", { level: 1, name: "Nouvelle campagne" }).waitFor();
  await admin.getByLabel("Titre", { exact: true }).fill(config.campaignTitle);
  await admin.getByLabel("Présentation").fill("Des arbres dans chaque rue de la ville.");
  await admin.getByLabel("Objectif (€)").fill("5000");
  await admin.getByLabel("Catégorie").selectOption("ECOLOGICAL_TRANSITION");
  await visit(admin, "staff-campaign-new");
  await admin.getByRole("button", { name: "Créer le brouillon" }).click();
  await admin.getByRole("status").filter({ hasText: "Brouillon" }).waitFor();
  await admin.getByRole("button", { name: "Publier la campagne" }).click();
  const published = admin.getByRole("status").filter({ hasText: "publiée" });
  await published.waitFor();
  const href = await admin.getByRole("link", { name: "Voir la page de la campagne" }).getAttribute("href");
  await visit(admin, "staff-campaign-published");
  return { outcome: await text(published), id: decodeURIComponent(href.split("/").pop()) };
});

await step("adminFundsMatchPool", async () => {
  await admin.goto("/staff/match-pool");
  await admin.getByRole("heading", { level: 1, name: "Réserve d'abondement" }).waitFor();
  await admin.getByLabel("Montant à ajouter (€)").fill("500");
  await admin.getByRole("button", { name: "Alimenter la réserve" }).click();
  const funded = admin.getByRole("status").filter({ hasText: "La réserve a été alimentée." });
  await funded.waitFor();
  const pool = await text(admin.getByTestId("pool"));
  await visit(admin, "staff-match-pool");
  return { outcome: await text(funded), pool };
});

await step("brandingWarnsOnLowContrast", async () => {
  await admin.goto("/staff/branding");
  await admin.getByRole("heading", { level: 1, name: "Identité visuelle" }).waitFor();
  const initial = await admin.getByLabel("Couleur principale", { exact: true }).inputValue();
  await admin.getByTestId("contrast-ok").waitFor();
  await admin.getByLabel("Nom affiché").fill("Ville claire");
  await admin.getByLabel("Couleur principale", { exact: true }).fill("#fbbf24");
  const warning = admin.getByTestId("contrast-warning");
  await warning.waitFor();
  const warned = await text(warning);
  const live = await admin.locator(".contrast").getAttribute("aria-live");
  const preview = await admin.getByTestId("branding-preview").evaluate((e) => getComputedStyle(e).getPropertyValue("--civic-primary").trim());
  await visit(admin, "staff-branding-warning");
  await admin.getByLabel("Couleur principale", { exact: true }).fill("#7c2d12");
  await admin.getByTestId("contrast-ok").waitFor();
  const fixed = await warning.count();
  await visit(admin, "staff-branding");
  return { initial, warned, live, preview, warningAfterFix: fixed };
});

// The developers' GraphiQL: the host serves it at /graphql to a browser; its docs come from the API's schema.
await step("graphiql", async () => {
  const dev = await newPage();
  await dev.goto("/graphql");
  await dev.locator(".graphiql-container").waitFor();
  await dev.getByLabel("Collectivité").fill(config.tenant);
  await dev.getByRole("button", { name: "Appliquer" }).click();
  const tokenField = await dev.getByLabel("Jeton (développement)").count();
  await dev.getByRole("button", { name: /Show Documentation Explorer|Documentation/i }).first().click();
  const docs = dev.locator(".graphiql-doc-explorer");
  await docs.waitFor();
  await docs.getByText("Query", { exact: true }).first().waitFor();
  const docsText = (await text(docs)).slice(0, 400);
  const title = await dev.title();
  await visit(dev, "graphiql");
  await dev.context().close();
  return { title, tokenField, docs: docsText };
});

await finish();
