import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../support/server';
import { hasChromium, launchChromium, noteSkipped } from './browser';

const suite = hasChromium ? describe : describe.skip;
if (!hasChromium) noteSkipped();

suite('the web chat page in headless Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  async function sendAndAwait(text: string, expected: RegExp): Promise<void> {
    const box = page.locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input').first();
    await box.waitFor({ timeout: 20_000 });
    await box.fill(text);
    await box.press('Enter');
    await page.getByText(expected).first().waitFor({ timeout: 20_000 });
  }

  it('a visitor types in Web Chat and gets the bot’s answer', async () => {
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByText(/chatting as a visitor/).first().waitFor({ timeout: 20_000 });
    await sendAndAwait('help', /I can help with: Exchange Online/);
  }, 60_000);

  it('a demo user chats in French', async () => {
    await page.goto(`${server.url}/?lang=fr&user=alice&autostart=1`);
    await page.getByText(/Vous êtes administrateur de Contoso/).first().waitFor({ timeout: 20_000 });
    await sendAndAwait('aide', /Je peux vous aider pour/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  }, 60_000);

  it('an admin clicks through articles, triage and the form to a case number, on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(`${server.url}/?lang=en&user=carol&autostart=1`);
    await page.getByText(/administrator of Fabrikam/).first().waitFor({ timeout: 20_000 });
    await sendAndAwait('Since this morning nobody in the company can send or receive email', /Did one of these solve it/);
    await page.getByRole('button', { name: 'Not solved' }).last().click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Confirm' }).last().click({ timeout: 20_000 });
    const title = page.getByLabel(/Title/).last();
    await title.waitFor({ timeout: 20_000 });
    // An invalid form comes back in place, with the error beside the field.
    await title.fill('x');
    await page.getByRole('button', { name: 'Send the request' }).last().click();
    await page.getByText(/Give the request a title of 5 to 200 characters/).first().waitFor({ timeout: 20_000 });
    expect(await page.getByLabel(/Title/).count()).toBe(1);
    await page.getByLabel(/Title/).last().fill('Mail outage for the whole company');
    await page.getByRole('button', { name: 'Send the request' }).last().click();
    await page.getByText(/Your request SR-\d{6} is open/).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(tmpdir(), 'webchat-escalation.png') });
    const listed = await server.cases.queue({ kind: 'system', userId: 'test' }, { tenant: 'fabrikam' });
    expect(listed).toHaveLength(1);
    expect(listed[0].severity).toBe('A');
  }, 90_000);
});
