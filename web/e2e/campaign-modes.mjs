// The admin's new campaign form in its loan and equity modes (see harness.mjs): node e2e/campaign-modes.mjs CONFIG.json.
// CONFIG names baseUrl, adminToken, loanTitle, equityTitle, screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

const admin = await newPage();
await admin.goto(`/sign-in?back=${encodeURIComponent("/staff")}`);
await admin.getByLabel("Jeton", { exact: true }).fill(config.adminToken);
await admin.getByRole("button", { name: "Utiliser ce jeton" }).click();
await admin.getByRole("navigation", { name: "Espace équipe" }).waitFor();

/** Creates the draft, publishes it, and answers the campaign's id and the outcome said. */
async function createAndPublish() {
  await admin.getByRole("button", { name: "Créer le brouillon" }).click();
  await admin.getByRole("status").filter({ hasText: "Brouillon" }).waitFor();
  await admin.getByRole("button", { name: "Publier la campagne" }).click();
  const published = admin.getByRole("status").filter({ hasText: "publiée" });
  await published.waitFor();
  const href = await admin.getByRole("link", { name: "Voir la page de la campagne" }).getAttribute("href");
  return { outcome: await text(published), id: decodeURIComponent(href.split("/").pop()) };
}

await step("adminCreatesLoanCampaign", async () => {
  await admin.goto("/staff/campaigns/new");
  await admin.getByRole("heading", { level: 1, name: "Nouvelle campagne" }).waitFor();
  await admin.getByLabel("Mode de financement").selectOption("LOAN");
  await admin.getByLabel("Titre", { exact: true }).fill(config.loanTitle);
  await admin.getByLabel("Objectif (€)").fill("20000");
  const ends = await admin.getByLabel("Fin", { exact: true }).inputValue();
  await admin.getByLabel("Taux annuel (%)").fill("2,5");
  await admin.getByLabel("Durée (mois)").fill("24");
  await admin.getByLabel("Première échéance").fill(ends.slice(0, 10)); // the day the campaign ends: too early
  await admin.getByRole("button", { name: "Créer le brouillon" }).click();
  const refused = admin.getByRole("alert");
  await refused.waitFor();
  const tooEarly = await text(refused);
  await visit(admin, "staff-campaign-loan-refused");
  const later = new Date(`${ends.slice(0, 10)}T12:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 45);
  const firstRepaymentOn = later.toISOString().slice(0, 10);
  await admin.getByLabel("Première échéance").fill(firstRepaymentOn);
  const created = await createAndPublish();
  await visit(admin, "staff-campaign-loan-published");
  return { tooEarly, firstRepaymentOn, ...created };
});

await step("adminCreatesEquityCampaign", async () => {
  await admin.goto("/staff/campaigns/new");
  await admin.getByRole("heading", { level: 1, name: "Nouvelle campagne" }).waitFor();
  await admin.getByLabel("Mode de financement").selectOption("EQUITY");
  await admin.getByLabel("Titre", { exact: true }).fill(config.equityTitle);
  await admin.getByLabel("Objectif (€)").fill("50000");
  await admin.getByLabel("Prix d'une action (€)").fill("10");
  await admin.getByLabel("Nombre d'actions offertes").fill("10000");
  await admin.getByLabel("Montant maximal à lever (€)").fill("40000"); // below the goal
  await admin.getByRole("button", { name: "Créer le brouillon" }).click();
  const refused = admin.getByRole("alert");
  await refused.waitFor();
  const belowGoal = await text(refused);
  await visit(admin, "staff-campaign-equity-refused");
  await admin.getByLabel("Montant maximal à lever (€)").fill("80000");
  await admin.getByLabel("Fiche d'informations clés (référence du document)").fill("dic-cooperative-2026.pdf");
  const created = await createAndPublish();
  return { belowGoal, ...created };
});

await finish();
