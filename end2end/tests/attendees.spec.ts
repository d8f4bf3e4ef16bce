import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { demoSession, freshAddress, takeCommunityTicket, watchConsole } from "./support";

const EVENT = "data-engineering-forum";

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`the organizer finds an attendee by their answer and downloads them as CSV (${how})`, async ({ browser }) => {
    // An attendee of this run, vegetarian, so the filters have someone of their own to find.
    const name = `Katherine Johnson ${javaScriptEnabled ? "A" : "B"}${Date.now()}`;
    const address = freshAddress("katherine");
    await takeCommunityTicket(browser, name, address, javaScriptEnabled);

    const organizer = await demoSession(browser, "organizer", javaScriptEnabled);
    const errors = watchConsole(organizer);
    await organizer.goto(`/manage/convene-demo/events/${EVENT}`);
    await organizer.getByRole("link", { name: "Attendees", exact: true }).click();
    await expect(organizer.getByRole("heading", { name: "Attendees", level: 1 })).toBeVisible();
    await expect(organizer.getByRole("row").nth(1)).toBeVisible();

    const search = organizer.getByRole("search");
    await search.getByLabel("Search by name, email, order or ticket code").fill(name);
    await search.getByLabel("Answer").selectOption({ label: "Diet: Vegan" });
    await search.getByRole("button", { name: "Filter" }).click();
    await expect(organizer.getByText("No attendees found.")).toBeVisible();

    await search.getByLabel("Answer").selectOption({ label: "Diet: Vegetarian" });
    await search.getByLabel("Entry").selectOption({ label: "Not checked in" });
    await search.getByRole("button", { name: "Filter" }).click();
    const rows = organizer.getByRole("row").filter({ hasText: name });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Community");
    await expect(rows).toContainText("Valid");
    await expect(rows).toContainText("Not yet");
    // The form keeps what was chosen, so the next change starts from it.
    await expect(search.getByLabel("Answer")).toHaveValue(/:Vegetarian$/);

    const downloading = organizer.waitForEvent("download");
    await organizer.getByRole("link", { name: "Download these attendees (CSV)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${EVENT}-attendees.csv`);
    const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^name,email,ticket type,ticket state,entered,.*,Diet,/);
    expect(lines[1]).toContain(`${name},${address},Community,Valid,,`);
    expect(lines[1]).toContain(",Vegetarian");

    await organizer.getByRole("link", { name: "Show everyone" }).click();
    await expect(search.getByLabel("Answer")).toHaveValue("");
    expect(errors).toEqual([]);
    await organizer.context().close();
  });
}
