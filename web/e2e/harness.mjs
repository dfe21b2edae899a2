// What every browser journey shares: Debian's /usr/bin/chromium driven by playwright-core (no browser download),
// axe-core (WCAG 2.1 A/AA) on every page visited, screenshots at desktop and phone widths, and a JSON summary as
// the last line printed (read by the xunit test that started the journey). A journey file:
//   const journey = await startJourney(process.argv[2]);   // CONFIG.json written by the test
//   await journey.step("name", async () => { ...; await journey.visit(page, "page-name"); return facts; });
//   await journey.finish();
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function startJourney(configPath) {
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  const screenshots = config.screenshots;
  mkdirSync(screenshots, { recursive: true });
  const summary = { pages: [], checks: {}, failures: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CIVIC_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    // playwright-core gives every launch a fresh temporary profile (user-data-dir).
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });

  /** A fresh browser context (its own storage: another visitor) and its page, French by default. */
  async function newPage(options = {}) {
    const context = await browser.newContext({ baseURL: config.baseUrl, viewport: { width: 1280, height: 800 }, locale: "fr-FR", ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function audit(page, name) {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const blocking = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
    summary.pages.push({ name, url: new URL(page.url()).pathname, passes: result.passes.length, violations: blocking });
  }

  /** Audits the page, then screenshots it at desktop and phone widths. */
  async function visit(page, name) {
    await audit(page, name);
    for (const [label, width, height] of [["desktop", 1280, 800], ["phone", 390, 844]]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** Runs one named check; its result (or false and the error) goes into the summary. */
  async function step(name, run) {
    try {
      summary.checks[name] = await run();
    } catch (error) {
      summary.checks[name] = false;
      summary.failures.push({ step: name, error: String(error?.stack ?? error) });
    }
  }

  async function finish() {
    await browser.close();
    console.log(JSON.stringify(summary));
    process.exit(summary.failures.length === 0 ? 0 : 1);
  }

  return { config, browser, newPage, audit, visit, step, finish, text: (locator) => locator.innerText() };
}
