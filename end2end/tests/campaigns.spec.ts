import { test, expect, type Browser } from "@playwright/test";
import { demoAccount, demoSession, lastMailTo, watchConsole } from "./support";

function organizer(browser: Browser) {
  return demoSession(browser, "organizer");
}

test("an organizer builds a segment, writes and previews a template, sends a test, schedules the campaign and reads its statistics", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await organizer(browser);
  const errors = watchConsole(page);
  const stamp = Date.now();

  // The segment: the builder shows only the inputs of the chosen rule and counts live.
  await page.goto("/manage/convene-demo/campaigns");
  await page.getByRole("link", { name: "New segment" }).click();
  await page.locator("#segment-name").fill(`VIP readers ${stamp}`);
  const rule = page.locator('[data-rule="0"]');
  const count = page.locator("#segment-count");
  await rule.getByLabel("Kind of rule").selectOption("tag");
  await expect(rule.getByLabel("Tag")).toBeVisible();
  await expect(rule.getByLabel("Event")).toBeHidden();
  await rule.getByLabel("Tag").fill("vip");
  // The demo's readers 0, 5, …, 35 are tagged vip: eight, all subscribed.
  await expect(count).toHaveText("8");
  await rule.getByLabel("Tag").fill("nobody-has-this");
  await expect(count).toHaveText("0");
  await rule.getByLabel("Tag").fill("vip");
  await expect(count).toHaveText("8");
  await page.getByRole("button", { name: "Save the segment" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(count).toHaveText("8");

  // The template, previewed as one contact about the summit, then sent as a test.
  await page.goto("/manage/convene-demo/templates/new");
  await page.locator("#template-name").fill(`VIP note ${stamp}`);
  await page
    .locator("#template-body")
    .fill("Dear {{first_name}},\n\nYou are invited to **{{event_title}}**. [The program](https://example.org/program)");
  await page.getByRole("button", { name: "Save the template" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.getByLabel("As", { exact: true }).selectOption({ label: "amara.okafor@example.org" });
  await page.getByLabel("About", { exact: true }).selectOption({ label: "Rust Summit" });
  await page.getByRole("button", { name: "Show" }).click();
  const preview = page.frameLocator('iframe[title="Preview of the message"]');
  await expect(preview.locator("body")).toContainText("Dear Amara,");
  await expect(preview.locator("strong")).toHaveText("Rust Summit");
  await expect(preview.getByRole("link", { name: "Unsubscribe" })).toBeVisible();
  await page.getByLabel("Subject of the test").fill(`Hello VIPs ${stamp}`);
  await page.getByRole("button", { name: "Send a test to my address" }).click();
  await expect(page.getByText("The test message is on its way to your address.")).toBeVisible();
  const testMail = lastMailTo(demoAccount("organizer").email);
  expect(testMail).toContain(`Subject: [Test] Hello VIPs ${stamp}`);
  // Rendered for the contact of the preview, and saying it is a test.
  expect(testMail).toContain("Dear Amara,");
  expect(testMail).toContain("Test of");

  // The campaign: a draft, then scheduled for this minute (UTC, as it has no event).
  await page.goto("/manage/convene-demo/campaigns");
  await page.locator("#campaign-name").fill(`VIP invite ${stamp}`);
  await page.locator("#campaign-subject").fill("You are invited");
  await page.locator("#campaign-from_name").fill("Convene Demo");
  await page.locator("#campaign-throttle").fill("1");
  await page.locator("#campaign-template").selectOption({ label: `VIP note ${stamp}` });
  await page.locator("#campaign-segment").selectOption({ label: `VIP readers ${stamp} (8 contacts)` });
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByText("A draft: nothing is sent")).toBeVisible();
  await page.getByLabel("Send at").fill(new Date().toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Schedule" }).click();

  // One message a second: the bar moves in place (the page is not reloaded), and the page
  // is loaded again once sending ends.
  const bar = page.getByRole("progressbar", { name: "Recipients handled" });
  await expect(page.getByText(/% of 8 recipients handled\./)).toBeVisible({ timeout: 20_000 });
  const first = await bar.getAttribute("aria-valuenow");
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await expect(bar).not.toHaveAttribute("aria-valuenow", first ?? "", { timeout: 6_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page.getByText(/^Sent to 8 recipients/)).toBeVisible({ timeout: 40_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  const sent = page.locator("dl div", { hasText: "Sent" }).first();
  await expect(sent.locator("dd").first()).toHaveText("8");
  await expect(page.getByText("No opens or clicks yet.")).toBeVisible();

  // The demo's sent campaign has its statistics and chart.
  await page.goto("/manage/convene-demo/campaigns");
  await page.getByRole("link", { name: "Rust Summit early-bird" }).click();
  await expect(page.getByRole("img", { name: /Opens and clicks per hour/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "https://example.org/rust-summit/program" })).toBeVisible();
  expect(errors).toEqual([]);
});
