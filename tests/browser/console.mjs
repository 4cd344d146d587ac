// Browser test of `adjudicator console` through headless Chromium (the
// system's chromium, driven by puppeteer-core). Usage:
//   node console.mjs BASE_URL SHOTS_DIR
// Signs in, searches, opens a claim whose patient name holds <script>,
// works a pended line to paid, re-runs a claim with a reason and sees the
// new version in the structured claim view, re-runs every claim of a search
// (dry-run diff, commit, new versions), checks that a viewer is refused both
// re-runs and that a POST without its CSRF token is refused, signs out. Prints "N passed, N failed".
import puppeteer from 'puppeteer-core';

const [base, shots] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log('ok   ' + what); }
  else { failed++; console.log('FAIL ' + what); }
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
page.setDefaultTimeout(15000);
let alerts = 0;
page.on('dialog', async (d) => {
  if (d.type() === 'confirm') await d.accept(); // the commit's "are you sure"
  else { alerts++; await d.dismiss(); }
});
const text = (sel) => page.$eval(sel, (e) => e.textContent);
async function submit(formSel) {
  await Promise.all([page.waitForNavigation(), page.$eval(formSel, (f) => f.requestSubmit())]);
}
async function signIn(login, password) {
  await page.goto(base + '/login');
  await page.type('#login input[name=login]', login);
  await page.type('#login input[name=password]', password);
  await submit('#login');
}

try {
  // sign in
  await signIn('alice', 'correct horse battery');
  check(new URL(page.url()).pathname === '/', 'signed in, on the search page');
  const cookies = await page.cookies();
  const sid = cookies.find((c) => c.name === 'sid');
  check(sid && sid.httpOnly && sid.sameSite === 'Strict', 'session cookie HttpOnly, SameSite=Strict');

  // search by claim number in another case
  await page.type('#search input[name=claim]', 'psf-1001');
  await submit('#search');
  const rows = await page.$$eval('#results tr', (r) => r.length - 1);
  check(rows === 2, 'search finds both PSF-1001 claims (' + rows + ')');
  check(!page.url().includes('psf-1001'), 'no search value in the URL');

  // a claim whose patient name holds <script>: rendered as text
  await page.goto(base + '/');
  await page.type('#search input[name=claim]', 'PND-5004');
  await submit('#search');
  await Promise.all([page.waitForNavigation(), page.click('#results a')]);
  const show = await text('#show');
  check((await text('#patient')).includes('RIVERA<script>alert(1)</script>, ANA'),
        'hostile patient name shown as text');
  const scripts = await page.$$eval('script', (s) => s.map((x) => x.getAttribute('src')));
  check(scripts.length === 1 && scripts[0] === '/static/app.js', 'no script but the app file');
  check(alerts === 0, 'no script ran from claim data');
  const raw = await text('#raw');
  check(raw.includes('CLM*PND-5004') && raw.includes('~\n'), 'raw 837 segments shown, one a line');
  check(show.includes('CARC') && (await page.$$('#v1 table.lines tr.line')).length === 1,
        'decision shown as a table of lines');
  await page.screenshot({ path: shots + '/console-claim-hostile.png', fullPage: true });

  // the pend queue: pay the suspect duplicate, naming its match
  await page.goto(base + '/pend');
  await page.screenshot({ path: shots + '/console-pend.png', fullPage: true });
  const before = await text('#pend-count');
  const row = await page.evaluateHandle(() =>
    [...document.querySelectorAll('#pend tr')].find((tr) => tr.textContent.includes('PND-5002')));
  const form = await row.$('form.decide');
  await (await form.$('input[name=reason]')).type('second visit, not a duplicate of PND-5001');
  await Promise.all([page.waitForNavigation(), form.evaluate((f) => f.requestSubmit())]);
  const done = await text('#done');
  check(done.includes('pay allowed 149.30 paid 119.44'), 'pended line paid: ' + done.trim());
  await page.goto(base + '/pend');
  check((await text('#pend-count')) !== before, 'the queue shrank');

  // re-run a claim with a reason: dry run, then commit, then the new version
  await page.goto(base + '/');
  await page.type('#search input[name=claim]', 'MP-3001');
  await submit('#search');
  await Promise.all([page.waitForNavigation(), page.click('#results a')]);
  const claimUrl = page.url();
  await page.type('#rerun input[name=reason]', 'provider kind corrected');
  await submit('#rerun');
  const diff = await text('#diff');
  check(diff.includes('deny CO-170 N95') && diff.includes('-> pay'), 'dry run shows old -> new');
  await submit('#commit');
  check((await text('#done')).includes('Written'), 're-run committed');
  await page.goto(claimUrl);
  check((await text('#v2 h3')).includes('in force') && (await text('#v2 .why')) === 'provider kind corrected' &&
        (await text('#v2 .user')) === 'alice', 'the new version with who and why');
  const cells = async (v) => page.$$eval(v + ' table.lines tr.line td', (t) => t.map((x) => x.textContent));
  const v1 = await cells('#v1'), v2 = await cells('#v2');
  check(v1[4] === 'deny' && v1[5].includes('CO-170') && v1[5].includes('N95') && v1[5].length > 20,
        'version 1: deny CO-170 N95 with their text (' + v1[5].slice(0, 40) + ')');
  check(v2[4] === 'pay' && /^\d+\.\d\d$/.test(v2[9]) && Number(v2[9]) > 0, 'version 2: pay, paid ' + v2[9]);
  check((await text('#v2 table.trace')).includes('provider'), 'rule trace shown');
  check((await text('#sent')).length > 0 && (await page.$('#deps')) !== null, 'sent-back and dependents sections');
  await page.screenshot({ path: shots + '/console-claim.png', fullPage: true });

  // re-run every claim of a search: MBR1002's paid claims (their plan's
  // coinsurance changed), dry run first, then commit
  await page.goto(base + '/');
  await page.type('#search input[name=member]', 'MBR1002');
  await page.select('#search select[name=outcome]', 'pay');
  await submit('#search');
  const matched = await page.$$eval('#results tr', (r) => r.length - 1);
  check(matched >= 2 && (await page.$('#rerun-filter')) !== null, 'a supervisor may re-run the ' + matched + ' claims found');
  await page.type('#rerun-filter input[name=reason]', 'SILVER-PPO coinsurance corrected');
  await submit('#rerun-filter');
  const counts = await text('#counts');
  const fdiff = await text('#diff');
  check(Number(await text('#matched')) === matched && /\d+ changed; \d+ lines?, [1-9]\d* changed/.test(counts),
        'filter dry run counts: ' + counts.trim());
  check(fdiff.includes(' -> ') && fdiff.includes('paid'), 'filter dry run lists the changed lines');
  await submit('#commit');
  check((await text('#done')).includes('Written') && /[1-9]\d* decisions written/.test(await text('#counts')),
        'filter re-run committed: ' + (await text('#counts')).trim());
  const changedPcn = fdiff.match(/payer claim control number (\d+)/);
  if (changedPcn) {
    await page.goto(base + '/claim/' + changedPcn[1]);
    check((await text('#v2 .why')) === 'SILVER-PPO coinsurance corrected', 'a new version from the filter re-run');
  } else check(false, 'a changed claim named in the diff');

  // a POST without its CSRF token is refused
  // (the CSP forbids fetch(): a plain form without the token, as a forged
  // cross-site form would be)
  async function postForm(action, fields) {
    const [resp] = await Promise.all([page.waitForNavigation(), page.evaluate((a, f) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = a;
      for (const [k, v] of Object.entries(f)) {
        const i = document.createElement('input');
        i.type = 'hidden'; i.name = k; i.value = v;
        form.appendChild(i);
      }
      document.body.appendChild(form);
      form.submit();
    }, action, fields)]);
    return resp.status() + ' ' + (await page.content()).replace(/<[^>]*>/g, ' ');
  }
  const forged = await postForm('/search', { claim: 'MP-3001' });
  check(forged.startsWith('403') && forged.includes('CSRF token is missing'),
        'POST without CSRF token refused (' + forged.slice(0, 3) + ')');

  // sign out ends the session
  await submit('header form');
  check(new URL(page.url()).pathname === '/login', 'signed out');
  await page.goto(claimUrl);
  check(new URL(page.url()).pathname === '/login', 'the old session is gone');

  // a viewer: no re-run form, and a forged re-run POST is refused
  await signIn('victor', 'viewer password 1');
  await page.goto(claimUrl);
  check((await page.$('#rerun')) === null, 'a viewer sees no re-run form');
  const csrf = await page.$eval('input[name=csrf]', (i) => i.value);
  const refused = await postForm(new URL(claimUrl).pathname + '/rerun',
                                 { csrf: csrf, reason: 'try' });
  check(refused.startsWith('403') && refused.includes('a viewer cannot re-run'),
        'a viewer is refused a re-run (' + refused.slice(0, 3) + ')');
  await page.goto(base + '/');
  await page.type('#search input[name=member]', 'MBR1002');
  await submit('#search');
  check((await page.$('#rerun-filter')) === null, 'a viewer sees no filter re-run form');
  const csrf2 = await page.$eval('input[name=csrf]', (i) => i.value);
  const refused2 = await postForm('/search/rerun', { csrf: csrf2, member: 'MBR1002', reason: 'try', commit: '1' });
  check(refused2.startsWith('403') && refused2.includes('only a supervisor'),
        'a viewer is refused a filter re-run (' + refused2.slice(0, 3) + ')');
  const forged2 = await postForm('/search/rerun', { member: 'MBR1002', reason: 'try', commit: '1' });
  check(forged2.startsWith('403') && forged2.includes('CSRF token is missing'),
        'a filter re-run POST without CSRF token refused (' + forged2.slice(0, 3) + ')');
} catch (e) {
  failed++;
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
