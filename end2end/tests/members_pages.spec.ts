import { test, expect } from "@playwright/test";
import { demoSession, waitForHydration, watchConsole } from "./support";

const SCHEDULE = "/e/rust-summit/schedule";
const STAR = /^(Add|Remove) “.+” (to|from) my agenda$/;

test("a signed-in attendee gets the shared page, with their own name, stars and place in it", async ({ browser }) => {
  const page = await demoSession(browser, "attendee");
  const errors = watchConsole(page);
  const accountLink = page.getByRole("navigation", { name: "Main" }).locator('a[href="/account"]');
  // Drawn for them: the account page is never shared.
  const name = (await accountLink.textContent())?.trim() ?? "";
  expect(name).not.toBe("My account");
  await waitForHydration(page);
  // Hydrated, the header's island tells the server this browser runs the islands.
  await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === "convene_islands")?.value).toBe("1");

  const shared = await page.goto(SCHEDULE);
  expect(["hit", "miss"]).toContain(shared!.headers()["x-cache"]);
  await expect(accountLink).toHaveText(name);
  const star = page.getByRole("button", { name: STAR }).first();
  await expect(star).toBeEnabled();
  const before = await star.getAttribute("aria-pressed");
  await star.click();
  const after = before === "true" ? "false" : "true";
  await expect(star).toHaveAttribute("aria-pressed", after);

  // The page stays the shared one; the star the attendee just flipped comes from their agenda.
  await expect.poll(async () => (await page.goto(SCHEDULE))!.headers()["x-cache"]).toMatch(/hit|miss/);
  await expect(star).toBeEnabled();
  await expect(star).toHaveAttribute("aria-pressed", after);
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", before!);

  await page.goto("/e/rust-summit");
  await expect(page.getByText("Checking your place…")).toBeHidden();
  await expect(
    page.getByRole("button", { name: /^(Join|Join the waitlist|Cancel my place|Leave the waitlist)$/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to join" })).toHaveCount(0);
  expect(errors).toEqual([]);
  await page.context().close();
});

test("a browser whose JavaScript is off after the islands' cookie can still see its own page", async ({ browser }) => {
  const page = await demoSession(browser, "attendee", false);
  await page.context().addCookies([{ name: "convene_islands", value: "1", url: new URL(page.url()).origin }]);
  const shared = await page.goto(SCHEDULE);
  expect(shared!.headers()["x-cache"]).toMatch(/hit|miss/);
  await page.getByRole("button", { name: "Show them without JavaScript" }).click();
  await expect(page).toHaveURL(new RegExp(`${SCHEDULE}$`));
  // Drawn for the attendee: the stars are theirs and work as plain forms.
  await expect(page.getByRole("button", { name: STAR }).first()).toBeEnabled();
  await expect(page.getByRole("button", { name: "Show them without JavaScript" })).toHaveCount(0);
  const personal = await page.reload();
  expect(personal!.headers()["x-cache"]).toBeUndefined();
  await page.context().close();
});
