import { test, expect } from "@playwright/test";

test("an unknown URL shows the 404 page with the site's layout and no console errors", async ({ page }) => {
  const errors: string[] = [];
  // The browser reports the document's own 404 status as a console error; only that is expected.
  const expected = "Failed to load resource: the server responded with a status of 404 (Not Found)";
  page.on("console", (msg) => msg.type() === "error" && msg.text() !== expected && errors.push(msg.text()));
  page.on("pageerror", (err) => errors.push(String(err)));
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Convene");
  expect(errors).toEqual([]);
});
