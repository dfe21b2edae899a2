// The residents' journeys beyond the first ones (see harness.mjs): node e2e/resident.mjs CONFIG.json. CONFIG names
// baseUrl, token (a member account's access token), deleteToken and deletePassword (a second account, deleted here),
// rewardCampaign { id, title, reward }, loanCampaign { id, title }, equityCampaign { id, title }, succeededCampaign
// { id, title }, filterCount (what the API answers for the filter the journey picks), voteId (open, choose-one),
// resultsVoteId (closed, equal shares), screenshots.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

/** A visitor already signed in with a token (as after the sign-in page), French by default. */
async function signedIn(token) {
  const page = await newPage();
  await page.context().addInitScript((value) => sessionStorage.setItem("civic.token", value), token);
  return page;
}

const page = await signedIn(config.token);

await step("homeCharts", async () => {
  await page.goto("/");
  const byMode = page.getByRole("figure", { name: "Fonds collectés par mode de financement" });
  await byMode.waitFor();
  const rows = await byMode.getByRole("row").count();
  const participation = await page.getByRole("figure", { name: "Participation aux votes" }).count();
  await visit(page, "home-figures");
  return { rows, participation, figures: await page.getByRole("figure").count() };
});

await step("campaignFilters", async () => {
  await page.goto("/campaigns");
  await page.getByRole("heading", { level: 1, name: "Campagnes" }).waitFor();
  await page.getByLabel("Catégorie").selectOption({ label: "Éducation" });
  await page.getByLabel("Mode de financement").selectOption({ label: "Prêt" });
  await page.getByLabel("État").selectOption({ label: "En cours" });
  const count = page.getByTestId("campaign-count").filter({ hasText: `${config.filterCount} campagne` });
  await count.waitFor();
  await page.getByRole("link", { name: config.loanCampaign.title }).waitFor();
  const listed = await page.locator(".cards > li").count();
  const donationListed = await page.getByRole("link", { name: config.rewardCampaign.title }).count();
  await visit(page, "campaigns-filtered");
  return { count: await text(count), listed, donationListed };
});

await step("rewardPledge", async () => {
  await page.goto(`/campaigns/${encodeURIComponent(config.rewardCampaign.id)}`);
  await page.getByRole("heading", { name: "Contreparties" }).waitFor();
  const countdown = await text(page.getByTestId("countdown"));
  const before = await text(page.getByTestId("reward").filter({ hasText: config.rewardCampaign.reward }));
  await page.getByRole("button", { name: `Choisir ${config.rewardCampaign.reward}` }).click();
  const amount = await page.getByLabel("Montant (€)").inputValue();
  const chosen = await page.getByLabel("Contrepartie", { exact: true }).inputValue();
  await page.getByLabel("Carte (acceptée)").check();
  await page.getByRole("button", { name: "Contribuer" }).click();
  const answer = page.locator(".outcome");
  await answer.waitFor();
  const after = page.getByTestId("reward").filter({ hasText: config.rewardCampaign.reward }).filter({ hasText: "il en reste 1 sur 2" });
  await after.waitFor();
  await visit(page, "campaign-reward");
  return { countdown, before, amount, chosen, outcome: await text(answer), after: await text(after) };
});

await step("loanStep", async () => {
  await page.goto(`/campaigns/${encodeURIComponent(config.loanCampaign.id)}`);
  const terms = page.getByTestId("loan-terms");
  await terms.waitFor();
  const shown = await text(terms);
  await page.getByLabel("Montant (€)").fill("100");
  await page.getByText("Échéancier indicatif pour").click(); // opens the schedule
  const instalments = await page.getByRole("table", { name: "Échéancier indicatif (échéances constantes)" }).getByRole("row").count();
  await page.getByRole("button", { name: "Prêter" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Confirmez avoir lu les conditions du prêt" });
  await refused.waitFor();
  const refusal = await text(refused);
  await visit(page, "campaign-loan");
  await page.getByLabel("J'ai lu les conditions du prêt et je comprends ce risque.").check();
  await page.getByLabel("Carte (acceptée)").check();
  await page.getByRole("button", { name: "Prêter" }).click();
  const answer = page.locator(".outcome");
  await answer.waitFor();
  return { shown, instalments, refused: refusal, outcome: await text(answer) };
});

await step("equitySteps", async () => {
  await page.goto(`/campaigns/${encodeURIComponent(config.equityCampaign.id)}`);
  await page.getByRole("heading", { name: "1. Fiche d'informations clés" }).waitFor();
  await page.getByLabel("Actions", { exact: true }).fill("15");
  const warning = page.getByText("Un investissement dans un projet de financement participatif comporte le risque de perdre la totalité de l'argent investi.");
  await warning.waitFor();
  await page.getByRole("button", { name: "Investir" }).click();
  const kiisFirst = await text(page.locator("p.error[role=alert]"));
  await page.getByLabel("J'ai lu la fiche d'informations clés.").check();
  await page.getByLabel("La totalité de la somme investie").check();
  await page.getByLabel("Pas forcément : il peut n'y avoir aucun acheteur").check();
  await page.getByLabel("Ne placer qu'une petite part de mon épargne et la répartir entre projets").check();
  const test = await text(page.getByTestId("knowledge-test"));
  await page.getByRole("button", { name: "Investir" }).click();
  const riskFirst = await text(page.locator("p.error[role=alert]"));
  await page.getByLabel("J'ai compris que je peux perdre la totalité de l'argent investi.").check();
  await visit(page, "campaign-equity");
  await page.getByRole("button", { name: "Investir" }).click();
  const done = page.getByTestId("invested").getByRole("status");
  await done.waitFor();
  const invested = await text(done);
  await visit(page, "campaign-equity-invested");
  await page.getByRole("button", { name: "Révoquer mon investissement" }).click();
  const revoked = page.getByRole("status").filter({ hasText: "Votre investissement est révoqué" });
  await revoked.waitFor();
  return { kiisFirst, test, riskFirst, invested, revoked: await text(revoked) };
});

await step("mySpace", async () => {
  await page.getByRole("navigation").getByRole("link", { name: "Mon espace" }).click();
  await page.getByRole("heading", { level: 1, name: "Mon espace" }).waitFor();
  const rows = page.getByTestId("contribution");
  await rows.filter({ hasText: config.rewardCampaign.title }).first().waitFor();
  const succeeded = rows.filter({ hasText: config.succeededCampaign.title });
  await succeeded.waitFor();
  await succeeded.getByRole("button", { name: "Demander mon reçu fiscal" }).click();
  await succeeded.getByLabel("Nom du donateur").fill("Camille Martin");
  await succeeded.getByLabel("Adresse du donateur").fill("2 rue des Lilas, 06560 Valbonne");
  await succeeded.getByRole("button", { name: "Émettre le reçu" }).click();
  const receipt = succeeded.getByRole("button", { name: /Télécharger le reçu n° / });
  await receipt.waitFor();
  const download = page.waitForEvent("download");
  await receipt.click();
  const file = await download;
  const ballots = page.getByTestId("ballot-cast");
  await ballots.first().waitFor();
  await visit(page, "my-space");
  return {
    rows: await rows.count(),
    receipt: await text(receipt),
    receiptFile: file.suggestedFilename(),
    statuses: await rows.allInnerTexts(),
    ballots: await ballots.count(),
  };
});

await step("dataExportRequested", async () => {
  await page.getByRole("button", { name: "Demander l'export de mes données" }).click();
  const done = page.getByRole("status").filter({ hasText: "Demande enregistrée" });
  await done.waitFor();
  const listed = page.getByTestId("exports").getByRole("row");
  await listed.nth(1).waitFor();
  await visit(page, "my-space-export");
  return { said: await text(done), exports: (await listed.count()) - 1 };
});

await step("secondBallotRefused", async () => {
  const first = await signedIn(config.token);
  const second = await first.context().newPage();
  for (const tab of [first, second]) {
    await tab.goto(`/votes/${encodeURIComponent(config.voteId)}`);
    await tab.getByRole("radio").first().check();
  }
  await first.getByRole("button", { name: "Voter" }).click();
  await first.getByRole("button", { name: "Oui, je vote" }).click();
  await first.getByRole("status").filter({ hasText: "Vous avez voté" }).waitFor();
  // The second tab still shows the ballot: the API refuses it and the page says why.
  await second.getByRole("button", { name: "Voter" }).click();
  await second.getByRole("button", { name: "Oui, je vote" }).click();
  const refused = second.locator("[data-code=ALREADY_VOTED]");
  await refused.waitFor();
  const voted = second.getByRole("status").filter({ hasText: "Vous avez voté" });
  await voted.waitFor();
  await visit(second, "ballot-refused");
  const result = { refused: await text(refused), voted: await text(voted), forms: await second.getByRole("radio").count() };
  await first.context().close();
  return result;
});

await step("resultsCharts", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.resultsVoteId)}/results`);
  const charts = page.getByTestId("results-charts");
  await charts.waitFor();
  const equalShares = charts.getByRole("figure", { name: "Parts égales : ce que chaque projet a coûté à ses soutiens" });
  await equalShares.waitFor();
  const selected = await page.getByRole("cell", { name: "Retenu", exact: true }).count();
  await visit(page, "results-charts");
  return {
    figures: await charts.getByRole("figure").count(),
    byProject: await charts.getByRole("figure", { name: "Score par projet" }).getByRole("row").count(),
    equalShares: await equalShares.getByRole("cell").allInnerTexts(),
    selected,
  };
});

await step("accountDeleted", async () => {
  const other = await signedIn(config.deleteToken);
  await other.goto("/me");
  await other.getByRole("heading", { name: "Supprimer mon compte" }).waitFor();
  await other.getByRole("button", { name: "Supprimer mon compte…" }).click();
  await other.getByLabel("Mot de passe", { exact: true }).fill(config.deletePassword);
  await visit(other, "my-space-delete");
  await other.getByRole("button", { name: "Oui, supprimer mon compte" }).click();
  await other.getByRole("link", { name: "Se connecter" }).waitFor();
  const result = { path: new URL(other.url()).pathname, token: await other.evaluate(() => sessionStorage.getItem("civic.token")) };
  await other.context().close();
  return result;
});

await finish();
