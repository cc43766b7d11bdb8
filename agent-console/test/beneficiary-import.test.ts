import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, RESULTS, screenshot } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

/** The supervisor's import screen against the real server: upload a CSV, read the counts, download the report. */
describe('beneficiary list import in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 1000 }, locale: 'en-IN', acceptDownloads: true });
    page = (await openPage(context, server.url)).page;
    page.setDefaultTimeout(15_000);
    dir = await mkdtemp(join(tmpdir(), 'samvad-import-'));
  });

  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a list, shows accepted and rejected rows with reasons, and downloads the report', async () => {
    const enrolment = await server.prisma.enrolment.findFirstOrThrow({ include: { resident: true, household: { include: { block: true } } }, orderBy: { id: 'asc' } });
    const { household, resident } = enrolment;
    const file = join(dir, `list-${Date.now()}.csv`);
    await writeFile(
      file,
      [
        'Ben. No.,name,gender,birth_year,district,block,mobile',
        `${enrolment.beneficiaryId},${resident.nameEn},F,${resident.birthDate.getUTCFullYear()},${household.districtCode},${household.block.lgdCode},9123456780`,
        `NEW-${Date.now()},Kamla Bai,F,1975,${household.districtCode},${household.block.lgdCode},9123456781`,
        `BAD-1,Ram123,X,19xx,999,,12345`,
      ].join('\n') + '\n',
    );

    await page.goto('/login');
    await page.getByLabel('Username').fill('supervisor1');
    await page.getByLabel('Password').fill('samvad-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Import a beneficiary list' }).click();
    await page.getByLabel('Scheme code').fill(enrolment.schemeCode);
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByLabel('Column mapping (optional)').fill('{"beneficiary_id":"Ben. No."}');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const report = page.getByTestId('import-report');
    await expect.poll(() => report.getByTestId('import-count-accepted').textContent()).toBe('2');
    expect(await report.getByTestId('import-count-matched').textContent()).toBe('1');
    expect(await report.getByTestId('import-count-unmatched').textContent()).toBe('1');
    expect(await report.getByTestId('import-count-rejected').textContent()).toBe('1');
    expect(await report.getByTestId('import-reasons').textContent()).toContain('district_unknown');
    await screenshot(page, 'supervisor-beneficiary-import', RESULTS);

    const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Download the report (CSV)' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.split('\n')[0]).toBe('line,beneficiary_id,name,outcome,reasons,match_method,candidate_count,resident_id');
    expect(text).toContain(`2,${enrolment.beneficiaryId},${resident.nameEn},matched,,beneficiary_id,1,${resident.id}`);
    expect(text).toMatch(/\n4,BAD-1,Ram123,rejected,[a-z_;]*district_unknown/);

    // a file without the mapped header: the server's reason is shown
    const unreadable = join(dir, 'no-columns.csv');
    await writeFile(unreadable, 'name,gender\nRam,M\n');
    await page.getByLabel('CSV file').setInputFiles(unreadable);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toContain('The mapping names headers that are not in the file: "Ben. No."');
  });
});
