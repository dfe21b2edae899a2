// Idea-box journeys (see harness.mjs): node e2e/ideas.mjs CONFIG.json. CONFIG names baseUrl, residentToken,
// moderatorToken, boxId, boxTitle, ideaId and ideaTitle (an idea of another member), commentText (another member's
// comment on it), newIdeaTitle, screenshots.
// A resident opens the box, proposes an idea and sees the similar-idea hints, supports an idea by keyboard, comments,
// replies and votes, reports a comment; a moderator sees the report in the queue and hides the comment; in French, then
// English. Every page is audited by axe-core and screenshotted.
import { startJourney } from "./harness.mjs";
import { commentItem as commentOf, commentReplyAndVote } from "./comments.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage();
const ideaPath = `/ideas/${encodeURIComponent(config.ideaId)}`;

async function signIn(on, token, back) {
  await on.goto(`/sign-in?back=${encodeURIComponent(back)}`);
  await on.getByLabel("Jeton", { exact: true }).fill(token);
  await on.getByRole("button", { name: "Utiliser ce jeton" }).click();
}

await step("boxesList", async () => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Boîtes à idées" }).click();
  await page.getByRole("heading", { level: 1, name: "Boîtes à idées" }).waitFor();
  await page.getByRole("link", { name: config.boxTitle }).waitFor();
  const moderationLinks = await page.getByRole("link", { name: "Modération des idées et des signalements" }).count();
  await visit(page, "idea-boxes");
  return { path: new URL(page.url()).pathname, moderationLinks };
});

await step("boxPage", async () => {
  await page.getByRole("link", { name: config.boxTitle }).click();
  await page.getByRole("heading", { level: 1, name: config.boxTitle }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Règles" }).waitFor();
  await page.getByRole("link", { name: config.ideaTitle }).waitFor();
  await page.getByLabel("Trier par").selectOption("NEWEST");
  await page.getByLabel("Catégorie").selectOption("Nature");
  await page.getByRole("link", { name: config.ideaTitle }).waitFor();
  await page.getByLabel("Mots à chercher").fill("arbres");
  await page.getByLabel("Mots à chercher").press("Enter");
  const shown = page.getByTestId("ideas-shown").filter({ hasText: "pour « arbres »" });
  await shown.waitFor();
  await page.getByRole("link", { name: config.ideaTitle }).waitFor();
  const found = await text(shown);
  await page.getByLabel("Mots à chercher").fill("zzzqqqxyz");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const none = page.getByTestId("ideas-shown").filter({ hasText: "0 idée affichée" });
  await none.waitFor();
  const nothing = await text(none);
  await page.getByLabel("Mots à chercher").fill("");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByLabel("Trier par").selectOption("RANDOM");
  await page.getByRole("link", { name: config.ideaTitle }).waitFor();
  const live = await page.getByTestId("ideas-shown").locator("xpath=..").getAttribute("aria-live");
  await visit(page, "idea-box");
  return { found, nothing, live, signInOffered: await page.getByRole("link", { name: "Connectez-vous pour proposer une idée." }).count() };
});

await step("residentIsNotAModerator", async () => {
  await signIn(page, config.residentToken, `/ideas/boxes/${config.boxId}`);
  await page.getByRole("heading", { level: 1, name: config.boxTitle }).waitFor();
  await page.goto("/ideas/moderation");
  const refused = page.getByText("Cette page est réservée aux modérateurs et aux administrateurs.");
  await refused.waitFor();
  return await text(refused);
});

await step("submitWithSimilarHints", async () => {
  await page.goto(`/ideas/boxes/${encodeURIComponent(config.boxId)}`);
  await page.getByRole("link", { name: "Proposer une idée" }).click();
  await page.getByRole("heading", { level: 1, name: "Proposer une idée" }).waitFor();
  const title = page.getByLabel("Titre de l'idée");
  await title.pressSequentially(config.newIdeaTitle, { delay: 40 }); // typed: the hints wait for the title to rest
  const hints = page.locator(".similar-count");
  await hints.waitFor();
  const hint = await text(hints);
  const similar = await page.getByRole("list", { name: "Idées proches" }).getByRole("link").allInnerTexts();
  // Sent without a body: the problem is announced and the field marked.
  await page.getByRole("button", { name: "Proposer mon idée" }).click();
  const fix = page.locator(".live").filter({ hasText: "à corriger" });
  await fix.waitFor();
  const announced = { text: await text(fix), live: await fix.getAttribute("aria-live"), invalid: await page.getByLabel("Description").getAttribute("aria-invalid") };
  await visit(page, "idea-submit");
  await page.getByLabel("Description").fill("Des arbres d'alignement pour rafraîchir la rue en été.");
  await page.getByLabel("Catégorie", { exact: true }).selectOption("Nature");
  await page.getByLabel("Quartier", { exact: true }).selectOption("Nord");
  await page.getByRole("button", { name: "Proposer mon idée" }).click();
  await page.getByRole("heading", { level: 1, name: config.newIdeaTitle }).waitFor();
  const created = new URL(page.url()).pathname;
  await visit(page, "idea-submitted");
  // The author edits within the window the API gives (mayEdit, editableUntil) and is offered withdrawal.
  const tools = page.locator("section.author-tools");
  const until = await text(tools.locator("p.muted").first());
  const withdrawOffered = await tools.getByRole("button", { name: "Retirer mon idée" }).count();
  await tools.getByRole("button", { name: "Modifier mon idée" }).click();
  await tools.getByLabel("Description").fill("Des arbres d'alignement et des bancs pour rafraîchir la rue en été.");
  await tools.getByRole("button", { name: "Enregistrer" }).click();
  await page.locator(".story", { hasText: "et des bancs" }).waitFor();
  return { hint, similar, announced, created, until, withdrawOffered };
});

await step("supportByKeyboard", async () => {
  await page.goto(ideaPath);
  await page.getByRole("heading", { level: 1, name: config.ideaTitle }).waitFor();
  const before = await text(page.getByTestId("supports"));
  const button = page.getByRole("button", { name: "Soutenir cette idée" });
  await button.focus();
  await page.keyboard.press("Enter");
  const said = page.locator(".support-said").filter({ hasText: "vous soutenez cette idée" });
  await said.waitFor();
  await page.getByTestId("supports").filter({ hasText: "1 soutien" }).waitFor();
  await page.getByRole("button", { name: "Retirer mon soutien" }).waitFor();
  return { before, after: await text(page.getByTestId("supports")), said: await text(said) };
});

const commentItem = (body) => commentOf(page, body);

await step("commentReplyAndVote", async () => {
  const turn = await commentReplyAndVote(page, text, { mine: config.myComment, reply: config.myReply, theirs: config.commentText });
  await visit(page, "idea-comments");
  return { ...turn, heading: await text(page.getByRole("heading", { level: 2, name: /commentaires/ })) };
});

await step("reportComment", async () => {
  const theirs = commentItem(config.commentText);
  await theirs.getByRole("button", { name: "Signaler ce commentaire" }).first().click();
  await theirs.getByLabel("Hors sujet").check();
  await theirs.getByLabel("Précisez (facultatif)").fill("Sans rapport avec l'idée.");
  await visit(page, "idea-report");
  await theirs.getByRole("button", { name: "Envoyer le signalement" }).click();
  const thanks = theirs.locator(".report-done").first();
  await thanks.waitFor();
  return await text(thanks);
});

await step("moderatorHidesReportedComment", async () => {
  const moderator = await newPage();
  await signIn(moderator, config.moderatorToken, "/ideas");
  await moderator.getByRole("heading", { level: 1, name: "Boîtes à idées" }).waitFor();
  await moderator.getByRole("link", { name: "Modération des idées et des signalements" }).click();
  await moderator.getByRole("heading", { level: 1, name: "Modération des idées" }).waitFor();
  const item = moderator.locator("li.queue-item").filter({ hasText: "Commentaire" }).first();
  await item.waitFor();
  const heading = await text(item.getByRole("heading", { level: 3 }));
  const excerpt = await text(item.locator(".excerpt"));
  const ideaLinks = await item.getByRole("link", { name: config.ideaTitle, exact: true }).count();
  const reports = await text(item.locator(".badge").first());
  const reasons = await item.locator("ul.reports li").allInnerTexts();
  await visit(moderator, "idea-moderation");
  await item.getByLabel("Motif (enregistré avec la décision)").fill("Hors sujet : masqué");
  await item.getByRole("button", { name: "Masquer" }).click();
  const done = item.locator(".moderated");
  await done.waitFor();
  const answer = await text(done);
  await item.getByRole("button", { name: "Rétablir" }).waitFor();

  // The answer form of the queue page: the moderator accepts the resident-supported idea.
  await moderator.getByLabel("Boîte à idées").selectOption(config.boxId);
  await moderator.getByLabel("État", { exact: true }).selectOption("SUBMITTED");
  const card = moderator.locator("li.card:not(.queue-item)").filter({ has: moderator.getByRole("link", { name: config.ideaTitle, exact: true }) });
  await card.waitFor();
  await card.getByLabel("Nouvel état").selectOption("ACCEPTED");
  await card.getByLabel("Réponse", { exact: true }).fill("Retenue : la plantation aura lieu cet hiver.");
  await card.getByRole("button", { name: "Publier la réponse" }).click();
  const answered = moderator.locator(".answered").filter({ hasText: "Réponse publiée" });
  await answered.waitFor();
  await card.waitFor({ state: "detached" }); // no longer a submitted idea
  await visit(moderator, "idea-moderation-done");
  const result = { heading, excerpt, ideaLinks, reports, reasons, answer, answered: await text(answered) };
  await moderator.context().close();
  return result;
});

await step("residentSeesHiddenAndAnswer", async () => {
  await page.goto(ideaPath);
  await page.getByRole("heading", { level: 1, name: config.ideaTitle }).waitFor();
  await page.getByText("Commentaire masqué par la modération.").waitFor();
  const answers = await page.locator("ul.answers li").allInnerTexts();
  await visit(page, "idea-answered");
  return { answers, bodyShown: await page.locator(".comment-body", { hasText: config.commentText }).count() };
});

await step("english", async () => {
  await page.goto(`/ideas/boxes/${encodeURIComponent(config.boxId)}`);
  await page.getByRole("combobox", { name: "Langue" }).selectOption("en");
  await page.getByRole("heading", { level: 2, name: "The ideas" }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Idea boxes" }).waitFor();
  const sort = await page.getByLabel("Sort by").locator("option").allInnerTexts();
  await visit(page, "idea-box-en");
  await page.goto(ideaPath);
  const withdraw = page.getByRole("button", { name: "Withdraw my support" });
  await withdraw.waitFor();
  await page.getByRole("heading", { level: 2, name: /comments?$/ }).waitFor();
  await visit(page, "idea-en");
  await page.goto(`/ideas/boxes/${encodeURIComponent(config.boxId)}/new`);
  await page.getByRole("heading", { level: 1, name: "Propose an idea" }).waitFor();
  await page.getByLabel("Title of the idea").pressSequentially("Trees on Pasteur street", { delay: 30 });
  await page.getByRole("button", { name: "Propose my idea" }).click();
  const fix = page.locator(".live").filter({ hasText: "need fixing" });
  await fix.waitFor();
  await visit(page, "idea-submit-en");
  return { sort, lang: await page.evaluate(() => document.documentElement.lang), fix: await text(fix) };
});

await finish();
