import { test, expect } from "@playwright/test";
import { demoSession, freshAddress, lastMailTo, watchConsole } from "./support";

// The demo's workshop is sold out, with Hedy Lamarr then Radia Perlman waiting for a seat.
const REGISTER = "/e/data-engineering-forum/register";
const ORDERS = "/manage/convene-demo/events/data-engineering-forum/orders";

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`a visitor joins the sold-out workshop's waitlist, a bad address refused next to its field (${how})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(REGISTER);
    await expect(page.getByText("Free · Sold out")).toBeVisible();
    const waitlist = page.locator("details", { hasText: "Join the waitlist for “Workshop”" });
    await waitlist.getByText("Join the waitlist for “Workshop”").click();
    await waitlist.getByLabel("Your name").fill("Lise Meitner");
    await waitlist.getByLabel("Your email").fill("lise@example");
    await waitlist.getByRole("button", { name: "Wait for a seat" }).click();

    await expect(waitlist.getByText("enter an address like name@example.org")).toBeVisible();
    await expect(waitlist.getByLabel("Your name")).toHaveValue("Lise Meitner");
    await waitlist.getByLabel("Your email").fill(freshAddress("lise"));
    await waitlist.getByRole("button", { name: "Wait for a seat" }).click();
    await expect(page.getByRole("status").filter({ hasText: /You are on the waitlist for “Workshop”, number \d+ in line\./ })).toBeVisible();
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await context.close();
  });
}

test("a cancelled workshop seat is offered to the first in line, who claims it from the mail", async ({ browser }) => {
  const organizer = await demoSession(browser, "organizer", true);
  await organizer.goto(ORDERS);
  const frances = organizer.getByRole("row").filter({ hasText: "Frances Allen" });
  const cancel = frances.getByRole("button", { name: /^Cancel the order/ });
  await cancel.click();
  await expect(cancel).toHaveText("Yes, cancel it");
  await cancel.click();
  await expect(organizer.getByText("Its seats went to the waitlist, or back on sale.")).toBeVisible();

  let mail = "";
  await expect(async () => {
    mail = lastMailTo("hedy@example.org");
    expect(mail).toContain("A seat is free for you");
  }).toPass({ timeout: 10_000 });
  const offer = mail.match(/https?:\/\/[^/\s]+(\/waitlist\/[A-Z2-7]{16})/)?.[1];
  expect(offer).toBeTruthy();

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto(offer!);
  await expect(page.getByRole("heading", { name: "A seat is yours", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Attendee name")).toHaveValue("Hedy Lamarr");
  await page.getByRole("button", { name: "Claim the seat" }).click();
  await expect(page.getByRole("heading", { name: "You have your tickets", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hedy Lamarr" })).toBeVisible();
  await page.goto(offer!);
  await expect(page.getByRole("heading", { name: "You claimed this seat", level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
