import { test, expect } from "@playwright/test";

test.use({ javaScriptEnabled: false });

test("without JavaScript the home page lists events and the search form works", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Rust Summit", exact: true })).toBeVisible();
  // The theme button needs JavaScript, so it stays hidden.
  await expect(page.getByRole("button", { name: "Switch between light and dark theme" })).toBeHidden();

  await page.getByRole("searchbox", { name: "Search events" }).fill("tokyo");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/\?q=tokyo$/);
  await expect(page.getByRole("link", { name: "Data Engineering Forum" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rust Summit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("searchbox", { name: "Search events" })).toHaveValue("tokyo");
});

test("without JavaScript an event page is complete", async ({ page }) => {
  await page.goto("/e/web-performance-day");
  await expect(page.getByRole("heading", { level: 1, name: "Web Performance Day" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Join online" })).toHaveAttribute(
    "href",
    "https://stream.example.org/web-performance-day",
  );
});

test("without JavaScript an unknown page is a 404 with a way back", async ({ page }) => {
  const response = await page.goto("/e/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "See upcoming events" }).click();
  await expect(page).toHaveURL(/\/$/);
});
