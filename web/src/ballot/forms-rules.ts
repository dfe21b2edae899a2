// The rules of the KNAPSACK, CUMULATIVE, ORDINAL and MAJORITY_JUDGMENT ballots, as the API checks them in castBallot
// (grains/Votes/Counting/BallotValidator.cs): the forms show them live and keep the button disabled until valid.

export interface Costed {
  id: string;
  cost: number;
}

/** What a knapsack ballot spends: its total, the budget, the least it must spend (rounded up, as the API does). */
export interface Spending {
  total: number;
  budget: number;
  minimum: number;
  over: boolean;
  under: boolean;
}

export function spending(options: readonly Costed[], chosen: readonly string[], budget: number, minimumSpendPercent = 0): Spending {
  const total = options.filter((o) => chosen.includes(o.id)).reduce((sum, o) => sum + o.cost, 0);
  const minimum = Math.ceil((budget * minimumSpendPercent) / 100);
  return { total, budget, minimum, over: total > budget, under: total < minimum };
}

/** A knapsack ballot is valid with at least one project, within the budget and at or above the minimum spend. */
export function knapsackValid(s: Spending, chosen: readonly string[]): boolean {
  return chosen.length >= 1 && new Set(chosen).size === chosen.length && !s.over && !s.under;
}

export interface PointRules {
  maxPointsPerProject: number;
  maxTotalPoints: number;
  minChoices: number;
  maxChoices: number;
}

/** Points given so far and what is left of maxTotalPoints. */
export function remainingPoints(rules: PointRules, points: Readonly<Record<string, number>>): number {
  return rules.maxTotalPoints - Object.values(points).reduce((sum, p) => sum + p, 0);
}

/** Sets the points of one project, clamped to 0..maxPointsPerProject and to what is left of the total. */
export function setPoints(rules: PointRules, points: Readonly<Record<string, number>>, id: string, wanted: number): Record<string, number> {
  const others = remainingPoints(rules, points) + (points[id] ?? 0);
  const value = Math.max(0, Math.min(Number.isFinite(wanted) ? Math.trunc(wanted) : 0, rules.maxPointsPerProject, others));
  const next = { ...points };
  if (value === 0) delete next[id];
  else next[id] = value;
  return next;
}

/** The ballot sent: projects with at least one point, in the options' order, and their points in parallel. */
export function pointBallot(order: readonly string[], points: Readonly<Record<string, number>>): { choices: string[]; points: number[] } {
  const choices = order.filter((id) => (points[id] ?? 0) > 0);
  return { choices, points: choices.map((id) => points[id]) };
}

export function cumulativeValid(rules: PointRules, points: Readonly<Record<string, number>>): boolean {
  const given = Object.values(points).filter((p) => p > 0);
  const max = rules.maxChoices > 0 ? rules.maxChoices : Number.MAX_SAFE_INTEGER;
  return (
    given.length >= Math.max(1, rules.minChoices) &&
    given.length <= max &&
    given.every((p) => Number.isInteger(p) && p <= rules.maxPointsPerProject) &&
    remainingPoints(rules, points) >= 0
  );
}

export interface RankRules {
  /** The number of ranks (the vote's maxChoices). */
  ranks: number;
  /** Exactly `ranks` projects (the API's default) or 1 to `ranks`. */
  exactRanks: boolean;
}

/** Adds a project at the bottom of the ranking (not beyond the number of ranks) or removes it. */
export function toggleRank(rules: RankRules, ranking: readonly string[], id: string): string[] {
  if (ranking.includes(id)) return ranking.filter((r) => r !== id);
  if (ranking.length >= rules.ranks) return [...ranking];
  return [...ranking, id];
}

/** Moves a ranked project by `delta` places (negative: up, towards first), staying within the ranking. */
export function move(ranking: readonly string[], id: string, delta: number): string[] {
  const from = ranking.indexOf(id);
  if (from < 0) return [...ranking];
  const to = Math.max(0, Math.min(ranking.length - 1, from + delta));
  return moveTo(ranking, from, to);
}

/** Moves the project at index `from` to index `to` (drag and drop). */
export function moveTo(ranking: readonly string[], from: number, to: number): string[] {
  const next = [...ranking];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export function ordinalValid(rules: RankRules, ranking: readonly string[]): boolean {
  const min = rules.exactRanks ? rules.ranks : 1;
  return new Set(ranking).size === ranking.length && ranking.length >= min && ranking.length <= rules.ranks;
}

/** A majority judgment ballot grades every project with 0..gradeScale-1. */
export function gradesValid(order: readonly string[], grades: Readonly<Record<string, number>>, gradeScale: number): boolean {
  return order.length > 0 && order.every((id) => Number.isInteger(grades[id]) && grades[id] >= 0 && grades[id] < gradeScale);
}

export function gradeBallot(order: readonly string[], grades: Readonly<Record<string, number>>): { choices: string[]; points: number[] } {
  return { choices: [...order], points: order.map((id) => grades[id]) };
}
