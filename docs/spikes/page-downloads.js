// The JS and wasm a first visit downloads, per page, in Debian's Chromium, and whether the
// page hydrated (the theme button appears once the wasm runs) without a console error.
// Usage: node docs/spikes/page-downloads.js http://127.0.0.1:3100 / /e/rust-summit/schedule
// Sizes are as sent (gzip: Chromium asks for brotli over HTTPS only); the spike table in
// docs/PERFORMANCE.md takes brotli sizes of the same files from target/site.
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '..', '..', 'end2end', 'node_modules', 'playwright-core'));
(async () => {
  const base = process.argv[2];
  const paths = process.argv.slice(3);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  for (const path of paths) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('console', m => { if (m.type() === 'error' || /hydrat/i.test(m.text())) errors.push(m.text()); });
    page.on('pageerror', e => errors.push(String(e)));
    const sizes = [];
    page.on('response', async r => {
      const url = r.url();
      if (!/\.(js|wasm)(\?|$)/.test(url)) return;
      try { const b = await r.body(); sizes.push([url.replace(base, ''), b.length, r.headers()['content-encoding'] || '']); } catch (e) {}
    });
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    const transfer = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter(e => /\.(js|wasm)$/.test(new URL(e.name).pathname))
      .map(e => [new URL(e.name).pathname, e.encodedBodySize]));
    const total = transfer.reduce((s, [, n]) => s + n, 0);
    const themeVisible = await page.locator('button[aria-label="Switch between light and dark theme"]').isVisible().catch(() => false);
    console.log(JSON.stringify({ path, total_encoded: total, files: transfer, themeVisible, errors }));
    await context.close();
  }
  await browser.close();
})();
