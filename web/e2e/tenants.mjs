// Two tenants on two host names of one deployment (see harness.mjs): node e2e/tenants.mjs CONFIG.json. CONFIG names
// tenants: [{ key, origin (http://<host>:<port>), name, primary, campaignTitle }], screenshots. Each host shows its
// own name, colours and campaigns, and none of the other's.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);

for (const tenant of config.tenants) {
  await step(tenant.key, async () => {
    const page = await newPage({ baseURL: tenant.origin });
    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: tenant.name }).waitFor();
    const look = await page.evaluate(() => ({
      primary: getComputedStyle(document.documentElement).getPropertyValue("--civic-primary").trim(),
      header: getComputedStyle(document.querySelector("header.site")).backgroundColor,
      title: document.title,
      host: location.host,
    }));
    await visit(page, `tenant-${tenant.key}-home`);
    await page.getByRole("navigation").getByRole("link", { name: "Campagnes" }).click();
    await page.getByRole("heading", { level: 1, name: "Campagnes" }).waitFor();
    await page.getByRole("link", { name: tenant.campaignTitle }).waitFor();
    const campaigns = await page.locator(".cards h3").allInnerTexts();
    await visit(page, `tenant-${tenant.key}-campaigns`);
    const siteName = await text(page.locator("header.site .name"));
    await page.context().close();
    return { ...look, siteName, campaigns };
  });
}

await finish();
