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

  it("says a ballot type it does not offer yet", () => {
    const html = renderToStaticMarkup(
      <BallotForm rules={{ ballotType: "KNAPSACK", minChoices: 0, maxChoices: 0 }} options={options} onCast={() => {}} />,
    );
    expect(html).toContain("pas encore proposé");
  });
});
