import { test, expect } from "@playwright/test";

// The release bundle's files carry a content hash in their names, so they are cached for a
// year and served precompressed.
test("the wasm bundle is hashed, served with brotli and cached for a year", async ({ page, request }) => {
  await page.goto("/");
  const wasm = await page.locator('link[rel="preload"][as="fetch"]').getAttribute("href");
  expect(wasm).toMatch(/^\/pkg\/convene\.[\w-]+\.wasm$/);
  const response = await request.get(wasm!, { headers: { "accept-encoding": "br" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-encoding"]).toBe("br");
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(response.headers()["content-type"]).toBe("application/wasm");
});

test("the home page itself is revalidated, not cached for a year", async ({ request }) => {
  const response = await request.get("/");
  expect(response.headers()["cache-control"]).toBe("no-cache");
});

test("the web manifest and every icon it names are served", async ({ request }) => {
  const manifest = await request.get("/site.webmanifest");
  expect(manifest.status()).toBe(200);
  const { icons } = await manifest.json();
  expect(icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(["any", "192x192", "512x512"]);
  for (const icon of [...icons, { src: "/apple-touch-icon.png", type: "image/png" }]) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toContain(icon.type);
  }
});
