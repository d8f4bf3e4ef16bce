import { test, expect } from "@playwright/test";
import { freshAddress, watchConsole } from "./support";

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`an attendee changes their answers on their ticket's page (${how})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const buyer = freshAddress("katherine");
    await page.goto("/e/data-engineering-forum/register");
    await page.getByLabel("Number of “Community” tickets").selectOption("1");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Attendee name").fill("Katherine Johnson");
    await page.getByLabel("Attendee email").fill(buyer);
    await page.getByLabel("None", { exact: true }).check();
    await page.getByLabel("Your name").fill("Katherine Johnson");
    await page.getByLabel("Your email").fill(buyer);
    await page.getByRole("button", { name: "Get the tickets" }).click();
    await expect(page.getByRole("heading", { name: "You have your tickets", level: 1 })).toBeVisible();

    await page.getByRole("link", { name: "Katherine Johnson" }).click();
    const answers = page.getByRole("region", { name: "Your answers" });
    await expect(answers.getByText(/You can change them until/)).toBeVisible();
    await expect(answers.getByLabel("None", { exact: true })).toBeChecked();
    // The answers given with the order fill the form; a change is saved and read back.
    await answers.getByLabel("Company or organization").fill("NASA");
    await answers.getByLabel("Vegan", { exact: true }).check();
    await answers.getByRole("button", { name: "Save the answers" }).click();
    await expect(page.getByText("Your answers are saved.")).toBeVisible();
    await expect(answers.getByLabel("Vegan", { exact: true })).toBeChecked();
    await expect(answers.getByLabel("Company or organization")).toHaveValue("NASA");
    // The ticket itself is unchanged.
    await expect(page.getByRole("img", { name: "QR code of the ticket of Katherine Johnson" })).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });
}
