// The rules the API states for a campaign update (PostCampaignUpdateInput), as plain functions.

export const updateLimits = { title: 150, body: 10_000 } as const;

export type UpdateProblem = "required" | "tooLong";

export interface UpdateDraft {
  title: string;
  body: string;
}

/** What is wrong with a draft, by field: a title of 1 to 150 characters, a text of 1 to 10,000 (blanks do not count). */
export function updateProblems(draft: UpdateDraft): Partial<Record<keyof UpdateDraft, UpdateProblem>> {
  const problems: Partial<Record<keyof UpdateDraft, UpdateProblem>> = {};
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title) problems.title = "required";
  else if (title.length > updateLimits.title) problems.title = "tooLong";
  if (!body) problems.body = "required";
  else if (body.length > updateLimits.body) problems.body = "tooLong";
  return problems;
}

/** The field an API error code is about, so the form marks it; null for the codes about the campaign or the caller. */
export function fieldOfCode(code: string | null): keyof UpdateDraft | null {
  if (code === "CAMPAIGN_UPDATE_TITLE_INVALID") return "title";
  if (code === "CAMPAIGN_UPDATE_BODY_INVALID") return "body";
  return null;
}

/** Statuses in which the owner may post (the API's CAMPAIGN_NOT_PUBLIC refuses the others). */
export const postableStatuses: ReadonlySet<string> = new Set(["APPROVED", "LIVE", "SUCCEEDED", "FAILED", "PAID_OUT", "REFUNDED"]);
