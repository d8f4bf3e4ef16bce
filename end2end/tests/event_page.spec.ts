import { test, expect } from "@playwright/test";
import { waitForHydration } from "./support";

test("'Sign in to join' sits below the count of people going", async ({ page }) => {
  await page.goto("/e/rust-summit");
  const count = page.getByText(/people going|person going|places taken/).first();
  const link = page.getByRole("link", { name: "Sign in to join" });
  const [countBox, linkBox] = [await count.boundingBox(), await link.boundingBox()];
  expect(countBox && linkBox).toBeTruthy();
  expect(linkBox!.y).toBeGreaterThanOrEqual(countBox!.y + countBox!.height - 0.5);
});

test.describe("a visitor in another time zone", () => {
  test.use({ timezoneId: "America/Los_Angeles" });

  test("reads the event's zone before its times, and their own time after them", async ({ page }) => {
    await page.goto("/e/rust-summit");
    await waitForHydration(page);
    const when = page.locator("dd", { has: page.locator("time") });
    await expect(when.getByText(/^Your time: /)).toBeVisible();
    const lines = await when.locator(":scope > *").allInnerTexts();
    expect(lines[0]).toBe("Europe/Berlin time");
    expect(lines[2]).toMatch(/^Your time: .*(PST|PDT|GMT-[78])/);
  });
});
