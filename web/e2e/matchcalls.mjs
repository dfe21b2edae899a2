// The admin's matchfunding calls page (see harness.mjs): node e2e/matchcalls.mjs CONFIG.json. CONFIG names baseUrl,
// adminToken, callName (the call to open), campaignTitle (a campaign that joins it), screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

const admin = await newPage();

await step("adminOpensACall", async () => {
  await admin.goto(`/sign-in?back=${encodeURIComponent("/staff")}`);
  await admin.getByLabel("Jeton", { exact: true }).fill(config.adminToken);
  await admin.getByRole("button", { name: "Utiliser ce jeton" }).click();
  await admin.getByRole("navigation", { name: "Espace équipe" }).getByRole("link", { name: "Appels à projets abondés" }).click();
  await admin.getByRole("heading", { level: 1, name: "Appels à projets abondés" }).waitFor();
  await visit(admin, "staff-match-calls");
  const form = admin.getByRole("form", { name: "Ouvrir un appel" });
  await form.getByRole("button", { name: "Ouvrir l'appel" }).click();
  const missing = form.getByRole("alert");
  await missing.waitFor();
  const nameAsked = await text(missing);
  const invalid = await form.getByLabel("Nom de l'appel").getAttribute("aria-invalid");
  await visit(admin, "staff-match-calls-name-required");
  await form.getByLabel("Nom de l'appel").fill(config.callName);
  await form.getByLabel("Euros versés par la réserve…").fill("2");
  await form.getByLabel("…pour ces euros collectés").fill("1");
  await form.getByLabel("Plafond par contribution (€)").fill("50");
  await form.getByRole("button", { name: "Ouvrir l'appel" }).click();
  const created = form.getByRole("status").filter({ hasText: `Appel « ${config.callName} » ouvert.` });
  await created.waitFor();
  const card = admin.locator("li.card").filter({ has: admin.getByRole("heading", { level: 3, name: config.callName }) });
  await card.waitFor();
  return { nameAsked, invalid, created: await text(created), card: await text(card) };
});

await step("adminFundsTheCall", async () => {
  const form = admin.getByRole("form", { name: `Alimenter la réserve de « ${config.callName} »` });
  await form.getByLabel("Montant à ajouter (€)").fill("300");
  await form.getByRole("button", { name: "Alimenter cet appel" }).click();
  const funded = form.getByRole("status").filter({ hasText: `La réserve de « ${config.callName} » a été alimentée.` });
  await funded.waitFor();
  const card = admin.locator("li.card").filter({ has: admin.getByRole("heading", { level: 3, name: config.callName }) });
  const pool = await text(card.getByTestId("call-pool"));
  await visit(admin, "staff-match-calls-funded");
  return { funded: await text(funded), pool };
});

await step("adminCreatesACampaignInTheCall", async () => {
  await admin.goto("/staff/campaigns/new");
  await admin.getByRole("heading", { level: 1, name: "Nouvelle campagne" }).waitFor();
  await admin.getByLabel("Titre", { exact: true }).fill(config.campaignTitle);
  await admin.getByLabel("Objectif (€)").fill("2000");
  const matching = admin.getByLabel("Abondement");
  await matching.getByRole("option", { name: `Rejoint l'appel « ${config.callName} »` }).waitFor({ state: "attached" });
  await matching.selectOption({ label: `Rejoint l'appel « ${config.callName} »` });
  await visit(admin, "staff-campaign-in-call");
  await admin.getByRole("button", { name: "Créer le brouillon" }).click();
  await admin.getByRole("status").filter({ hasText: "Brouillon" }).waitFor();
  await admin.getByRole("button", { name: "Publier la campagne" }).click();
  await admin.getByRole("status").filter({ hasText: "publiée" }).waitFor();
  const href = await admin.getByRole("link", { name: "Voir la page de la campagne" }).getAttribute("href");
  return { id: decodeURIComponent(href.split("/").pop()) };
});

await finish();
