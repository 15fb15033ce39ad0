// The HTML report in a real browser (Debian's Chromium), opened from a share
// link, at desktop and phone widths: every chart draws with a title and a text
// alternative, nothing overflows the screen sideways, and no respondent text
// turns into markup. With REPORT_SCREENSHOTS=DIR it also saves a screenshot of
// each width there (docs/ holds the ones the README shows).
//
//   TOUCHPOINT_BINARY=build/engine/touchpoint TOUCHPOINT_SEED=build/tests/bench_seed \
//     node tests/browser/report_page.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startEngine } from './engine.mjs';

const seeder = process.env.TOUCHPOINT_SEED ?? 'build/tests/bench_seed';
const screenshots = process.env.REPORT_SCREENSHOTS;

const engine = await startEngine('report-page');
const { api, base, db, dir } = engine;
let browser;

try {
  const survey = await api('POST', '/v1/surveys', { template: 'nps', name: 'Day 90 NPS', locales: ['en', 'fr', 'nl'] });
  // Half a year of answers with en/fr/nl comments, and invitations nobody answered yet.
  execFileSync(seeder, ['responses', '--db', db, '--survey', survey.id, '--count', '2400', '--days', '180', '--comments'],
    { stdio: 'ignore' });
  execFileSync(seeder, ['invitations', '--db', db, '--survey', survey.id, '--count', '1600',
    '--secret', readFileSync(join(dir, 'secret'), 'utf8').trim(), '--tokens', join(dir, 'tokens.txt')], { stdio: 'ignore' });
  const hostile = await api('POST', '/v1/invitations', { survey_id: survey.id });
  const answered = await fetch(`${base}/v1/responses`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: hostile.token, answers: { q_score: 0, q_why: '<img src=x onerror=alert(1)><script>alert(2)</script> awful' } }),
  });
  assert.equal(answered.status, 200);
  const { url } = await api('POST', `/v1/reports/${survey.id}/share`, { expires_in_days: 1 });

  browser = await launchChromium();
  for (const [name, viewport, scale] of [['desktop', { width: 1280, height: 900 }, 1], ['phone', { width: 390, height: 844 }, 2]]) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
    const dialogs = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(url);
    assert.equal(response.status(), 200, `${name}: the share link opens the report`);

    const charts = await page.locator('svg.chart').evaluateAll((svgs) => svgs.map((svg) => ({
      title: svg.querySelector('title')?.textContent ?? '',
      desc: svg.querySelector('desc')?.textContent ?? '',
      width: svg.getBoundingClientRect().width,
      height: svg.getBoundingClientRect().height,
    })));
    assert.ok(charts.length >= 5, `${name}: trend, bands, distribution, segments and themes are drawn (${charts.length})`);
    for (const chart of charts) {
      assert.ok(chart.title.length > 0 && chart.desc.length > 20, `${name}: "${chart.title}" has a title and a text alternative`);
      assert.ok(chart.width > 300 && chart.height > 100, `${name}: "${chart.title}" is drawn at a readable size`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page does not scroll sideways (${overflow}px too wide)`);
    assert.equal(await page.locator('script, img, iframe').count(), 0, `${name}: respondent text never becomes markup`);
    assert.deepEqual(dialogs, [], `${name}: nothing ran`);
    assert.deepEqual(requests.filter((r) => r !== url), [], `${name}: no other request is made (self-contained)`);
    if (screenshots) await page.screenshot({ path: join(screenshots, `report-${name}.png`), fullPage: true });
    await page.close();
  }
  const forged = await fetch(url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A'));
  assert.equal(forged.status, 401, 'an altered link does not open');
  console.log('ok: the report renders its charts at desktop and phone widths, self-contained, with text escaped');
} finally {
  await browser?.close();
  await engine.stop();
}
