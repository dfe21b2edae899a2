// What the comment journeys share (ideas.mjs, threads.mjs): finding a comment by its text, and a resident's turn on a
// thread: a comment with a stance, a reply against another member's comment, an up-vote on it.

/** The comment (li.comment) whose own body holds the text. */
export const commentItem = (page, body) =>
  page.locator("li.comment").filter({ has: page.locator(".comment-body", { hasText: body }) }).first();

/** Comments FOR, replies AGAINST to `theirs`, votes it up; answers the comment's and the reply's stance as shown. */
export async function commentReplyAndVote(page, text, { mine, reply, theirs }) {
  await page.getByLabel("Votre commentaire").fill(mine);
  await page.getByRole("group", { name: "Votre position" }).first().getByLabel("Pour").check();
  await page.getByRole("button", { name: "Commenter", exact: true }).click();
  await commentItem(page, mine).waitFor();
  const stance = await text(commentItem(page, mine).locator(".stance").first());

  const other = commentItem(page, theirs);
  await other.getByRole("button", { name: "Répondre", exact: true }).first().click();
  await other.getByLabel("Votre réponse").fill(reply);
  await other.getByRole("group", { name: "Votre position" }).getByLabel("Contre").check();
  await other.locator("form.comment-form").getByRole("button", { name: "Répondre", exact: true }).click();
  const replied = page.locator("ul.replies li.comment").filter({ hasText: reply });
  await replied.waitFor();

  await commentItem(page, theirs).getByRole("button", { name: "Approuver (0)" }).first().click();
  await commentItem(page, theirs).getByRole("button", { name: "Approuver (1)" }).first().waitFor();
  return { stance, replyStance: await text(replied.locator(".stance").first()) };
}
