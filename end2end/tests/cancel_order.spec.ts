import { test, expect } from "@playwright/test";
import { freshAddress, watchConsole } from "./support";

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`a visitor cancels their free ticket from the order's page after confirming (${how})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const buyer = freshAddress("rosalind");
    await page.goto("/e/data-engineering-forum/register");
    await page.getByLabel("Number of “Community” tickets").selectOption("1");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Attendee name").fill("Rosalind Franklin");
    await page.getByLabel("Attendee email").fill(buyer);
    await page.getByLabel("Vegetarian").check();
    await page.getByLabel("Your name").fill("Rosalind Franklin");
    await page.getByLabel("Your email").fill(buyer);
    await page.getByRole("button", { name: "Get the tickets" }).click();
    await expect(page.getByRole("heading", { name: "You have your tickets", level: 1 })).toBeVisible();

    const section = page.getByRole("region", { name: "Cancel the order" });
    await expect(section.getByText("Cannot come? Cancel the order")).toBeVisible();
    await section.getByRole("button", { name: "Cancel the order" }).click();
    await expect(section.getByRole("alert")).toHaveText(/Cancel this order\?/);
    await section.getByRole("button", { name: "Yes, cancel the order" }).click();
    await expect(page.getByRole("heading", { name: "This order was cancelled", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Cancel the order" })).toHaveCount(0);
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await context.close();
  });
}
