import { useId } from "react";

export interface Bar {
  label: string;
  value: number;
  /** What the bar's value reads as (an amount, a count). */
  display: string;
  /** Marks a bar apart (a selected project): the table says it in words too. */
  highlight?: boolean;
}

interface Props {
  title: string;
  /** The header of the value column of the text alternative. */
  valueLabel: string;
  bars: readonly Bar[];
  /** The word the table writes beside a highlighted bar. */
  highlightLabel?: string;
}

/**
 * A horizontal bar chart in inline SVG (no chart library), with its data as a table for screen readers and for
 * anyone who prefers figures: the SVG is decorative (aria-hidden), the table carries the meaning. Values and labels
 * are written beside the bars, so colour is never the only carrier.
 */
export function BarChart({ title, valueLabel, bars, highlightLabel }: Props) {
  const id = useId();
  const top = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">{title}</figcaption>
      <ul className="chart-rows" aria-hidden="true">
        {bars.map((bar, i) => (
          <li key={`${bar.label}-${i}`}>
            <span className="chart-label">{bar.label}</span>
            <svg className="chart-track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              <rect x={0} y={0} width={100} height={10} className="chart-back" />
              <rect x={0} y={0} width={(100 * Math.max(0, bar.value)) / top} height={10} className={bar.highlight ? "chart-bar highlight" : "chart-bar"} />
            </svg>
            <span className="chart-value">{bar.display}{bar.highlight && highlightLabel ? ` · ${highlightLabel}` : ""}</span>
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{title}</th><th scope="col">{valueLabel}</th></tr></thead>
        <tbody>
          {bars.map((bar, i) => (
            <tr key={`${bar.label}-${i}`}>
              <th scope="row">{bar.label}</th>
              <td>{bar.display}{bar.highlight && highlightLabel ? ` (${highlightLabel})` : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
