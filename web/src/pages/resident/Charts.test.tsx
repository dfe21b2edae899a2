import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import "../../i18n";
import { BarChart } from "./Charts";

describe("BarChart", () => {
  const bars = [
    { label: "Pistes cyclables", value: 30, display: "30", highlight: true },
    { label: "Aire de jeux", value: 15, display: "15" },
    { label: "Fontaines", value: 0, display: "0" },
  ];
  const html = renderToStaticMarkup(<BarChart title="Score par projet" valueLabel="Score" bars={bars} highlightLabel="Retenu" />);

  it("draws one SVG bar per value, scaled to the largest, hidden from assistive technologies", () => {
    expect(html).toContain('aria-hidden="true"');
    expect(html.match(/class="chart-bar( highlight)?"/g)).toHaveLength(3);
    expect(html).toContain('width="100" height="10" class="chart-bar highlight"');
    expect(html).toContain('width="50" height="10" class="chart-bar"');
    expect(html).toContain('width="0" height="10" class="chart-bar"');
  });

  it("gives the same figures as a table with a caption, the highlight said in words", () => {
    expect(html).toContain("<caption>Score par projet</caption>");
    expect(html.match(/<th scope="row">/g)).toHaveLength(3);
    expect(html).toContain("<td>30 (Retenu)</td>");
    expect(html).toContain("<td>15</td>");
  });
});
