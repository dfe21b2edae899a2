import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import "../i18n";
import { BallotForm } from "./BallotForm";

// A node test without a DOM library: localStorage is only read by src/i18n.ts.
const options = [
  { id: "o1", title: "Pistes cyclables", cost: 12_000_000 },
  { id: "o2", title: "Aire de jeux", cost: 8_000_000 },
];

describe("BallotForm", () => {
  it("shows a choose-one ballot as radio buttons with its rule, the vote button disabled until a choice", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "CHOOSE_ONE", minChoices: 1, maxChoices: 1 }} options={options} currency="EUR" onCast={() => {}} />,
    );
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).toContain("Choisissez une proposition.");
    expect(html).toMatch(/<button type="submit" class="primary" disabled="">Voter<\/button>/);
  });

  it("shows an approval ballot as checkboxes with its minimum and maximum", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "APPROVAL", minChoices: 1, maxChoices: 2 }} options={options} onCast={() => {}} />,
    );
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain("Choisissez de 1 à 2 propositions.");
    expect(html).toContain("0 sur 2 choisies");
  });

  it("shows a knapsack ballot with costs and the budget bar, the vote enabled within the budget", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "KNAPSACK", minChoices: 1, maxChoices: 0, budget: 20_000_000 }} options={options} currency="EUR" initial={{ choices: ["o1"] }} onCast={() => {}} />,
    );
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain('role="meter"');
    expect(html).toContain('aria-valuenow="12000000"');
    expect(html).toMatch(/120\s000,00\s€ sur 200\s000,00\s€/);
    expect(html).toMatch(/<button type="submit" class="primary">Voter<\/button>/);
  });

  it("announces a knapsack ballot over budget and disables the vote", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "KNAPSACK", minChoices: 1, maxChoices: 0, budget: 15_000_000 }} options={options} currency="EUR" initial={{ choices: ["o1", "o2"] }} onCast={() => {}} />,
    );
    expect(html).toContain('class="progress over"');
    expect(html).toMatch(/aria-live="polite">Budget dépassé de 50\s000,00\s€/);
    expect(html).toMatch(/<button type="submit" class="primary" disabled="">Voter<\/button>/);
  });

  it("shows the minimum spend of a knapsack vote and refuses a ballot under it", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "KNAPSACK", minChoices: 1, maxChoices: 0, budget: 20_000_000, minimumSpendPercent: 70 }} options={options} currency="EUR" initial={{ choices: ["o2"] }} onCast={() => {}} />,
    );
    expect(html).toMatch(/Dépensez au moins 140\s000,00\s€ \(70 %\)/);
    expect(html).toMatch(/aria-live="polite">Dépensez au moins 140\s000,00\s€ pour pouvoir voter/);
    expect(html).toMatch(/disabled="">Voter</);
  });

  it("shows a cumulative ballot with labelled steppers, points left live, and no more points once spent", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "CUMULATIVE", minChoices: 1, maxChoices: 0, maxPointsPerProject: 3, maxTotalPoints: 4 }} options={options} initial={{ choices: ["o1", "o2"], points: [3, 1] }} onCast={() => {}} />,
    );
    expect(html.match(/type="number"/g)).toHaveLength(2);
    expect(html).toContain('<label for="points-o1">Pistes cyclables</label>');
    expect(html).toContain("Il reste 0 point sur 4");
    expect(html).toMatch(/<button type="button" aria-label="Un point de plus pour Aire de jeux" disabled="">/);
    expect(html).toMatch(/<button type="submit" class="primary">Voter<\/button>/);
  });

  it("shows an ordinal ranking with up and down buttons named after each project", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "ORDINAL", minChoices: 1, maxChoices: 2 }} options={options} initial={{ choices: ["o2", "o1"] }} onCast={() => {}} />,
    );
    expect(html).toContain("Classez exactement 2 projets");
    expect(html).toMatch(/<li draggable="true"><span class="rank">1\.<\/span> <span>Aire de jeux<\/span>/);
    expect(html).toMatch(/aria-label="Monter Aire de jeux" disabled=""/);
    expect(html).toContain('aria-label="Descendre Aire de jeux"');
    expect(html).toMatch(/<button type="submit" class="primary">Voter<\/button>/);
  });

  it("keeps an exact ordinal ballot with too few ranks from being cast, saying how many are missing", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "ORDINAL", minChoices: 1, maxChoices: 2 }} options={options} initial={{ choices: ["o1"] }} onCast={() => {}} />,
    );
    expect(html).toContain("Encore 1 projet à classer.");
    expect(html).toMatch(/disabled="">Voter</);
  });

  it("shows a majority judgment ballot as one radio group of named grades per project", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "MAJORITY_JUDGMENT", minChoices: 0, maxChoices: 0, gradeScale: 5 }} options={options} initial={{ choices: ["o1"], points: [4] }} onCast={() => {}} />,
    );
    expect(html.match(/type="radio"/g)).toHaveLength(10);
    expect(html.match(/<legend>/g)).toHaveLength(2);
    expect(html).toContain("Très bien");
    expect(html).toContain("Encore 1 projet sans mention.");
    expect(html).toMatch(/disabled="">Voter</);
  });
});
