// Issue 11: 使用共性指标框架 follows the chosen rule set. For each of the
// presets a new project gets exactly that preset's 一级 set and weights, and
// the 体检 raises nothing about the framework or the weights.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_TARGET, assertClean, openApp, sharedBrowser } from './harness.mjs';

const browser = sharedBrowser(before, after);
const target = FILE_TARGET;

/** Each preset as its rule text states it (scoring-rules §2). */
const PRESETS = [
  { name: '财政部标准', level1: [['产出指标', '50'], ['效益指标', '30'], ['满意度指标', '10']] },
  { name: '不设满意度指标', level1: [['产出指标', '50'], ['效益指标', '40']] },
  { name: '成本指标单列', level1: [['产出指标', '40'], ['成本指标', '20'], ['效益指标', '20'], ['满意度指标', '10']] },
  { name: '湖北', level1: [['产出指标', ''], ['效益指标', ''], ['满意度指标', '']] },
  { name: '江西/101号分档计分', level1: [['产出指标', '50'], ['效益指标', '30'], ['满意度指标', '10']] },
  { name: '中央部门（101号计分）', level1: [['产出指标', '50'], ['效益指标', '30'], ['满意度指标', '10']] },
];

/** What the old button got wrong: framework shape and weight findings. */
const FRAMEWORK_OR_WEIGHT = /不在所选规则的框架内|未设置|原则上|与 100 分相差|分值合计/;

for (const preset of PRESETS) {
  test(`the framework under 「${preset.name}」 has its 一级 and weights, and no framework or weight finding`, async () => {
    const app = await openApp(browser(), target);
    const { page } = app;
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
    await page.locator('#f-rules').selectOption({ label: preset.name });
    await page.getByRole('button', { name: '使用共性指标框架' }).click();

    const rows = page.locator('.level1-cell');
    await rows.nth(preset.level1.length - 1).waitFor();
    const tree = [];
    for (let n = 0; n < (await rows.count()); n++) {
      const row = rows.nth(n);
      tree.push([await row.getByLabel('一级指标', { exact: true }).inputValue(), await row.getByLabel('一级分值').inputValue()]);
    }
    assert.deepEqual(tree, preset.level1);
    // Every 一级 has its 二级 groups to add indicators to.
    assert.ok((await page.locator('.row-level2').count()) >= preset.level1.length);

    const findings = await page.locator('.findings li').allTextContents();
    const wrong = findings.filter((f) => FRAMEWORK_OR_WEIGHT.test(f));
    assert.deepEqual(wrong, [], `findings: ${findings.join(' | ')}`);

    // Applying it again changes nothing.
    await page.getByRole('button', { name: '使用共性指标框架' }).click();
    assert.equal(await rows.count(), preset.level1.length);
    assertClean(assert, app);
    await app.close();
  });
}
