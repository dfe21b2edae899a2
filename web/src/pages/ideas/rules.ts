// The rules the API states for an idea (SubmitIdeaInput) and when to ask for similar ideas, as plain functions.

export interface Draft {
  title: string;
  body: string;
  category: string;
  district: string;
}

export type Problem = "required" | "tooLong" | "choose";

export const limits = { title: 150, body: 5000, comment: 1000, report: 2000 } as const;

/** What is wrong with a draft, by field: a title of at most 150 characters, a body of at most 5,000, a category
 *  and a district when the box has some. */
export function draftProblems(draft: Draft, box: { categories: string[]; districts: string[] }): Partial<Record<keyof Draft, Problem>> {
  const problems: Partial<Record<keyof Draft, Problem>> = {};
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title) problems.title = "required";
  else if (title.length > limits.title) problems.title = "tooLong";
  if (!body) problems.body = "required";
  else if (body.length > limits.body) problems.body = "tooLong";
  if (box.categories.length > 0 && !box.categories.includes(draft.category)) problems.category = "choose";
  if (box.districts.length > 0 && draft.district && !box.districts.includes(draft.district)) problems.district = "choose";
  return problems;
}

/** The text to look similar ideas up with, or null while the title is too short to say anything (under 4 letters). */
export function similarText(title: string): string | null {
  const text = title.trim().replace(/\s+/g, " ");
  return text.replace(/[^\p{L}\p{N}]/gu, "").length >= 4 ? text.slice(0, limits.title) : null;
}

/** A comment's body: 1 to 1,000 characters. */
export function commentProblem(body: string): Problem | null {
  const text = body.trim();
  if (!text) return "required";
  return text.length > limits.comment ? "tooLong" : null;
}
