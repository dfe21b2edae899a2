// Comment threads beyond ideas (see harness.mjs): node e2e/threads.mjs CONFIG.json. CONFIG names baseUrl,
// residentToken, campaignId and campaignTitle (a live campaign), commentText (another member's comment on it), voteId,
// optionTitle (a project of the open vote), myComment, myReply, projectComment, screenshots.
// A resident comments on a campaign with a stance, replies to another member's comment and votes on it; then opens a
// vote's project page from the vote and comments there. Every page is audited by axe-core and screenshotted.
import { startJourney } from "./harness.mjs";
import { commentItem as commentOf, commentReplyAndVote } from "./comments.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage();
const commentItem = (body) => commentOf(page, body);

await step("campaignThread", async () => {
  const back = `/campaigns/${encodeURIComponent(config.campaignId)}`;
  await page.goto(`/sign-in?back=${encodeURIComponent(back)}`);
  await page.getByLabel("Jeton", { exact: true }).fill(config.residentToken);
  await page.getByRole("button", { name: "Utiliser ce jeton" }).click();
  await page.getByRole("heading", { level: 1, name: config.campaignTitle }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Discussion" }).waitFor();
  await commentItem(config.commentText).waitFor();

  const turn = await commentReplyAndVote(page, text, { mine: config.myComment, reply: config.myReply, theirs: config.commentText });
  await visit(page, "campaign-comments");
  return turn;
});

await step("projectThread", async () => {
  await page.goto(`/votes/${encodeURIComponent(config.voteId)}`);
  await page.getByRole("heading", { level: 2, name: "Projets" }).waitFor();
  await page.getByRole("link", { name: `Discuter de « ${config.optionTitle} »` }).click();
  await page.getByRole("heading", { level: 1, name: config.optionTitle }).waitFor();
  await page.getByText("Aucun commentaire pour l'instant.").waitFor();
  await page.getByLabel("Votre commentaire").fill(config.projectComment);
  await page.getByRole("group", { name: "Votre position" }).first().getByLabel("Contre").check();
  await page.getByRole("button", { name: "Commenter", exact: true }).click();
  await commentItem(config.projectComment).waitFor();
  await visit(page, "vote-project-comments");
  return { path: new URL(page.url()).pathname, stance: await text(commentItem(config.projectComment).locator(".stance").first()) };
});

await finish();
