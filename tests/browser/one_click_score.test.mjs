// A person clicking a one-click score link in a real browser (Debian's Chromium)
// gets the score recorded at once and sees the rest of the survey with that
// score chosen; the same link fetched without running scripts records nothing.
//
//   TOUCHPOINT_BINARY=build/engine/touchpoint node tests/browser/one_click_score.test.mjs
import assert from 'node:assert/strict';
import { launchChromium, startEngine, waitFor } from './engine.mjs';

const engine = await startEngine('browser');
const { api } = engine;
let browser;

async function responsesOf(survey) {
  return (await api('GET', `/v1/responses?survey_id=${survey}`)).data;
}

try {
  const survey = await api('POST', '/v1/surveys', { template: 'nps', name: 'Browser NPS', locales: ['en', 'fr', 'nl'] });
  await api('PUT', '/v1/contacts/cust-browser', { email: 'nora@example.com', locale: 'nl' });
  const clicked = await api('POST', '/v1/invitations', { survey_id: survey.id, contact: 'cust-browser' });
  const scanned = await api('POST', '/v1/invitations', { survey_id: survey.id });

  // A mail scanner: fetches every score link, runs no scripts.
  for (let score = 0; score <= 10; ++score) {
    const page = await fetch(`${scanned.url}?score=${score}`);
    assert.equal(page.status, 200);
  }

  browser = await launchChromium();
  const page = await browser.newPage();
  // The email as a mail client shows it: one link per score; the person clicks 9.
  const links = Array.from({ length: 11 }, (_, s) => `<a id="score-${s}" href="${clicked.url}?score=${s}">${s}</a>`).join(' ');
  await page.setContent(`<p>How likely are you to recommend us?</p><p>${links}</p>`);
  await Promise.all([page.waitForURL(`${clicked.url}?score=9`), page.click('#score-9')]);

  const recorded = await waitFor(async () => (await responsesOf(survey.id)).find((r) => r.answers.q_score === 9),
    'the clicked score to be recorded');
  assert.equal(recorded.contact, 'cust-browser');
  assert.equal(recorded.channel, 'email');
  assert.equal(recorded.complete, false, 'the rest of the survey is still open');

  // The page shows the rest of the survey, in the contact's language, with 9 chosen.
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('input[name="q_score"][value="9"]').isChecked(), true);
  assert.equal(await page.locator('textarea[name="q_why"]').count(), 1);

  // Finishing the survey in the browser completes the same response.
  await page.fill('textarea[name="q_why"]', 'Snelle support <script>alert(1)</script>');
  await Promise.all([page.waitForLoadState('load'), page.locator('form#tp-survey button[type="submit"]').click()]);
  const finished = await waitFor(async () => (await responsesOf(survey.id)).find((r) => r.complete), 'the completed response');
  assert.equal(finished.id, recorded.id);
  assert.equal(finished.answers.q_why, 'Snelle support <script>alert(1)</script>');

  const all = await responsesOf(survey.id);
  assert.equal(all.length, 1, 'the scanner fetching every link recorded nothing');
  console.log('ok: a click records the score at once; a scanner fetching every link records nothing');
} finally {
  await browser?.close();
  await engine.stop();
}
