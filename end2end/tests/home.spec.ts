import { test, expect, type Page } from "@playwright/test";

// Fails the test on any console error or uncaught exception in the page.
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

// Hydration is done when the theme button, hidden until the wasm runs, becomes visible.
async function waitForHydration(page: Page) {
  await expect(page.getByRole("button", { name: "Switch between light and dark theme" })).toBeVisible();
}

test("the home page renders, hydrates and filters as you type", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Find your next event" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rust Summit", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Web Performance Day" })).toBeVisible();
  // Unlisted and draft events are not on the home page.
  await expect(page.getByText("Speaker Dinner")).toHaveCount(0);
  await expect(page.getByText("Rust Summit (next year)")).toHaveCount(0);
  await waitForHydration(page);

  await page.getByRole("searchbox", { name: "Search events" }).fill("amsterdam");
  await expect(page.getByRole("link", { name: "Web Performance Day" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rust Summit", exact: true })).toBeHidden();
  expect(new URL(page.url()).search).toBe("");

  await page.getByRole("searchbox", { name: "Search events" }).fill("no such event anywhere");
  await expect(page.getByText("No events on this page match your words.")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the theme button switches to dark and the choice survives a reload", async ({ page }) => {
  const errors = watchConsole(page);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Switch between light and dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe("rgb(15, 17, 23)");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(errors).toEqual([]);
});

test("an event page opens from the home page", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Rust Summit", exact: true }).click();
  await expect(page).toHaveURL(/\/e\/rust-summit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Rust Summit" })).toBeVisible();
  await expect(page.getByText("Kulturbrauerei, Berlin")).toBeVisible();
  await expect(page).toHaveTitle("Rust Summit · Convene");
  expect(errors).toEqual([]);
});

test("an unlisted event is reachable by its link", async ({ page }) => {
  const response = await page.goto("/e/speaker-dinner");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Speaker Dinner" })).toBeVisible();
});
