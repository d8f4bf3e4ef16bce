import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { dataDir } from "../playwright.config";
import { demoAccount, demoSession, lastMailTo, watchConsole } from "./support";

const CAMPAIGNS = "/manage/convene-demo/campaigns";

/** Creates a draft from the campaigns page; `event` names the event of its placeholders. */
async function newDraft(page: Page, name: string, options: { event?: string; segment?: string; throttle?: string } = {}) {
  await page.goto(CAMPAIGNS);
  await page.locator("#campaign-name").fill(name);
  await page.locator("#campaign-subject").fill(`Subject of ${name}`);
  await page.locator("#campaign-from_name").fill("Convene Demo");
  await page.locator("#campaign-template").selectOption({ label: "Early-bird announcement" });
  if (options.event) await page.locator("#campaign-event").selectOption({ label: options.event });
  if (options.segment) {
    const value = await page.locator("#campaign-segment option", { hasText: options.segment }).getAttribute("value");
    await page.locator("#campaign-segment").selectOption(value ?? "");
  }
  if (options.throttle) await page.locator("#campaign-throttle").fill(options.throttle);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`times are typed and read in the event's time zone, across a clock change (${how})`, async ({ browser }) => {
    const page = await demoSession(browser, "organizer", javaScriptEnabled);
    const errors = watchConsole(page);
    await newDraft(page, `Summer note ${Date.now()}`, { event: "Rust Summit" });
    // Scheduled in winter for summer: Berlin is then on CEST (UTC+2), and the page says so.
    const sendAt = page.getByLabel("Send at (Europe/Berlin)");
    await sendAt.fill("2099-07-01T10:00");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByText("The campaign is scheduled for 1 Jul 2099, 10:00 CEST.")).toBeVisible();
    await expect(page.getByText("Sends at 1 Jul 2099, 10:00 CEST.")).toBeVisible();
    await expect(sendAt).toHaveValue("2099-07-01T10:00");
    await expect(page.getByText("Times are in Europe/Berlin, the time zone of the campaign's event.")).toBeVisible();
    // A time that is not one keeps what was typed, with the reason next to the field.
    await sendAt.fill("2001-01-01T10:00");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByText("choose a time in the future")).toBeVisible();
    await expect(sendAt).toHaveValue("2001-01-01T10:00");
    await expect(page.getByText("Sends at 1 Jul 2099, 10:00 CEST.")).toBeVisible();
    await page.goto(CAMPAIGNS);
    await expect(page.getByRole("cell", { name: "1 Jul 2099, 10:00 CEST" }).first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test(`sending now and cancelling ask first and say whom they concern (${how})`, async ({ browser }) => {
    const page = await demoSession(browser, "organizer", javaScriptEnabled);
    const name = `Careful ${Date.now()}`;
    await newDraft(page, name, { segment: "Newsletter readers" });
    const readers = (await page.locator("#campaign-segment option:checked").textContent())?.match(/\((\d+) contacts\)/)?.[1];
    expect(readers).toBeTruthy();

    await page.getByRole("link", { name: "Send now…" }).click();
    const ask = page.getByRole("alertdialog", { name: `Send “${name}” now?` });
    await expect(ask).toContainText(`${readers} contacts will get it now: segment “Newsletter readers”`);
    await expect(ask.getByRole("button", { name: `Send now to ${readers} contacts` })).toBeVisible();
    await ask.getByRole("link", { name: "Keep it as it is" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(page.getByText("A draft: nothing is sent")).toBeVisible();

    await page.getByRole("link", { name: "Cancel…" }).click();
    const cancel = page.getByRole("alertdialog", { name: `Cancel “${name}”?` });
    await expect(cancel).toContainText(`${readers} contacts (segment “Newsletter readers” as it stands) will get nothing`);
    await expect(cancel).toContainText("This cannot be undone.");
    await cancel.getByRole("button", { name: "Cancel the campaign" }).click();
    await expect(page.getByText("The campaign is cancelled.")).toBeVisible();
    await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Send now…" })).toHaveCount(0);
  });

  test(`a test is rendered for the chosen contact, says so, and its unsubscribe link changes nothing (${how})`, async ({ browser }) => {
    const page = await demoSession(browser, "organizer", javaScriptEnabled);
    await page.goto(CAMPAIGNS);
    await page.getByRole("link", { name: "Early-bird announcement" }).click();
    await page.getByLabel("As", { exact: true }).selectOption({ label: "amara.okafor@example.org" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByText("The test is rendered for amara.okafor@example.org")).toBeVisible();
    const subject = `Check ${Date.now()}`;
    await page.getByLabel("Subject of the test").fill(subject);
    await page.getByRole("button", { name: "Send a test to my address" }).click();
    await expect(page.getByText("The test message is on its way to your address.")).toBeVisible();
    await expect(page.getByLabel("As", { exact: true })).toHaveValue(/\d+/);

    const mail = lastMailTo(demoAccount("organizer").email);
    expect(mail).toContain(`Subject: [Test] ${subject}`);
    expect(mail).toContain("Amara");
    expect(mail).toContain("Test of");
    const unsubscribe = mail.match(/https?:\/\/[^/\s]+(\/m\/u\/t\.[0-9a-z.]+)/)?.[1];
    expect(unsubscribe).toBeTruthy();
    await page.goto(unsubscribe!);
    await expect(page.getByText("This link comes from a test message.")).toBeVisible();
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByText("This was a test message: nobody was unsubscribed.")).toBeVisible();
    await page.goto("/manage/convene-demo/contacts?q=amara.okafor");
    await expect(page.getByRole("row", { name: /amara\.okafor@example\.org/ })).toContainText("Subscribed");
  });
}

test("a sent campaign shows what went out, and its chart has axes, units and a table", async ({ browser }) => {
  const page = await demoSession(browser, "organizer");
  await page.goto(CAMPAIGNS);
  await page.getByRole("link", { name: "Rust Summit early-bird" }).click();
  const sent = page.getByRole("region", { name: "What went out" });
  await expect(sent.getByText("Early-bird places for Rust Summit")).toBeVisible();
  await expect(sent.getByText("“Newsletter readers”: subscribed contacts who are tagged newsletter")).toBeVisible();
  const message = page.frameLocator('iframe[title="The message that went out"]');
  await expect(message.locator("body")).toContainText("early-bird places go fast");

  const chart = page.getByRole("img", { name: /Opens and clicks per hour \(Europe\/Berlin\)/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("text", { hasText: "People" })).toHaveCount(1);
  await expect(chart.locator("text", { hasText: "Hour starting (Europe/Berlin)" })).toHaveCount(1);
  await page.getByText("The numbers as a table").click();
  const table = page.getByRole("table", { name: "Opens and clicks per hour (Europe/Berlin)" });
  await expect(table.getByRole("columnheader", { name: "Opens (people)" })).toBeVisible();
  // The table holds the same numbers as the figures above it.
  const opens = await table.locator("tbody tr td:nth-child(2)").allTextContents();
  const total = opens.reduce((sum, n) => sum + Number(n), 0);
  const figure = page.locator("dl div", { hasText: "Opened" }).first().locator("dd").first();
  await expect(figure).toHaveText(String(total));
});

test("a campaign whose sender stopped says when sending resumes, then every reader gets one message", async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await demoSession(browser, "organizer");
  const name = `Resumed ${Date.now()}`;
  await newDraft(page, name, { segment: "Newsletter readers", throttle: "1" });
  await page.getByRole("link", { name: "Send now…" }).click();
  await page.getByRole("button", { name: /^Send now to \d+ contacts$/ }).click();
  await expect(page.getByText(/[1-9]\d*% of \d+ recipients handled\./)).toBeVisible({ timeout: 30_000 });

  // The sender dies as a killed instance would: its lease stays until it runs out.
  execFileSync("sqlite3", [
    "-cmd",
    ".timeout 5000",
    path.join(dataDir, "convene.db"),
    `UPDATE campaigns SET lease_token = 'killed' WHERE name = '${name}'`,
  ]);
  await expect(page.getByText(/The sender stopped .* Sending resumes by \d\d:\d\d:\d\d \w+, in about \d+ s, once its 30-second lease runs out/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^Sent to \d+ recipients/)).toBeVisible({ timeout: 90_000 });

  // Nobody got it twice.
  const subject = `Subject: Subject of ${name}`;
  const mail = fs.readdirSync(path.join(dataDir, "mail")).map((f) => fs.readFileSync(path.join(dataDir, "mail", f), "utf8"));
  const to = mail.filter((m) => m.includes(subject)).map((m) => m.match(/^To: (.*)$/m)?.[1]);
  expect(to.length).toBeGreaterThan(1);
  expect(new Set(to).size).toBe(to.length);
});
