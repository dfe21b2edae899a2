// The admin's receipts page (see harness.mjs): node e2e/receipts.mjs CONFIG.json. CONFIG names baseUrl, adminToken,
// moderatorToken, approveName and rejectName (two pending receipt identities), campaignTitle (a paid-out donation
// campaign), number (a receipt issued for it), screenshots.
import { readFileSync } from "node:fs";
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

async function signIn(page, token, back) {
  await page.goto(`/sign-in?back=${encodeURIComponent(back)}`);
  await page.getByLabel("Jeton", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
}

/** Clicks the button and answers the file it downloads: its suggested name and its text. */
async function downloaded(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

await step("moderatorSeesAdminsOnly", async () => {
  const moderator = await newPage();
  await signIn(moderator, config.moderatorToken, "/staff/receipts");
  const alert = moderator.getByRole("alert").filter({ hasText: "réservée aux administrateurs" });
  await alert.waitFor();
  const links = await moderator.getByRole("navigation", { name: "Espace équipe" }).getByRole("link").allInnerTexts();
  if (links.includes("Reçus fiscaux et exports")) throw new Error("a moderator is offered the receipts page");
  await visit(moderator, "staff-receipts-moderator");
  return await text(alert);
});

const admin = await newPage();

await step("adminReviewsIdentities", async () => {
  await signIn(admin, config.adminToken, "/staff");
  await admin.getByRole("navigation", { name: "Espace équipe" }).getByRole("link", { name: "Reçus fiscaux et exports" }).click();
  await admin.getByRole("heading", { level: 1, name: "Reçus fiscaux et exports" }).waitFor();
  const toApprove = admin.getByRole("form", { name: `Validation de l'identité de ${config.approveName}` });
  const toReject = admin.getByRole("form", { name: `Validation de l'identité de ${config.rejectName}` });
  await toApprove.waitFor();
  await toReject.waitFor();
  await visit(admin, "staff-receipts");

  await toReject.getByRole("button", { name: "Refuser l'identité" }).click();
  const asked = toReject.getByRole("alert");
  await asked.waitFor();
  const reasonAsked = await text(asked);
  const reason = toReject.getByLabel("Motif du refus (communiqué au porteur)");
  const invalid = await reason.getAttribute("aria-invalid");
  await visit(admin, "staff-receipts-reason-required");
  await reason.fill("Le SIREN ne correspond pas à l'association.");
  await toReject.getByRole("button", { name: "Refuser l'identité" }).click();
  const rejected = admin.getByRole("status").filter({ hasText: `Identité de ${config.rejectName} refusée.` });
  await rejected.waitFor();

  await toApprove.getByRole("button", { name: "Valider l'identité" }).click();
  const approved = admin.getByRole("status").filter({ hasText: `Identité de ${config.approveName} validée` });
  await approved.waitFor();
  return { reasonAsked, invalid, approved: await text(approved), rejected: await text(rejected) };
});

await step("adminDownloadsReceiptsAndExports", async () => {
  const row = admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: config.number, exact: true }) });
  await row.waitFor();
  const receipt = await downloaded(admin, row.getByRole("button", { name: `Télécharger le reçu n° ${config.number}` }));
  const status = await text(row.getByRole("status"));
  const allCsv = await downloaded(admin, admin.getByRole("button", { name: "Télécharger tous les reçus (CSV)" }));
  const campaign = admin.getByLabel("Campagne", { exact: true });
  const option = campaign.locator("option").filter({ hasText: config.campaignTitle });
  await campaign.selectOption(await option.getAttribute("value"));
  const donors = await downloaded(admin, admin.getByRole("button", { name: "Télécharger les donateurs de la campagne (CSV)" }));
  await visit(admin, "staff-receipts-downloaded");
  return { row: await text(row), receiptFile: receipt.name, receipt: receipt.text, status, allCsv: allCsv.text, donorsFile: donors.name, donorsCsv: donors.text };
});

await finish();
